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
 * @param reviews       how many reviews of it the log holds
 */
public record DecisionRef(String decisionId, long seq, String hash, String submissionId, Verdict latestVerdict,
                          int reviews) {
    public DecisionRef {
        Objects.requireNonNull(decisionId, "decisionId");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(submissionId, "submissionId");
        Objects.requireNonNull(latestVerdict, "latestVerdict");
        if (seq < 1 || reviews < 0) {
            throw new IllegalArgumentException("a decision record has seq 1 or more and no negative review count");
        }
    }
}
