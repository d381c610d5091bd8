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
 * start together, and the run lasts until the last one ends.
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
        return run(n, threads, perThread, null);
    }

    /** As above; with {@code answered}, the calls record their own latencies there (asynchronous calls). */
    private static Result run(int n, int threads, IntFunction<Call> perThread, long[] answered) {
        long[] latencies = answered != null ? answered : new long[n];
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
                        if (answered == null) {
                            latencies[i] = System.nanoTime() - t0;
                        }
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

    /** One asynchronous call: number {@code i} of the run, answered by the future it returns. */
    @FunctionalInterface
    public interface AsyncCall {
        java.util.concurrent.CompletableFuture<?> start(int i);
    }

    /**
     * As {@link #run}, with calls that answer later: each thread starts its calls one after another
     * and keeps at most {@code inFlight} unanswered; a call's latency runs from its start to its
     * answer, and the run lasts until the last answer.
     */
    public static Result runAsync(int n, int threads, int inFlight, IntFunction<AsyncCall> perThread) {
        long[] latencies = new long[n];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        return run(n, threads, t -> {
            AsyncCall call = perThread.apply(t);
            java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(inFlight);
            return new Call() {
                @Override
                public void run(int i) throws Exception {
                    slots.acquire();
                    long t0 = System.nanoTime();
                    call.start(i).whenComplete((r, e) -> {
                        latencies[i] = System.nanoTime() - t0;
                        if (e != null) {
                            failure.compareAndSet(null, e);
                        }
                        slots.release();
                    });
                    if (i == last(n, threads, t)) { // the thread's last call: wait for every answer
                        slots.acquire(inFlight);
                        slots.release(inFlight);
                    }
                    if (failure.get() != null) {
                        throw new IllegalStateException("a call failed: " + failure.get(), failure.get());
                    }
                }
            };
        }, latencies);
    }

    /** The last call of thread {@code t}'s contiguous share. */
    private static int last(int n, int threads, int t) {
        return (int) ((long) n * (t + 1) / threads) - 1;
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
