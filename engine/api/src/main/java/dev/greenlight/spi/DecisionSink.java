package dev.greenlight.spi;

import dev.greenlight.model.Decision;
import dev.greenlight.model.Submission;
import org.pf4j.ExtensionPoint;

/**
 * Receives every decision after the engine has recorded it in the audit log, e.g. to ship it to a
 * database or a stream. The audit log, not a sink, is the system of record: a sink that fails or is
 * slow never changes or delays a decision.
 *
 * <p>{@link #accept} may be called from many threads at once; it must be thread-safe, fast, and
 * should not throw (an exception is logged and counted, and the decision stands).
 */
public interface DecisionSink extends ExtensionPoint {

    /** Prepares the sink; called once per plugin start. The default does nothing. */
    default void start(PluginContext context) {
    }

    /** One recorded decision and the submission it was made about (after redaction). */
    void accept(Decision decision, Submission submission);
}
