package dev.greenlight.cli.bench;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/** {@code greenlight bench}'s report for people, one labelled line per figure. Stateless. */
public final class TextReport {
    private TextReport() {
    }

    /** Prints {@code r}, measured as {@code plan} says, on {@code out}. */
    public static void print(BenchReport r, BenchPlan plan, PrintWriter out) {
        Rounds.Measured m = r.measured();
        out.printf(Locale.ROOT, "rules      %s: %d rules, %s (built in %.0f ms)%n", r.rulesSource(), r.ruleCount(),
                abbreviate(r.rulesVersion()), r.buildMillis());
        out.printf(Locale.ROOT, "input      %s%n", r.corpus());
        out.printf(Locale.ROOT, "plugins    %s%n", r.plugins().isEmpty() ? "none" : String.join(", ", r.plugins()));
        out.printf(Locale.ROOT, "run        %d thread(s): warm-up %.0f s (%,d decisions), then %d round(s) of %,d decisions%n",
                plan.threads(), plan.warmupSeconds(), m.warmupDecisions(), plan.rounds(), plan.decisions());
        if (plan.batch() > 1) {
            out.printf(Locale.ROOT, "batches    decideAll of %,d submissions per call; latencies are per call%n", plan.batch());
        }
        out.println(m.engine().line("engine"));
        if (m.logged() != null) {
            out.println(m.logged().line("with log") + "  (audit " + plan.audit() + ", " + r.logFile() + ")");
        }
        if (m.baseline() != null) {
            out.println(m.baseline().line("baseline") + "  (bare Drools, "
                    + plan.baselineSession().name().toLowerCase(Locale.ROOT) + " session, same rules and facts)");
            out.printf(Locale.ROOT, "ratio      %.2f engine / baseline%s%n", m.engine().throughput() / m.baseline().throughput(),
                    r.baselineAgrees() ? "" : "  WARNING: the baseline's votes differ from the engine's");
        }
        if (m.logged() != null) {
            out.printf(Locale.ROOT, "log        %.2f with log / engine; %s; %,d-byte records%n",
                    m.logged().throughput() / m.engine().throughput(),
                    m.recordsPerFsync() == null ? "no fsync"
                            : String.format(Locale.ROOT, "%.1f records per fsync", m.recordsPerFsync()), r.recordBytes());
        }
        if (r.reload() != null) {
            LiveReload.Reloaded re = r.reload();
            out.printf(Locale.ROOT, "reload     %s %d rules in %.0f ms; while it ran: p99 %s, %.2f times the engine's p99%n",
                    re.status().toLowerCase(Locale.ROOT), r.ruleCount(), re.millis(), Side.micros(re.during().latency().p99()),
                    re.during().latency().p99() / m.engine().latency().p99());
        }
        out.printf(Locale.ROOT, "machine    %d cores, load average %.2f, Java %s%n", Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), System.getProperty("java.version"));
    }

    private static String abbreviate(String version) {
        return version.length() > 19 ? version.substring(0, 19) + "…" : version;
    }
}
