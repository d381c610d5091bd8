package dev.greenlight.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * Runs {@code n} calls on {@code threads} threads and times each: each thread makes one contiguous
 * share of the calls (so that no two threads write latencies into the same cache line), all threads
 * start together, and the run lasts until the last one ends. Stateless; {@link #run} starts threads
 * of its own and returns when they have ended.
 */
public final class LoadRunner {
    private LoadRunner() {
    }

    /** One call: number {@code i} of the run. May throw; the run then fails with it. */
    @FunctionalInterface
    public interface Call {
        void run(int i) throws Exception;
    }

    /**
     * Runs the calls; {@code perThread} makes each thread's call (so that each thread can keep its own
     * state, such as a session).
     *
     * @throws IllegalStateException wrapping the first failure of any call
     */
    public static Result run(int n, int threads, IntFunction<Call> perThread) {
        long[] latencies = new long[n];
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong cpu = new AtomicLong();
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        List<Thread> workers = new ArrayList<>(threads);
        for (int t = 0; t < threads; t++) {
            int first = (int) ((long) n * t / threads);
            int end = (int) ((long) n * (t + 1) / threads);
            Call call = perThread.apply(t);
            Thread w = new Thread(() -> {
                ready.countDown();
                try {
                    go.await();
                    long cpu0 = mx.getCurrentThreadCpuTime();
                    for (int i = first; i < end && failure.get() == null; i++) {
                        long t0 = System.nanoTime();
                        call.run(i);
                        latencies[i] = System.nanoTime() - t0;
                    }
                    cpu.addAndGet(mx.getCurrentThreadCpuTime() - cpu0);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "greenlight-bench-" + t);
            workers.add(w);
            w.start();
        }
        long start;
        try {
            ready.await();
            start = System.nanoTime();
            go.countDown();
            for (Thread w : workers) {
                w.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        long wall = System.nanoTime() - start;
        if (failure.get() != null) {
            throw new IllegalStateException("a call failed: " + failure.get(), failure.get());
        }
        return new Result(n, wall, cpu.get(), latencies);
    }

    /** What one run measured; {@code cpuNanos} is the CPU time of the calling threads together. */
    public record Result(int calls, long wallNanos, long cpuNanos, long[] latencyNanos) {
        /** Calls per second over the whole run. */
        public double throughput() {
            return calls * 1e9 / wallNanos;
        }

        /** CPU time of the calling threads per call, in microseconds (background threads not counted). */
        public double cpuMicrosPerCall() {
            return cpuNanos / 1e3 / calls;
        }
    }
}
