package dev.greenlight.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.engine.Greenlight;
import dev.greenlight.host.PluginStatus;
import dev.greenlight.model.RulesetRef;
import dev.greenlight.server.callback.CallbackDelivery;
import java.util.function.BooleanSupplier;

/**
 * Readiness that tells the truth: the server is ready only while a decision can come out as the
 * rules mean it. Each check is {@code UP} or {@code DOWN} with a {@code detail}: {@code rules} (some
 * are loaded), {@code plugins} (none failed to load or start: with a failed plugin every decision
 * that needs it escalates), {@code sinks} (no decision sink lags behind the audit log past the
 * limit), {@code shipping} (when the log is shipped: no shipper lags past that limit), {@code desk} (with a
 * review desk: no recorded case has waited past that limit for a shared case store that could not take it),
 * {@code callbacks} (when configured: not lagging
 * behind the audit log past their limit), {@code audit} (the log records), {@code server} (not shutting down).
 * Any check DOWN makes the status {@code DOWN} and the answer 503, so a load balancer sends traffic
 * elsewhere; {@code reasons} lists why in words.
 *
 * <p>Thread-safe: it reads the engine's state on every call.
 */
final class Health {
    private final Greenlight engine;
    private final BooleanSupplier draining;
    private final java.time.Duration sinkLagLimit;
    /** Log shippers (PostgreSQL, Kafka) by target name: how far each lags behind the audit log. */
    private final java.util.Map<String, java.util.function.Supplier<java.time.Duration>> shipLags;
    private final java.util.function.Supplier<CallbackDelivery> callbacks;
    /** The review desk; null without one. */
    private final dev.greenlight.desk.ReviewDesk desk;

    /** {@code callbacks}: gives null while none run; {@code shipLags}: empty while nothing ships. */
    Health(Greenlight engine, BooleanSupplier draining, java.time.Duration sinkLagLimit,
           java.util.function.Supplier<CallbackDelivery> callbacks,
           java.util.Map<String, java.util.function.Supplier<java.time.Duration>> shipLags,
           dev.greenlight.desk.ReviewDesk desk) {
        this.desk = desk;
        this.engine = engine;
        this.draining = draining;
        this.sinkLagLimit = sinkLagLimit;
        this.callbacks = callbacks;
        this.shipLags = shipLags;
    }

    Reply ready() {
        ObjectNode out = Reply.F.objectNode();
        ObjectNode checks = Reply.F.objectNode();
        ArrayNode reasons = Reply.F.arrayNode();

        RulesetRef rules = engine.ruleset();
        boolean rulesUp = rules != null && engine.ruleCount() > 0;
        checks.putObject("rules").put("status", rulesUp ? "UP" : "DOWN").put("version", rules == null ? null : rules.version())
                .put("detail", rulesUp ? engine.ruleCount() + " rules loaded" : "no rules are loaded: every decision gets the default verdict");
        if (!rulesUp) {
            reasons.add("no rules are loaded");
        }

        ObjectNode plugins = checks.putObject("plugins");
        ArrayNode failed = plugins.putArray("failed");
        for (PluginStatus p : engine.plugins()) {
            if (!PluginStatus.STARTED.equals(p.state())) {
                failed.addObject().put("id", p.id()).put("state", p.state()).put("problem", p.problem());
                reasons.add("plugin " + p.id() + " " + p.state().toLowerCase(java.util.Locale.ROOT) + ": " + p.problem());
            }
        }
        plugins.put("status", failed.isEmpty() ? "UP" : "DOWN")
                .put("detail", failed.isEmpty() ? engine.plugins().size() + " plugins started"
                        : failed.size() + " plugins failed to load or start: decisions that need them escalate");

        ObjectNode sinks = checks.putObject("sinks");
        ArrayNode lagging = sinks.putArray("lagging");
        engine.sinkLags().forEach((id, lag) -> {
            if (lag.compareTo(sinkLagLimit) > 0) {
                lagging.addObject().put("plugin", id).put("lagSeconds", lag.toMillis() / 1000.0);
                reasons.add("the decision sink of plugin " + id + " is " + lag.toSeconds() + " s behind the audit log (limit "
                        + sinkLagLimit.toSeconds() + " s)");
            }
        });
        sinks.put("status", lagging.isEmpty() ? "UP" : "DOWN").put("detail", lagging.isEmpty()
                ? "every decision sink within " + sinkLagLimit.toSeconds() + " s" : lagging.size() + " decision sinks lag");

        if (!shipLags.isEmpty()) {
            ObjectNode shipping = checks.putObject("shipping");
            ArrayNode behind = shipping.putArray("lagging");
            shipLags.forEach((target, lagOf) -> {
                java.time.Duration lag = lagOf.get();
                if (lag.compareTo(sinkLagLimit) > 0) {
                    behind.addObject().put("target", target).put("lagSeconds", lag.toMillis() / 1000.0);
                    reasons.add("shipping the audit log to " + target + " is " + lag.toSeconds()
                            + " s behind (limit " + sinkLagLimit.toSeconds() + " s); decisions are still recorded locally");
                }
            });
            shipping.put("status", behind.isEmpty() ? "UP" : "DOWN").put("detail", behind.isEmpty()
                    ? "every shipper within " + sinkLagLimit.toSeconds() + " s" : behind.size() + " shippers lag");
        }

        if (desk != null) {
            desk(desk, sinkLagLimit, checks, reasons);
        }

        CallbackDelivery delivery = callbacks.get();
        if (delivery != null) {
            callbacks(delivery, checks, reasons);
        }

        var failure = engine.auditFailure();
        ObjectNode audit = checks.putObject("audit").put("status", failure.isPresent() ? "DOWN" : "UP");
        failure.ifPresent(f -> {
            audit.put("detail", f);
            reasons.add("the audit log failed: " + f);
        });

        boolean stopping = draining.getAsBoolean();
        checks.putObject("server").put("status", stopping ? "DOWN" : "UP").put("detail", stopping ? "shutting down" : "serving");
        if (stopping) {
            reasons.add("shutting down");
        }

        boolean up = reasons.isEmpty();
        out.put("status", up ? "UP" : "DOWN");
        out.set("checks", checks);
        out.set("reasons", reasons);
        return Reply.json(up ? 200 : 503, out);
    }

    /**
     * DOWN while cases the shared case store could not take (PostgreSQL down) have waited longer than
     * {@code limit}: decisions are still recorded, but reviewers on other nodes do not see those cases.
     */
    private static void desk(dev.greenlight.desk.ReviewDesk desk, java.time.Duration limit, ObjectNode checks,
                             ArrayNode reasons) {
        int waiting = desk.unoffered();
        java.time.Duration waited = desk.unofferedSince()
                .map(t -> java.time.Duration.between(t, java.time.Instant.now())).orElse(java.time.Duration.ZERO);
        boolean up = waiting == 0 || waited.compareTo(limit) <= 0;
        checks.putObject("desk").put("status", up ? "UP" : "DOWN").put("unofferedCases", waiting)
                .put("waitedSeconds", waited.toMillis() / 1000.0)
                .put("detail", waiting == 0 ? "the case store holds every case"
                        : waiting + " cases wait for the case store to take them (for " + waited.toSeconds() + " s)");
        if (!up) {
            reasons.add(waiting + " review cases have waited " + waited.toSeconds() + " s for the case store to take them (limit "
                    + limit.toSeconds() + " s); decisions are still recorded locally");
        }
    }

    /** DOWN while callbacks lag past their limit; a failing delivery shows its last error either way. */
    private static void callbacks(CallbackDelivery callbacks, ObjectNode checks, ArrayNode reasons) {
        java.time.Duration lag = callbacks.lag();
        java.time.Duration limit = callbacks.config().lagLimit();
        boolean up = lag.compareTo(limit) <= 0;
        ObjectNode c = checks.putObject("callbacks").put("status", up ? "UP" : "DOWN")
                .put("lagSeconds", lag.toMillis() / 1000.0).put("delivered", callbacks.delivered())
                .put("failedAttempts", callbacks.failedAttempts());
        callbacks.failure().ifPresent(f -> c.put("failing", f));
        c.put("detail", up ? "callbacks within " + limit.toSeconds() + " s of the audit log"
                : "callbacks are " + lag.toSeconds() + " s behind the audit log");
        if (!up) {
            reasons.add("callbacks are " + lag.toSeconds() + " s behind the audit log (limit " + limit.toSeconds() + " s)"
                    + callbacks.failure().map(f -> ": " + f).orElse(""));
        }
    }
}
