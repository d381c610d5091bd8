package dev.greenlight.engine;

import dev.greenlight.host.PluginHost;
import dev.greenlight.audit.FulfilmentRecord;
import dev.greenlight.model.Condition;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Fulfilment;
import dev.greenlight.model.PluginRun;
import dev.greenlight.model.Reason;
import dev.greenlight.model.ShadowVerdict;
import dev.greenlight.model.Signal;
import dev.greenlight.model.Submission;
import dev.greenlight.model.Verdict;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Records what the engine does as Micrometer meters (names as Micrometer writes them; a Prometheus
 * registry renders {@code greenlight.decisions} as {@code greenlight_decisions_total}):
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><td>{@code greenlight.decisions} counter, tag {@code verdict}</td><td>decisions made and recorded</td></tr>
 *   <tr><td>{@code greenlight.decision.duration} timer with histogram</td><td>time in {@code decide}, plugins and audit included</td></tr>
 *   <tr><td>{@code greenlight.decision.failures} counter, tag {@code exception}</td><td>decide calls that returned nothing (e.g. audit failure)</td></tr>
 *   <tr><td>{@code greenlight.rule.votes} counter, tags {@code rule}, {@code verdict}</td><td>every reason of every decision</td></tr>
 *   <tr><td>{@code greenlight.plugin.duration} timer, tag {@code plugin}</td><td>each plugin's time per decision</td></tr>
 *   <tr><td>{@code greenlight.plugin.errors} counter, tags {@code plugin}, {@code kind}</td><td>plugin failures; kind {@code timeout}, {@code exception}, {@code quarantined}, {@code not-started}, {@code invalid-output}</td></tr>
 *   <tr><td>{@code greenlight.audit.append.duration} timer with histogram</td><td>appending one record until it is durable</td></tr>
 *   <tr><td>{@code greenlight.audit.queue.depth} gauge</td><td>records waiting for the audit writer</td></tr>
 *   <tr><td>{@code greenlight.rules.reloads} counter, tags {@code target} (live, shadow), {@code result} (activated, unchanged, rejected)</td><td>rule reloads</td></tr>
 *   <tr><td>{@code greenlight.plugins.reloads} counter, tag {@code result}</td><td>plugin set reloads</td></tr>
 *   <tr><td>{@code greenlight.shadow.decisions} counter, tags {@code live}, {@code shadow} (verdicts, or {@code ERROR})</td><td>shadow verdicts beside live ones</td></tr>
 *   <tr><td>{@code greenlight.rules.count}, {@code greenlight.rules.loaded.timestamp} gauges</td><td>the live rules</td></tr>
 *   <tr><td>{@code greenlight.conditions.set} counter, tag {@code condition}</td><td>conditions set by conditional approvals</td></tr>
 *   <tr><td>{@code greenlight.conditions.fulfilled} counter, tag {@code condition}</td><td>conditions reported met</td></tr>
 *   <tr><td>{@code greenlight.conditions.open}, {@code greenlight.conditions.overdue} gauges</td><td>conditions this engine set since it started and not yet fulfilled, and of those the ones past their deadline</td></tr>
 * </table>
 *
 * <p>Thread-safe; meters are looked up once per tag value and cached.
 */
public final class MicrometerListener implements GreenlightListener {
    private final MeterRegistry registry;
    private final Map<Verdict, Counter> decisions = new EnumMap<>(Verdict.class);
    private final Timer decisionTime;
    private final Timer auditTime;
    private final Map<String, Counter> failures = new ConcurrentHashMap<>();
    private final Map<String, Counter> votes = new ConcurrentHashMap<>();
    private final Map<String, Timer> pluginTime = new ConcurrentHashMap<>();
    private final Map<String, Counter> pluginErrors = new ConcurrentHashMap<>();
    private final Map<String, Counter> shadows = new ConcurrentHashMap<>();
    private final Map<String, Counter> conditions = new ConcurrentHashMap<>();

    public MicrometerListener(MeterRegistry registry) {
        this.registry = java.util.Objects.requireNonNull(registry, "registry");
        for (Verdict v : Verdict.values()) {
            decisions.put(v, Counter.builder("greenlight.decisions").description("Decisions made and recorded")
                    .tag("verdict", v.name()).register(registry));
        }
        this.decisionTime = Timer.builder("greenlight.decision.duration")
                .description("Time to decide, plugins and audit append included").publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(10)).register(registry);
        this.auditTime = Timer.builder("greenlight.audit.append.duration")
                .description("Time to append one record to the audit log until it is durable").publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(10)).register(registry);
        for (String target : new String[] {"live", "shadow"}) {
            for (ReloadResult.Status s : ReloadResult.Status.values()) {
                reloads(target, s);
            }
        }
    }

    private Counter reloads(String target, ReloadResult.Status status) {
        return Counter.builder("greenlight.rules.reloads").description("Rule reloads by outcome").tag("target", target)
                .tag("result", status.name().toLowerCase(java.util.Locale.ROOT)).register(registry);
    }

    @Override
    public void engineStarted(Greenlight engine) {
        Gauge.builder("greenlight.rules.count", engine, e -> e.loadedRules().ruleNames().size())
                .description("Rules in the live rule set").register(registry);
        Gauge.builder("greenlight.rules.loaded.timestamp", engine, e -> e.loadedRules().loadedAt().toEpochMilli() / 1000.0)
                .description("When the live rules were loaded (seconds since the epoch)").baseUnit("seconds").register(registry);
        Gauge.builder("greenlight.shadow.active", engine, e -> e.shadowRules().isPresent() ? 1 : 0)
                .description("1 while shadow rules run beside the live ones").register(registry);
        Gauge.builder("greenlight.audit.queue.depth", engine, Greenlight::auditQueueDepth)
                .description("Records waiting for the audit log writer").register(registry);
        Gauge.builder("greenlight.conditions.open", engine, Greenlight::openConditions)
                .description("Conditions set since the engine started and not yet fulfilled").register(registry);
        Gauge.builder("greenlight.conditions.overdue", engine, Greenlight::overdueConditions)
                .description("Open conditions past their deadline").register(registry);
    }

    @Override
    public void conditionsFulfilled(FulfilmentRecord fulfilment) {
        for (Fulfilment f : fulfilment.conditions()) {
            conditionCounter("greenlight.conditions.fulfilled", "Conditions reported met", f.id()).increment();
        }
    }

    private Counter conditionCounter(String name, String description, String condition) {
        return conditions.computeIfAbsent(name + '\u0000' + condition, k -> Counter.builder(name)
                .description(description).tag("condition", condition).register(registry));
    }

    @Override
    public void decided(Decision d, long nanos) {
        decisions.get(d.verdict()).increment();
        decisionTime.record(nanos, TimeUnit.NANOSECONDS);
        for (Condition c : d.conditions()) {
            conditionCounter("greenlight.conditions.set", "Conditions set by conditional approvals", c.id()).increment();
        }
        for (Reason r : d.reasons()) {
            votes.computeIfAbsent(r.rule() + '\u0000' + r.verdict(), k -> Counter.builder("greenlight.rule.votes")
                    .description("Votes cast, by rule and verdict").tag("rule", r.rule()).tag("verdict", r.verdict().name())
                    .register(registry)).increment();
        }
        for (PluginRun p : d.plugins()) {
            pluginTime.computeIfAbsent(p.id(), id -> Timer.builder("greenlight.plugin.duration")
                    .description("Time a plugin's signal providers took for one decision").tag("plugin", id)
                    .register(registry)).record(p.elapsedMicros(), TimeUnit.MICROSECONDS);
        }
        for (Signal s : d.signals()) {
            if (PluginHost.PLUGIN_ERROR.equals(s.getName()) && PluginHost.HOST_SOURCE.equals(s.getSource())) {
                String plugin = s.getValue() == null ? "" : s.getValue();
                String kind = s.getCategory() == null ? "error" : s.getCategory();
                pluginErrors.computeIfAbsent(plugin + '\u0000' + kind, k -> Counter.builder("greenlight.plugin.errors")
                        .description("Plugin failures: timeouts, exceptions, quarantine, not started, invalid output")
                        .tag("plugin", plugin).tag("kind", kind).register(registry)).increment();
            }
        }
    }

    @Override
    public void decisionFailed(Submission submission, RuntimeException error) {
        failures.computeIfAbsent(error.getClass().getSimpleName(), n -> Counter.builder("greenlight.decision.failures")
                .description("Decide calls that returned no decision").tag("exception", n).register(registry)).increment();
    }

    @Override
    public void shadowDecided(Decision live, ShadowVerdict shadow) {
        String s = shadow.verdict() == null ? "ERROR" : shadow.verdict().name();
        shadows.computeIfAbsent(live.verdict() + "/" + s, k -> Counter.builder("greenlight.shadow.decisions")
                .description("Shadow verdicts beside live verdicts").tag("live", live.verdict().name()).tag("shadow", s)
                .register(registry)).increment();
    }

    @Override
    public void auditAppended(long nanos) {
        auditTime.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void rulesReloaded(ReloadResult result, boolean shadow) {
        reloads(shadow ? "shadow" : "live", result.status()).increment();
    }

    @Override
    public void pluginsReloaded(PluginReloadResult result) {
        Counter.builder("greenlight.plugins.reloads").description("Plugin set reloads by outcome")
                .tag("result", result.activated() ? "activated" : "rejected").register(registry).increment();
    }
}
