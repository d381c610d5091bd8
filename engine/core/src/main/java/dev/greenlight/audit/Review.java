package dev.greenlight.audit;

import dev.greenlight.model.Verdict;
import java.time.Instant;
import java.util.Objects;

/**
 * A reviewer's verdict on a logged decision, as recorded. The latest review of a decision gives its
 * final verdict; a review after the first (round 2, 3, …) is an appeal. Immutable.
 *
 * @param seq             the review record's sequence number in the log
 * @param decisionId      the decision reviewed
 * @param decisionSeq     the sequence number of the decision's record (the review also carries its hash)
 * @param submissionId    the submission the decision was about
 * @param reviewer        who reviewed (as given: an id or a name)
 * @param verdict         the reviewer's verdict, now the decision's final verdict
 * @param previousVerdict the verdict this review replaces: the engine's, or the previous review's
 * @param note            the reviewer's note ({@code ""} when none)
 * @param reviewedAt      when
 * @param round           1 for the first review, 2 and on for appeals
 * @param decisionLog     the id of the log holding the decision when it is another log than the review's
 *                        (a review desk shared by several nodes); null when the decision is in the same log
 */
public record Review(long seq, String decisionId, long decisionSeq, String submissionId, String reviewer,
                     Verdict verdict, Verdict previousVerdict, String note, Instant reviewedAt, int round,
                     String decisionLog) {
    /** A review of a decision in the same log. */
    public Review(long seq, String decisionId, long decisionSeq, String submissionId, String reviewer, Verdict verdict,
                  Verdict previousVerdict, String note, Instant reviewedAt, int round) {
        this(seq, decisionId, decisionSeq, submissionId, reviewer, verdict, previousVerdict, note, reviewedAt, round, null);
    }

    public Review {
        Objects.requireNonNull(decisionId, "decisionId");
        Objects.requireNonNull(reviewer, "reviewer");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(reviewedAt, "reviewedAt");
    }

    /** True for a review after the first one of the same decision. */
    public boolean isAppeal() {
        return round > 1;
    }
}
