package dev.greenlight.audit;

import dev.greenlight.model.Fulfilment;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The fulfilment of conditions of a logged conditional approval, as recorded: a {@code fulfilment}
 * record chained into the log and linked to the decision's record by its sequence number and hash.
 * Immutable.
 *
 * @param seq          the fulfilment record's sequence number in the log
 * @param decisionId   the decision whose conditions were met
 * @param decisionSeq  the sequence number of the decision's record (the record also carries its hash)
 * @param submissionId the submission the decision was about
 * @param conditions   each condition met, with its evidence
 * @param fulfilledAt  when it was reported
 */
public record FulfilmentRecord(long seq, String decisionId, long decisionSeq, String submissionId,
                               List<Fulfilment> conditions, Instant fulfilledAt) {
    public FulfilmentRecord {
        Objects.requireNonNull(decisionId, "decisionId");
        Objects.requireNonNull(submissionId, "submissionId");
        conditions = List.copyOf(conditions);
        Objects.requireNonNull(fulfilledAt, "fulfilledAt");
    }
}
