package dev.greenlight.server.status;

import dev.greenlight.desk.Case;
import dev.greenlight.desk.CaseState;
import dev.greenlight.desk.DecisionView;
import dev.greenlight.desk.HistoryEntry;
import dev.greenlight.desk.PolicyCatalogue;
import dev.greenlight.desk.Queue;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Reason;
import dev.greenlight.model.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the artist may see of one decision, and nothing more (docs/contract.md §7): the verdict and
 * the reasons in plain words with their policies, whether a person looked and when, the due time of
 * a pending review, the appeal's state, the final outcome and its message. Built from the desk's
 * {@link DecisionView} by leaving out everything else: internal notes, reviewer names, queues,
 * signals, plugins, other submissions. Immutable.
 *
 * @param decisionId     the decision
 * @param submissionId   the artist's submission
 * @param verdict        the rules' verdict
 * @param decidedAt      when the rules decided
 * @param reasons        the reasons that carried the rules' verdict
 * @param review         the human review of an escalation
 * @param appeal         the artist's appeal
 * @param finalVerdict   the verdict that stands now (ESCALATE while a person has yet to decide)
 * @param finalMessages  what the artist is told about the verdict that stands: the reviewer's message, else the reasons
 */
public record StatusView(String decisionId, String submissionId, Verdict verdict, Instant decidedAt, List<StatusReason> reasons,
                         Review review, Appeal appeal, Verdict finalVerdict, List<String> finalMessages) {
    /** The longest appeal, in characters (the desk's limit). */
    public static final int APPEAL_MAX_CHARS = 2_000;

    public StatusView {
        Objects.requireNonNull(decisionId, "decisionId");
        reasons = List.copyOf(reasons);
        finalMessages = List.copyOf(finalMessages);
    }

    /**
     * One reason as the artist reads it.
     *
     * @param message     the plain words
     * @param policy      the policy id, or null
     * @param policyTitle the policy's public title, or null when the catalogue has none
     */
    public record StatusReason(String message, String policy, String policyTitle) {
    }

    /** The human review of an escalated decision. */
    public enum ReviewState {
        /** No person was asked to look. */
        NONE,
        /** A reviewer will look at it, by {@link Review#dueAt}. */
        PENDING,
        /** A person decided. */
        DONE
    }

    /**
     * @param state      none, pending or done
     * @param dueAt      when a pending review is due; null otherwise
     * @param reviewedAt when a person first decided; null until then
     * @param verdict    what the person decided; null until then
     * @param message    the person's message for the artist; null when none
     */
    public record Review(ReviewState state, Instant dueAt, Instant reviewedAt, Verdict verdict, String message) {
    }

    /** Where an appeal stands. */
    public enum AppealState {
        /** Nothing to appeal (the work may be published, or it is still being decided). */
        NOT_AVAILABLE,
        /** The artist may appeal, once. */
        AVAILABLE,
        /** Appealed; another reviewer will decide, by {@link Appeal#dueAt}. */
        PENDING,
        /** The appeal was decided. */
        DECIDED
    }

    /**
     * @param state      where the appeal stands
     * @param appealedAt when the artist appealed; null before
     * @param text       the artist's own words; null before
     * @param dueAt      when a pending appeal is due; null otherwise
     * @param decidedAt  when it was decided; null until then
     * @param overturned true when the appeal changed the verdict
     * @param verdict    the verdict after the appeal; null until decided
     * @param message    the reviewer's message for the artist; null when none
     */
    public record Appeal(AppealState state, Instant appealedAt, String text, Instant dueAt, Instant decidedAt,
                         boolean overturned, Verdict verdict, String message) {
    }

    /** The artist's view of {@code view}, with policy titles from {@code catalogue}. */
    public static StatusView of(DecisionView view, PolicyCatalogue catalogue) {
        Decision d = view.decision();
        List<StatusReason> reasons = new ArrayList<>();
        for (Reason r : d.reasons()) {
            if (r.verdict() == d.verdict()) {
                String policy = r.policy() == null || r.policy().isEmpty() ? null : r.policy();
                reasons.add(new StatusReason(r.message(), policy,
                        catalogue.get(policy).map(PolicyCatalogue.Policy::title).orElse(null)));
            }
        }
        Case c = view.openOrLastCase().orElse(null);
        boolean open = c != null && c.state() != CaseState.CLOSED;

        HistoryEntry firstReview = null;
        HistoryEntry appeal = null;
        HistoryEntry afterAppeal = null;
        HistoryEntry lastDeciding = null;
        Verdict beforeAppeal = d.verdict();
        for (HistoryEntry h : view.history()) {
            switch (h.type()) {
                case "review" -> {
                    if (h.verdict() == Verdict.ESCALATE) {
                        continue; // moved to a lead: still pending, and the artist is not told who looks
                    }
                    if (appeal == null) {
                        firstReview = firstReview == null ? h : firstReview;
                        beforeAppeal = h.verdict();
                    } else {
                        afterAppeal = h;
                    }
                    lastDeciding = h;
                }
                case "appeal" -> appeal = appeal == null ? h : appeal;
                default -> {
                }
            }
        }
        Review review;
        if (firstReview != null) {
            review = new Review(ReviewState.DONE, null, firstReview.at(), firstReview.verdict(), blankToNull(firstReview.artistMessage()));
        } else if (open && c.queue() != Queue.APPEAL) {
            review = new Review(ReviewState.PENDING, c.dueAt(), null, null, null);
        } else {
            review = new Review(ReviewState.NONE, null, null, null, null);
        }

        Verdict fin = view.finalVerdict();
        Appeal appealView;
        if (appeal != null && afterAppeal != null) {
            appealView = new Appeal(AppealState.DECIDED, appeal.at(), appeal.artistMessage(), null, afterAppeal.at(),
                    afterAppeal.verdict() != beforeAppeal, afterAppeal.verdict(), blankToNull(afterAppeal.artistMessage()));
        } else if (appeal != null) {
            appealView = new Appeal(AppealState.PENDING, appeal.at(), appeal.artistMessage(),
                    open && c.queue() == Queue.APPEAL ? c.dueAt() : null, null, false, null, null);
        } else if (!open && fin != Verdict.APPROVE && fin != Verdict.ESCALATE) {
            appealView = new Appeal(AppealState.AVAILABLE, null, null, null, null, false, null, null);
        } else {
            appealView = new Appeal(AppealState.NOT_AVAILABLE, null, null, null, null, false, null, null);
        }

        List<String> messages = new ArrayList<>();
        if (lastDeciding != null && lastDeciding.artistMessage() != null && !lastDeciding.artistMessage().isBlank()) {
            messages.add(lastDeciding.artistMessage());
        } else if (lastDeciding == null) {
            reasons.forEach(r -> messages.add(r.message()));
        }
        return new StatusView(d.decisionId(), d.submissionId(), d.verdict(), d.decidedAt(), reasons, review, appealView,
                fin, messages);
    }

    /** True while a person has yet to decide (a review or an appeal is pending). */
    public boolean pending() {
        return review.state() == ReviewState.PENDING || appeal.state() == AppealState.PENDING;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
