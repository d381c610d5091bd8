package dev.greenlight.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Finds a decision and its reviews by reading the log, for a review of a decision the index no
 * longer (or never) held. Reads while the writer appends: an incomplete last line is where the
 * reading stops, and everything a review can link to is before it. Thread-safe (stateless).
 */
final class DecisionLookup {
    private DecisionLookup() {
    }

    /** The decision's entry with its latest verdict and review count, or null when the log holds no such decision. */
    static DecisionIndex.Entry find(Path base, String decisionId) {
        DecisionIndex.Entry[] found = new DecisionIndex.Entry[1];
        try {
            LogScan.scan(base, rec -> {
                if (!decisionId.equals(rec.decisionId())) {
                    return null;
                }
                if (rec.isDecision()) {
                    found[0] = new DecisionIndex.Entry(rec.seq(), rec.hash(), RecordedModel.submissionId(rec.tree().path("decision")),
                            rec.verdict(), 0);
                } else if (found[0] != null && rec.isReview()) { // an appeal changes no verdict
                    DecisionIndex.Entry d = found[0];
                    found[0] = new DecisionIndex.Entry(d.seq(), d.hash(), d.submissionId(),
                            RecordedModel.verdict(rec.tree().path("review")), d.reviews() + 1);
                }
                return null;
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read audit log " + base + ": " + e.getMessage(), e);
        }
        return found[0];
    }
}
