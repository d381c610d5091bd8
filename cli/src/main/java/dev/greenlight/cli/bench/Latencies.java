package dev.greenlight.cli.bench;

import java.util.Arrays;
import java.util.List;

/** Percentiles of call latencies, in microseconds (nearest-rank). Immutable. */
public record Latencies(double p50, double p90, double p99, double max) {
    /** The percentiles of every latency (nanoseconds) in {@code runs}. */
    public static Latencies of(List<long[]> runs) {
        int n = runs.stream().mapToInt(a -> a.length).sum();
        if (n == 0) {
            return new Latencies(0, 0, 0, 0);
        }
        long[] all = new long[n];
        int at = 0;
        for (long[] run : runs) {
            System.arraycopy(run, 0, all, at, run.length);
            at += run.length;
        }
        Arrays.sort(all);
        return new Latencies(rank(all, 0.50), rank(all, 0.90), rank(all, 0.99), all[n - 1] / 1e3);
    }

    private static double rank(long[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e3;
    }
}
