package dev.greenlight.audit;

import dev.greenlight.model.Verdict;
import java.util.Objects;

/**
 * What a caller that has read the log knows of a decision's record, so that a review or appeal of
 * it is linked without reading the log again (the review desk keeps this for every decision it
 * rebuilt). Used only when the log's own index of recent decisions no longer holds the decision;
 * the caller vouches for it, as it read it from this log.
 *
 * @param decisionId    the decision
 * @param seq           its record's sequence number
 * @param hash          its record's hash
 * @param submissionId  the submission it decided
 * @param latestVerdict the verdict that stands now (the last review's, else the engine's)
 * @param reviews       how many reviews of it the log holds (for a decision in another log: how many
 *                      reviews of it all logs hold, as the shared review desk counts them)
 * @param log           the id of the log that holds the decision when it is not the log the review or
 *                      appeal is written to (a review desk shared by several nodes: docs/contract.md §7);
 *                      null for a decision in the same log
 */
public record DecisionRef(String decisionId, long seq, String hash, String submissionId, Verdict latestVerdict,
                          int reviews, String log) {
    /** A decision in the same log. */
    public DecisionRef(String decisionId, long seq, String hash, String submissionId, Verdict latestVerdict, int reviews) {
        this(decisionId, seq, hash, submissionId, latestVerdict, reviews, null);
    }

    public DecisionRef {
        if (log != null && !log.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a log id is 64 lower-case hex digits, was: " + log);
        }
        Objects.requireNonNull(decisionId, "decisionId");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(submissionId, "submissionId");
        Objects.requireNonNull(latestVerdict, "latestVerdict");
        if (seq < 1 || reviews < 0) {
            throw new IllegalArgumentException("a decision record has seq 1 or more and no negative review count");
        }
    }
}
