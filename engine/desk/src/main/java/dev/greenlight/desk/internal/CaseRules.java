package dev.greenlight.desk.internal;

import dev.greenlight.desk.Case;
import dev.greenlight.desk.CaseState;
import dev.greenlight.desk.DeskConfig;
import dev.greenlight.desk.PolicyCatalogue;
import dev.greenlight.desk.Queue;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Reason;
import dev.greenlight.model.Verdict;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Every durable transition of a case, as a pure function of what the audit log records: the live
 * desk and the rebuild from the log apply the same functions to the same records, so a rebuilt
 * queue equals the one before the restart (claims aside, which are not recorded).
 *
 * <p>Versions: a durable transition sets the version to the record's sequence number times
 * {@link #VERSION_STEP}; a claim, release or lapsed lease adds one. So versions only grow, a
 * rebuilt case has the version its last record gives it, and a version seen before a restart is
 * never mistaken for a later one after it.
 *
 * <p>On a store shared by several nodes (docs/contract.md §7, "Several nodes"), case ids carry the
 * short id of the log whose record names them ({@code c-<log12>-<seq>}, {@code a-<log12>-<seq>}), as
 * sequence numbers are unique only within one log; and as sequence numbers of different logs cannot
 * be compared, a durable transition sets the version to the larger of the current version plus one
 * and the record's seq times {@link #VERSION_STEP}, so versions only grow across nodes too. The same
 * functions name cases live and on rebuild. Thread-safe (stateless but for the log id, read once known).
 */
public final class CaseRules {
    /** Room for a million claims and releases between two records of one case. */
    public static final long VERSION_STEP = 1_000_000L;
    static final String REVIEW_PREFIX = "c-";
    static final String APPEAL_PREFIX = "a-";

    /** Characters of the log id in a shared store's case ids: 48 bits, no clash among a fleet's logs in practice. */
    public static final int SHORT_LOG = 12;

    private final DeskConfig config;
    private final PolicyCatalogue catalogue;
    /** The node's log id, on a shared store; null for a single node's desk. */
    private final Supplier<String> sharedLog;

    /** The rules of a single node's desk: ids and versions from its own log's sequence numbers. */
    public CaseRules(DeskConfig config, PolicyCatalogue catalogue) {
        this(config, catalogue, null);
    }

    /**
     * @param sharedLog for a desk on a store shared by several nodes: the id of this node's log (asked
     *     when the first case is named, by then the log has its record 1); null for a single node's desk
     */
    public CaseRules(DeskConfig config, PolicyCatalogue catalogue, Supplier<String> sharedLog) {
        this.config = config;
        this.catalogue = catalogue;
        this.sharedLog = sharedLog;
    }

    /** True on a store shared by several nodes. */
    public boolean shared() {
        return sharedLog != null;
    }

    /** The first {@link #SHORT_LOG} characters of a log id: what a shared store's case ids carry. */
    public static String shortLogId(String logId) {
        return logId.substring(0, Math.min(SHORT_LOG, logId.length()));
    }

    /** The id of the review case the record {@code seq} of this node's log opens. */
    public String reviewCase(long seq) {
        return sharedLog == null ? reviewCaseId(seq) : REVIEW_PREFIX + shortLogId(sharedLog.get()) + "-" + seq;
    }

    /** The id of the appeal case against the decision recorded as {@code decisionSeq} in this node's log. */
    public String appealCase(long decisionSeq) {
        return sharedLog == null ? appealCaseId(decisionSeq) : APPEAL_PREFIX + shortLogId(sharedLog.get()) + "-" + decisionSeq;
    }

    /** True for an appeal case against a decision of this node's log (every appeal case on a single node's desk). */
    public boolean isThisNodesAppeal(Case c) {
        return sharedLog == null || c.caseId().startsWith(APPEAL_PREFIX + shortLogId(sharedLog.get()) + "-");
    }

    /** The version after a durable transition of {@code c} by the record {@code seq} (see the class comment). */
    private long version(Case c, long seq) {
        return sharedLog == null ? seq * VERSION_STEP : Math.max(c.version() + 1, seq * VERSION_STEP);
    }

    /** True for a case an ESCALATE decision opened (not an appeal). */
    public static boolean isReviewCase(Case c) {
        return c.caseId().startsWith(REVIEW_PREFIX);
    }

    /** The id of the review case opened by the decision record {@code seq}, on a single node's desk. */
    public static String reviewCaseId(long seq) {
        return REVIEW_PREFIX + seq;
    }

    /** The id of the appeal case against the decision recorded as {@code decisionSeq}, on a single node's desk. */
    public static String appealCaseId(long decisionSeq) {
        return APPEAL_PREFIX + decisionSeq;
    }

    /** The area whose priority is highest among the policies of the decision's ESCALATE reasons (else of all its reasons). */
    public String area(Decision d) {
        String best = null;
        for (boolean escalateOnly : new boolean[] {true, false}) {
            for (Reason r : d.reasons()) {
                if (escalateOnly && r.verdict() != Verdict.ESCALATE) {
                    continue;
                }
                String a = catalogue.area(r.policy());
                if (!a.isEmpty() && (best == null || config.priority(a) > config.priority(best))) {
                    best = a;
                }
            }
            if (best != null) {
                return best;
            }
        }
        return "";
    }

    /** The case an ESCALATE decision recorded as {@code seq} opens in the review queue. */
    public Case open(long seq, Decision d) {
        String area = area(d);
        Instant at = d.decidedAt();
        return new Case(reviewCase(seq), d.decisionId(), d.submissionId(), Queue.REVIEW, CaseState.OPEN,
                config.priority(area), at, at.plus(config.sla(Queue.REVIEW, area)), seq * VERSION_STEP, null, null, null,
                area, null);
    }

    /**
     * The open case {@code c} joined by a later ESCALATE decision of the same submission (record
     * {@code seq}): it now stands for that decision; it keeps its queue, claim, opening and due time,
     * and takes the new decision's priority when that is higher.
     */
    public Case join(Case c, long seq, Decision d) {
        String area = area(d);
        int p = config.priority(area);
        boolean higher = p > c.priority();
        return new Case(c.caseId(), d.decisionId(), c.submissionId(), c.queue(), c.state(), higher ? p : c.priority(),
                c.openedAt(), c.dueAt(), version(c, seq), c.claimedBy(), c.leaseUntil(), null,
                higher ? area : c.area(), c.decidedBy());
    }

    /**
     * The case after a review (record {@code seq}) by {@code reviewer} at {@code at}: APPROVE and
     * REJECT close it; ESCALATE moves it, open and unclaimed, to the lead queue with the lead queue's
     * due time.
     */
    public Case reviewed(Case c, long seq, Verdict verdict, String reviewer, Instant at) {
        if (verdict == Verdict.ESCALATE) {
            return new Case(c.caseId(), c.decisionId(), c.submissionId(), Queue.LEAD, CaseState.OPEN, c.priority(),
                    c.openedAt(), at.plus(config.sla(Queue.LEAD, c.area())), version(c, seq), null, null, null, c.area(),
                    reviewer);
        }
        return new Case(c.caseId(), c.decisionId(), c.submissionId(), c.queue(), CaseState.CLOSED, c.priority(),
                c.openedAt(), c.dueAt(), version(c, seq), null, null, verdict, c.area(), reviewer);
    }

    /**
     * The case a review that escalates a decision with no undecided case opens (the CLI, or the older
     * review route, on a decision the rules decided): in the lead queue, named after the review record
     * {@code seq}.
     */
    public Case escalatedOutsideCase(long seq, String decisionId, String submissionId, String area, Instant at,
                                     String reviewer) {
        return new Case(reviewCase(seq), decisionId, submissionId, Queue.LEAD, CaseState.OPEN, config.priority(area), at,
                at.plus(config.sla(Queue.LEAD, area)), seq * VERSION_STEP, null, null, null, area, reviewer);
    }

    /**
     * The appeal case an artist's appeal (record {@code seq}, at {@code at}) opens against the decision
     * recorded as {@code decisionSeq}, of policy area {@code area}; {@code decidedBy} is who decided
     * what is appealed (never handed the appeal), null for the rules.
     */
    public Case appealed(long seq, long decisionSeq, String decisionId, String submissionId, String area, Instant at,
                         String decidedBy) {
        return new Case(appealCase(decisionSeq), decisionId, submissionId, Queue.APPEAL, CaseState.OPEN,
                config.priority(area), at, at.plus(config.sla(Queue.APPEAL, area)), seq * VERSION_STEP, null, null, null,
                area, decidedBy);
    }
}
