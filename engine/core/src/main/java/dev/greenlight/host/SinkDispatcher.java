package dev.greenlight.host;

import dev.greenlight.model.Decision;
import dev.greenlight.model.Submission;
import dev.greenlight.spi.DecisionSink;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands recorded decisions to one sink on its own thread through a bounded queue, so a slow or
 * failing sink never delays or changes a decision and never grows memory without bound. When the
 * queue is full a record is dropped for this sink and counted: the audit log, not a sink, is the
 * system of record.
 */
final class SinkDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(SinkDispatcher.class);
    static final int QUEUE = 10_000;

    private final String pluginId;
    private final DecisionSink sink;
    private final ThreadPoolExecutor executor;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    SinkDispatcher(String pluginId, DecisionSink sink) {
        this.pluginId = pluginId;
        this.sink = sink;
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
            Thread t = new Thread(r, "greenlight-sink-" + pluginId);
            t.setDaemon(true);
            return t;
        });
    }

    void offer(Decision decision, Submission submission) {
        try {
            executor.execute(() -> {
                try {
                    sink.accept(decision, submission);
                } catch (Throwable t) {
                    failed.incrementAndGet();
                    LOG.warn("decision sink {} of plugin {} failed on decision {}", sink.getClass().getSimpleName(),
                            pluginId, decision.decisionId(), t);
                }
            });
        } catch (RejectedExecutionException e) {
            if (dropped.incrementAndGet() % 1000 == 1) {
                LOG.warn("decision sink of plugin {} is falling behind; {} records dropped for it so far", pluginId, dropped.get());
            }
        }
    }

    /** Waits up to {@code millis} for queued records, then stops. */
    void close(long millis) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(millis, TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
