package dev.greenlight.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds a decision and its reviews for a review of a decision the in-memory index no longer (or
 * never) held, through the log's index ({@link LogIndex}): the records themselves are read and
 * checked, not the log. Reads while the writer appends: an incomplete last line is not a record,
 * and everything a review can link to is before it. Thread-safe (stateless).
 */
final class DecisionLookup {
    private DecisionLookup() {
    }

    /** The decision's entry with its latest verdict and review count, or null when the log holds no such decision. */
    static DecisionIndex.Entry find(Path base, String decisionId) {
        List<AuditRecord> records;
        try {
            records = LogIndex.ofDecision(base, decisionId);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read audit log " + base + ": " + e.getMessage(), e);
        }
        DecisionIndex.Entry found = null;
        for (AuditRecord rec : records) {
            if (rec.isDecision()) {
                found = new DecisionIndex.Entry(rec.seq(), rec.hash(), RecordedModel.submissionId(rec.tree().path("decision")),
                        rec.verdict(), 0);
            } else if (found != null && rec.isReview()) {
                found = new DecisionIndex.Entry(found.seq(), found.hash(), found.submissionId(),
                        RecordedModel.verdict(rec.tree().path("review")), found.reviews() + 1);
            }
        }
        return found;
    }
}
