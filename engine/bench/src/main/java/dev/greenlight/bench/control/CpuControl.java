package dev.greenlight.bench.control;

import java.util.List;
import java.util.Locale;

/**
 * The control for a scaling figure: how much faster {@code threads} threads of pure arithmetic (no
 * shared state, no allocation) run than one, on this machine, now. On a machine whose other cores
 * are busy this is well below {@code threads}, and no program can scale better than it.
 *
 * <pre>
 * java -cp 'engine/bench/target/greenlight-bench.jar:engine/bench/target/lib/*' \
 *     dev.greenlight.bench.control.CpuControl --threads 2 --seconds 2
 * </pre>
 * Stateless; {@link #scaling} may run on any thread (it starts its own).
 */
public final class CpuControl {
    private static volatile long sink;

    private CpuControl() {
    }

    /** Prints how much faster {@code --threads} threads (2) of arithmetic run than one, over about {@code --seconds} (2). */
    public static void main(String[] args) {
        Args a = new Args(args);
        int threads = a.integer("threads", 2);
        System.out.printf(Locale.ROOT, "control: %d threads of plain arithmetic run %.2f times one thread here now (%d cores)%n",
                threads, scaling(threads, a.decimal("seconds", 2)), Runtime.getRuntime().availableProcessors());
    }

    /**
     * The throughput of {@code threads} threads over that of one; about {@code seconds} in all.
     *
     * @throws IllegalStateException when interrupted
     */
    public static double scaling(int threads, double seconds) {
        long n = calibrate((long) (seconds / 4 * 1e9));
        double one = run(1, n);
        double many = run(threads, n);
        return many / one;
    }

    /** The iterations one thread makes in about {@code nanos}. */
    private static long calibrate(long nanos) {
        long n = 1_000_000;
        while (true) {
            long t0 = System.nanoTime();
            sink += work(n);
            long took = System.nanoTime() - t0;
            if (took > nanos / 4 || n > 1L << 40) {
                return n * nanos / Math.max(1, took);
            }
            n *= 4;
        }
    }

    private static double run(int threads, long n) {
        Thread[] workers = new Thread[threads];
        long t0 = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(() -> sink += work(n), "greenlight-bench-control-" + t);
            workers[t].start();
        }
        joinAll(List.of(workers));
        return threads * (double) n / (System.nanoTime() - t0);
    }

    /** Waits for every thread to end (a control's threads; an interrupt ends the measurement). */
    static void joinAll(List<Thread> threads) {
        try {
            for (Thread w : threads) {
                w.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static long work(long n) {
        long x = 0;
        for (long i = 0; i < n; i++) {
            x += (i * 2654435761L) ^ (x >>> 7);
        }
        return x;
    }
}
