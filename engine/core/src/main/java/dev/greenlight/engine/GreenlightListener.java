package dev.greenlight.engine;

import dev.greenlight.audit.FulfilmentRecord;
import dev.greenlight.model.Decision;
import dev.greenlight.model.ShadowVerdict;
import dev.greenlight.model.Submission;

/**
 * Hears what the engine does, for metrics and monitoring ({@code GreenlightBuilder.listener}); the
 * Micrometer binding ({@code GreenlightBuilder.meterRegistry}) is one. Every method has a no-op
 * default, so a listener overrides only what it needs.
 *
 * <p>Contract: methods are called on the deciding (or reloading) thread, concurrently from many
 * threads; they must be fast, thread-safe and must not throw (what one throws is logged and
 * ignored). A listener is never the record of a decision: the audit log is.
 */
public interface GreenlightListener {
    /** Hears nothing. */
    GreenlightListener NONE = new GreenlightListener() { };

    /** Once, when the engine is built, before any decision: e.g. to register gauges that read it. */
    default void engineStarted(Greenlight engine) {
    }

    /**
     * A decision was made, recorded and is about to be returned.
     *
     * @param nanos how long {@code decide} took, plugins and audit append included
     */
    default void decided(Decision decision, long nanos) {
    }

    /** Deciding {@code submission} failed with {@code error} (e.g. the audit log could not record it): nothing was returned. */
    default void decisionFailed(Submission submission, RuntimeException error) {
    }

    /** The shadow rules decided beside {@code live} (only while a shadow runs). */
    default void shadowDecided(Decision live, ShadowVerdict shadow) {
    }

    /** One decision's record was appended to the audit log (durable) in {@code nanos}. */
    default void auditAppended(long nanos) {
    }

    /** A candidate rule set was loaded or refused, as the live rules or as the shadow. */
    default void rulesReloaded(ReloadResult result, boolean shadow) {
    }

    /** Conditions of a conditional approval were reported met and recorded in the audit log. */
    default void conditionsFulfilled(FulfilmentRecord fulfilment) {
    }

    /** The plugin set was reloaded, or a reload was refused. */
    default void pluginsReloaded(PluginReloadResult result) {
    }
}
