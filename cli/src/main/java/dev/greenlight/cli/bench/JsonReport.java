package dev.greenlight.cli.bench;

import static dev.greenlight.cli.bench.Side.round;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;

/** {@code greenlight bench --format json}: the report as one JSON object, for scripts. Stateless. */
public final class JsonReport {
    private JsonReport() {
    }

    /** The report {@code r}, measured as {@code plan} says. */
    public static ObjectNode of(BenchReport r, BenchPlan plan) {
        Rounds.Measured m = r.measured();
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.putObject("rules").put("source", r.rulesSource()).put("count", r.ruleCount()).put("version", r.rulesVersion())
                .put("buildMillis", round(r.buildMillis()));
        o.put("corpus", r.corpus());
        r.plugins().forEach(o.putArray("plugins")::add);
        o.put("threads", plan.threads()).put("decisions", plan.decisions()).put("warmupSeconds", plan.warmupSeconds())
                .put("warmupDecisions", m.warmupDecisions()).put("rounds", plan.rounds()).put("batch", plan.batch());
        m.engine().into(o.putObject("engine"));
        if (m.logged() != null) {
            ObjectNode a = m.logged().into(o.putObject("audit"));
            a.put("durability", plan.audit().name()).put("file", r.logFile().toString())
                    .put("ratioToEngine", round(m.logged().throughput() / m.engine().throughput()))
                    .put("recordBytes", r.recordBytes());
            if (m.recordsPerFsync() != null) {
                a.put("recordsPerFsync", round(m.recordsPerFsync()));
            }
        }
        if (m.baseline() != null) {
            m.baseline().into(o.putObject("baseline")).put("session", plan.baselineSession().name())
                    .put("agrees", r.baselineAgrees());
            o.put("ratio", round(m.engine().throughput() / m.baseline().throughput()));
        }
        if (r.reload() != null) {
            LiveReload.Reloaded re = r.reload();
            re.during().into(o.putObject("reload")).put("status", re.status()).put("millis", round(re.millis()))
                    .put("p99RatioToEngine", round(re.during().latency().p99() / m.engine().latency().p99()));
        }
        o.putObject("machine").put("cores", Runtime.getRuntime().availableProcessors())
                .put("loadAverage", round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()))
                .put("java", System.getProperty("java.version"));
        return o;
    }
}
