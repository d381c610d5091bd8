package dev.greenlight.ship.postgres;

import dev.greenlight.audit.AuditRecord;
import dev.greenlight.audit.Review;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** The indexed columns of one record, taken from the record as read. Immutable. */
record RecordRow(String decisionId, String submissionId, String submitter, String verdict, Instant recordedAt,
                 String jsonb) {

    static RecordRow of(AuditRecord rec, byte[] line) {
        String text = new String(line, StandardCharsets.UTF_8);
        // PostgreSQL's jsonb cannot hold U+0000 in a string; the exact bytes stay in `line` either way
        String jsonb = text.contains("\\u0000") ? null : text;
        if (rec.isDecision()) {
            String submitter = rec.submitterId();
            return new RecordRow(rec.decisionId(), rec.submissionId(), submitter.isEmpty() ? null : submitter,
                    rec.verdict().name(), rec.decidedAt(), jsonb);
        }
        if (rec.isReview()) {
            Review r = rec.review();
            return new RecordRow(r.decisionId(), r.submissionId(), r.reviewer(), r.verdict().name(), r.reviewedAt(), jsonb);
        }
        if (rec.isCheckpoint()) {
            return new RecordRow(null, null, null, null, rec.checkpoint().at(), jsonb);
        }
        return new RecordRow(null, null, null, null, null, jsonb);
    }
}
