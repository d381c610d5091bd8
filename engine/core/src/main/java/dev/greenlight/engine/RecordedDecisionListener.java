package dev.greenlight.engine;

import dev.greenlight.model.Decision;
import dev.greenlight.model.Submission;

/**
 * Hears of each decision once its audit record is durable, with the record's sequence number: how
 * the review desk learns of new {@code ESCALATE} decisions without reading the log again
 * ({@link Greenlight#addRecordedListener}). Only an engine with an audit log calls it.
 *
 * <p>Contract: called on the deciding thread (for a batch, on the committing thread, in the batch's
 * order) after the record is durable and before the decision is returned; concurrently from many
 * threads, so calls for different decisions may arrive out of sequence order. Must be fast,
 * thread-safe, and must not throw (what it throws is logged and ignored: the decision stands).
 */
@FunctionalInterface
public interface RecordedDecisionListener {
    /**
     * @param seq        the decision record's sequence number in the audit log
     * @param decision   the decision as returned
     * @param submission the submission as decided (before any redaction of the record)
     */
    void recorded(long seq, Decision decision, Submission submission);
}
