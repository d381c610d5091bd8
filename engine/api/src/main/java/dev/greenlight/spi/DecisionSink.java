package dev.greenlight.spi;

import dev.greenlight.model.Decision;
import dev.greenlight.model.Submission;
import org.pf4j.ExtensionPoint;

/**
 * Receives every decision after the engine has recorded it in the audit log, e.g. to ship it to a
 * database or a stream. The audit log, not a sink, is the system of record: a sink that fails or is
 * slow never changes or delays a decision.
 *
 * <p>Each sink is called from one thread of its own, in log order. With an audit log the engine
 * reads the log by cursor for the sink: when {@link #accept} throws (the store is down), the same
 * record is offered again with backoff until it is accepted, so a sink gets every record exactly
 * once, after an outage too, and should be idempotent only across a crash of the engine between
 * accepting a record and saving its cursor. Without an audit log, records come through a bounded
 * queue and an exception drops the record (logged and counted).
 */
public interface DecisionSink extends ExtensionPoint {

    /** Prepares the sink; called once per plugin start. The default does nothing. */
    default void start(PluginContext context) {
    }

    /** One recorded decision and the submission it was made about (after redaction). */
    void accept(Decision decision, Submission submission);
}
