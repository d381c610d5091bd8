package dev.greenlight.desk;

import dev.greenlight.model.Verdict;
import java.time.Instant;
import java.util.Objects;

/**
 * A case of the review desk (docs/contract.md §7): one submission's ESCALATE decision (or one
 * artist's appeal) waiting for a human, in a queue. Immutable: every transition gives a new case
 * with a higher {@code version}.
 *
 * @param caseId       {@code c-<seq>} for a review case (the sequence number of the decision record that opened it),
 *                     {@code a-<seq>} for an appeal case (that of the decision appealed against)
 * @param decisionId   the latest decision of the case (a resubmission decided ESCALATE again joins the open case)
 * @param submissionId the submission
 * @param queue        where it waits or was closed
 * @param state        open, claimed or closed
 * @param priority     higher first; from the policy area of the decision's reasons ({@link DeskConfig})
 * @param openedAt     when the case opened (stays when a resubmission joins it)
 * @param dueAt        when it should be decided by: the SLA of its area and queue after it entered the queue
 * @param version      changed by every transition; a decision must quote the version it was made on
 * @param claimedBy    the account holding the claim; null unless claimed
 * @param leaseUntil   when the claim lapses; null unless claimed
 * @param finalVerdict the verdict that closed the case; null until closed
 * @param area         the policy area that set the priority, or {@code ""}
 * @param decidedBy    the last reviewer who decided the case (for an appeal case: who decided the case appealed against), or null
 */
public record Case(String caseId, String decisionId, String submissionId, Queue queue, CaseState state, int priority,
                   Instant openedAt, Instant dueAt, long version, String claimedBy, Instant leaseUntil,
                   Verdict finalVerdict, String area, String decidedBy) {
    public Case {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(decisionId, "decisionId");
        Objects.requireNonNull(submissionId, "submissionId");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(dueAt, "dueAt");
        area = area == null ? "" : area;
    }

    /** True when the case is still undecided at {@code now} and its due time has passed. */
    public boolean pastDue(Instant now) {
        return state != CaseState.CLOSED && now.isAfter(dueAt);
    }

    /** True unless closed. */
    public boolean isOpen() {
        return state != CaseState.CLOSED;
    }

    /** True when {@code account} holds the claim and its lease has not lapsed at {@code now}. */
    public boolean heldBy(String account, Instant now) {
        return state == CaseState.CLAIMED && account.equals(claimedBy) && leaseUntil != null && now.isBefore(leaseUntil);
    }
}
