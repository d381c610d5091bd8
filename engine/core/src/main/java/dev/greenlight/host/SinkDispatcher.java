package dev.greenlight.host;

import dev.greenlight.audit.AuditFeed;
import dev.greenlight.audit.AuditReader;
import dev.greenlight.audit.AuditRecord;
import dev.greenlight.json.InvalidSubmissionException;
import dev.greenlight.json.SubmissionReader;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Submission;
import dev.greenlight.spi.DecisionSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands recorded decisions to one sink on its own thread, so a slow or failing sink never delays or
 * changes a decision and never grows memory without bound.
 *
 * <p>With an audit log ({@link #followLog}) the sink reads the durable log by cursor
 * ({@link AuditFeed}): a sink that is down or slow only lags, gets every record exactly once and in
 * log order when it recovers (a failing record is retried with backoff), and resumes from its cursor
 * after a restart. Without one, records go through a bounded queue, and when it is full a record is
 * dropped for this sink and counted.
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
        if (follower != null) {
            return; // the follower reads it from the log
        }
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

    private volatile Thread follower;
    private volatile boolean stopping;
    /** When the sink last had nothing left to deliver (System.nanoTime); it lags by the time since. */
    private volatile long caughtUpAt = System.nanoTime();

    /**
     * How far behind the sink is: zero while it has delivered everything it has read of the log,
     * else the time since it last had (a sink that keeps failing on a record lags more and more).
     * Without an audit log, zero while its queue is empty.
     */
    java.time.Duration lag() {
        if (follower == null && executor.getQueue().isEmpty() && executor.getActiveCount() == 0) {
            caughtUpAt = System.nanoTime();
        }
        return java.time.Duration.ofNanos(Math.max(0, System.nanoTime() - caughtUpAt));
    }

    String pluginId() {
        return pluginId;
    }

    /** From now on, deliver what the audit log at {@code base} records, by cursor, instead of queueing. */
    void followLog(Path base) {
        AuditFeed feed;
        try {
            // the starting point is fixed now, before any decision is made with this sink
            feed = AuditFeed.follow(base, pluginId);
        } catch (IOException | RuntimeException e) {
            LOG.error("decision sink of plugin {} cannot follow the audit log {}; it receives nothing", pluginId, base, e);
            return;
        }
        Thread t = new Thread(() -> follow(feed), "greenlight-sink-feed-" + pluginId);
        t.setDaemon(true);
        follower = t;
        t.start();
    }

    private void follow(AuditFeed feed) {
        SubmissionReader reader = new SubmissionReader();
        while (!stopping) {
            try {
                long polled = System.nanoTime();
                List<AuditRecord> records = feed.poll(256);
                if (records.isEmpty()) {
                    caughtUpAt = polled;
                    Thread.sleep(IDLE_MILLIS);
                    continue;
                }
                for (AuditRecord rec : records) {
                    if (rec.isDecision() && !deliver(feed, reader, rec)) {
                        feed.save();
                        return; // stopping before the record was accepted: it is delivered after a restart
                    }
                    feed.commitQuietly(rec);
                }
                feed.save();
                if (records.size() < 256) {
                    caughtUpAt = polled; // everything the log held when polled is delivered
                }
            } catch (InterruptedException e) {
                break;
            } catch (IOException | RuntimeException e) {
                LOG.warn("decision sink of plugin {}: reading the audit log failed; retrying", pluginId, e);
                if (!pause(1_000)) {
                    break;
                }
            }
        }
        try {
            feed.save();
        } catch (IOException e) {
            LOG.warn("decision sink of plugin {}: cannot save its cursor", pluginId, e);
        }
    }

    /** Hands one logged decision to the sink, retrying with backoff while it fails; false when stopping first. */
    private boolean deliver(AuditFeed feed, SubmissionReader reader, AuditRecord rec) throws IOException {
        AuditReader.Restored restored = feed.restore(rec);
        Decision decision;
        Submission submission;
        try {
            decision = restored.decision();
            submission = reader.parse(restored.submissionJson().getBytes(StandardCharsets.UTF_8),
                    rec.file() + " seq " + rec.seq());
        } catch (InvalidSubmissionException | RuntimeException e) {
            // redaction can leave a submission that no longer parses; the record stays in the log
            LOG.warn("decision sink of plugin {}: record seq {} cannot be restored for the sink; skipped: {}",
                    pluginId, rec.seq(), e.getMessage());
            return true;
        }
        long backoff = 50;
        while (!stopping) {
            try {
                sink.accept(decision, submission);
                return true;
            } catch (Throwable t) {
                if (failed.incrementAndGet() % 100 == 1) {
                    LOG.warn("decision sink {} of plugin {} failed on decision {}; retrying (the log keeps every record)",
                            sink.getClass().getSimpleName(), pluginId, decision.decisionId(), t);
                }
                if (!pause(backoff)) {
                    return false;
                }
                backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
            }
        }
        return false;
    }

    private boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return !stopping;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static final long IDLE_MILLIS = 20;
    private static final long MAX_BACKOFF_MILLIS = 2_000;

    /** Waits up to {@code millis} for queued records (or the follower's current record), then stops. */
    void close(long millis) {
        Thread t = follower;
        if (t != null) {
            stopping = true;
            t.interrupt();
            try {
                t.join(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
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
