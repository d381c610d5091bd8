package dev.greenlight.cli.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What one side of a comparison (the engine, the engine with its log, bare Drools) measured over its
 * rounds: the median round's throughput, every round's, the latencies of all rounds, and the CPU time
 * of one decision. Immutable.
 */
public record Side(double throughput, double[] rounds, Latencies latency, double cpuMicros) {
    /** The side measured by {@code runs} (at least one). */
    public static Side of(List<LoadRunner.Result> runs) {
        double[] each = runs.stream().mapToDouble(LoadRunner.Result::throughput).toArray();
        double[] sorted = each.clone();
        Arrays.sort(sorted);
        double cpu = runs.stream().mapToLong(LoadRunner.Result::cpuNanos).sum() / 1e3
                / runs.stream().mapToLong(LoadRunner.Result::calls).sum();
        return new Side(sorted[sorted.length / 2], each,
                Latencies.of(runs.stream().map(LoadRunner.Result::latencyNanos).toList()), cpu);
    }

    /** One line of the text report, labelled. */
    public String line(String label) {
        return String.format(Locale.ROOT, "%-10s %,10.0f decisions/s   p50 %s  p90 %s  p99 %s  max %s  cpu %.1f us/decision",
                label, throughput, micros(latency.p50()), micros(latency.p90()), micros(latency.p99()),
                micros(latency.max()), cpuMicros);
    }

    /** Writes this side into {@code o} and returns {@code o}. */
    public ObjectNode into(ObjectNode o) {
        o.put("throughput", round(throughput));
        ArrayNode r = o.putArray("roundThroughputs");
        for (double d : rounds) {
            r.add(round(d));
        }
        o.putObject("latencyMicros").put("p50", round(latency.p50())).put("p90", round(latency.p90()))
                .put("p99", round(latency.p99())).put("max", round(latency.max()));
        o.put("cpuMicrosPerDecision", round(cpuMicros));
        return o;
    }

    /** Microseconds for people: {@code 10.3 us}, or {@code 4.19 ms} from a millisecond up. */
    public static String micros(double us) {
        return us >= 1000 ? String.format(Locale.ROOT, "%.2f ms", us / 1000) : String.format(Locale.ROOT, "%.1f us", us);
    }

    /** Two decimals, for the JSON report. */
    public static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
