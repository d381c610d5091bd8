package dev.greenlight.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * An artist's appeal against a logged decision, as recorded in an {@code appeal} record: linked to
 * the decision's record by sequence number and hash, like a review. The appeal's outcome is a later
 * review. Immutable.
 *
 * @param seq          the appeal record's sequence number
 * @param decisionId   the decision appealed against
 * @param decisionSeq  the sequence number of the decision's record
 * @param submissionId the submission the decision was about
 * @param caseId       the desk's case the appeal opened, or null
 * @param text         the artist's words
 * @param appealedAt   when
 */
public record Appeal(long seq, String decisionId, long decisionSeq, String submissionId, String caseId, String text,
                     Instant appealedAt) {
    public Appeal {
        Objects.requireNonNull(decisionId, "decisionId");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(appealedAt, "appealedAt");
    }
}
