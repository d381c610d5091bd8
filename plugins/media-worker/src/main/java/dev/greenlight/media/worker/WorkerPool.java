package dev.greenlight.media.worker;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A fixed number of worker processes ({@link WorkerMain}) shared by every analysis call of a plugin. A call takes an idle worker
 * (waiting up to its deadline), uses it for one file and gives it back; a worker that failed is
 * replaced at once by a fresh process, so the next call finds one starting or ready. Workers are
 * started when the pool is made, so the first decision does not pay for a JVM start.
 *
 * <p>Thread-safe. Pools are shared per configuration ({@link #shared}) and live as long as the
 * JVM: a shutdown hook kills the workers, and a worker whose parent dies sees its input close and
 * exits by itself.
 */
public final class WorkerPool {
    private static final Map<WorkerConfig, WorkerPool> SHARED = new ConcurrentHashMap<>();

    /**
     * How the pool's workers are started and limited.
     *
     * @param workers          processes in the pool (files worked on at once)
     * @param heapMegabytes    {@code -Xmx} of each
     * @param maxResidentBytes resident memory beyond which a working worker is killed
     */
    public record WorkerConfig(int workers, int heapMegabytes, long maxResidentBytes) {
        /** @throws IllegalArgumentException for a non-positive value */
        public WorkerConfig {
            if (workers < 1 || heapMegabytes < 1 || maxResidentBytes < 1) {
                throw new IllegalArgumentException("worker settings must be positive: " + workers + ", " + heapMegabytes + ", " + maxResidentBytes);
            }
        }
    }

    private final WorkerConfig config;
    private final WorkerCommand command;
    private final BlockingQueue<Slot> idle;
    /** Every slot, idle or busy, so the shutdown hook reaches them all. */
    private final List<Slot> all = new ArrayList<>();

    /** One place in the pool; {@code worker} is {@code null} when a start failed. */
    private static final class Slot {
        volatile Worker worker;
    }

    WorkerPool(WorkerConfig config) {
        this.config = config;
        this.command = new WorkerCommand(config.heapMegabytes());
        this.idle = new ArrayBlockingQueue<>(config.workers());
        for (int i = 0; i < config.workers(); i++) {
            Slot slot = new Slot();
            slot.worker = startQuietly();
            all.add(slot);
            idle.add(slot);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::killAll, "media-workers-stop"));
    }

    /**
     * The pool for {@code config}, made (and its workers started) on first use; one per
     * configuration and class loader (each plugin bundles its own copy of this library).
     */
    public static WorkerPool shared(WorkerConfig config) {
        return SHARED.computeIfAbsent(config, WorkerPool::new);
    }

    /**
     * Has a worker run one task: {@code request} names it ({@code task}, see {@link WorkerTask})
     * and carries its fields ({@code path} is the file worked on).
     *
     * @param deadlineNanos when to give up, in {@link System#nanoTime()} terms (waiting for a
     *                      worker, starting one and the probe itself all count)
     * @throws WorkerFailure when no worker was free in time, or the worker failed on this file
     */
    public Map<String, String> call(Map<String, String> request, long deadlineNanos) throws WorkerFailure {
        Slot slot;
        try {
            slot = idle.poll(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorkerFailure(WorkerFailure.Kind.TIMEOUT, "interrupted while waiting for a worker");
        }
        if (slot == null) {
            throw new WorkerFailure(WorkerFailure.Kind.TIMEOUT, "every worker was busy until the analysis deadline");
        }
        try {
            if (slot.worker == null || !slot.worker.isAlive()) {
                slot.worker = start();
            }
            return slot.worker.call(request, deadlineNanos, config.maxResidentBytes());
        } catch (WorkerFailure e) {
            slot.worker = startQuietly();
            throw e;
        } finally {
            idle.add(slot);
        }
    }

    /**
     * Waits, up to {@code max}, until every worker has started and loaded FFmpeg, so that the first
     * decisions do not pay for it (the first start on a machine also unpacks FFmpeg's libraries,
     * which takes seconds). A worker that fails to start is replaced; calls wait meanwhile.
     *
     * @return whether every worker was ready in time
     */
    public boolean awaitReady(java.time.Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        List<Slot> taken = new ArrayList<>();
        boolean ready = true;
        try {
            while (taken.size() < all.size()) {
                Slot slot = idle.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (slot == null) {
                    return false;
                }
                taken.add(slot);
                try {
                    if (slot.worker == null || !slot.worker.isAlive()) {
                        slot.worker = start();
                    }
                    slot.worker.awaitReady(deadline);
                } catch (WorkerFailure e) {
                    ready = false;
                    slot.worker = startQuietly();
                }
            }
            return ready;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            idle.addAll(taken);
        }
    }

    private Worker start() throws WorkerFailure {
        try {
            return Worker.start(command);
        } catch (IOException e) {
            throw new WorkerFailure(WorkerFailure.Kind.UNAVAILABLE, "no worker could be started (" + e.getMessage() + ")");
        }
    }

    /** A new worker, or {@code null} (retried on the next call) when the process cannot start. */
    private Worker startQuietly() {
        try {
            return Worker.start(command);
        } catch (IOException e) {
            return null;
        }
    }

    private void killAll() {
        for (Slot slot : all) {
            Worker worker = slot.worker;
            if (worker != null) {
                worker.kill();
            }
        }
    }
}
