package dev.greenlight.ship.postgres;

import dev.greenlight.audit.AuditRecord;
import dev.greenlight.audit.Review;
import java.time.Instant;

/** The indexed columns of one record, taken from the record as read. Immutable. */
record RecordRow(String decisionId, String submissionId, String submitter, String verdict, Instant recordedAt) {

    static RecordRow of(AuditRecord rec) {
        if (rec.isDecision()) {
            String submitter = rec.submitterId();
            return new RecordRow(rec.decisionId(), rec.submissionId(), submitter.isEmpty() ? null : submitter,
                    rec.verdict().name(), rec.decidedAt());
        }
        if (rec.isReview()) {
            Review r = rec.review();
            return new RecordRow(r.decisionId(), r.submissionId(), r.reviewer(), r.verdict().name(), r.reviewedAt());
        }
        if (rec.isCheckpoint()) {
            return new RecordRow(null, null, null, null, rec.checkpoint().at());
        }
        return new RecordRow(null, null, null, null, null);
    }
}
