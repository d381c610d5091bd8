package dev.greenlight.audit;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a log, every record from the first, to a {@link ShipTarget} on a thread of its own: reads
 * the durable log by cursor ({@link AuditFeed}, cursor file {@code B.feed-ship-NAME}), hands the
 * target batches in log order, and moves the cursor only after the target took a batch. The log is
 * the buffer: a target that is down only makes the shipper lag (the same batch is offered again with
 * backoff), deciding and recording never wait for it, and after a restart the shipper resumes from
 * its cursor. A batch stored just before a crash, whose cursor was not saved, is offered again: the
 * target must be idempotent by (log id, seq).
 *
 * <p>Thread-safe: {@link #lag()} and the counters may be read from any thread.
 */
public final class AuditShipper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AuditShipper.class);
    private static final long IDLE_MILLIS = 20;
    private static final long MAX_BACKOFF_MILLIS = 2_000;

    private final Path base;
    private final ShipTarget target;
    private final int batchSize;
    private final Thread thread;
    private final AtomicLong shipped = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile boolean stopping;
    private volatile long caughtUpAt = System.nanoTime();
    private volatile long lastShippedSeq;
    private volatile String lastProblem;

    private AuditShipper(Path base, ShipTarget target, int batchSize) {
        this.base = base;
        this.target = target;
        this.batchSize = batchSize;
        this.thread = new Thread(this::run, "greenlight-ship-" + target.name());
        this.thread.setDaemon(true);
    }

    /**
     * Starts shipping the log at {@code base} to {@code target}, up to {@code batchSize} records a
     * batch. The log may be written by this process or another; the shipper only reads it.
     */
    public static AuditShipper start(Path base, ShipTarget target, int batchSize) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(target, "target");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
        }
        AuditShipper s = new AuditShipper(base, target, batchSize);
        s.thread.start();
        return s;
    }

    /** The cursor's name for a target: one cursor file per target name. */
    static String cursorName(ShipTarget target) {
        return "ship-" + target.name();
    }

    /**
     * How far behind the target is: zero while everything the log held when last read is stored,
     * else the time since it last was (a target that is down lags more and more).
     */
    public Duration lag() {
        return Duration.ofNanos(Math.max(0, System.nanoTime() - caughtUpAt));
    }

    /** Records stored by the target since start. */
    public long shipped() {
        return shipped.get();
    }

    /** Failed attempts to store a batch since start (each retried). */
    public long failures() {
        return failures.get();
    }

    /** The sequence number of the last record the target took (0 before any, since start). */
    public long lastShippedSeq() {
        return lastShippedSeq;
    }

    /** The last failure, for people; empty once a batch went through after it. */
    public Optional<String> lastProblem() {
        return Optional.ofNullable(lastProblem);
    }

    /** The target's name. */
    public String name() {
        return target.name();
    }

    private void run() {
        String logId = null;
        AuditFeed feed = null;
        long backoff = 50;
        while (!stopping) {
            try {
                if (feed == null) {
                    Optional<String> id = AuditFeed.logId(base);
                    if (id.isEmpty()) {
                        caughtUpAt = System.nanoTime(); // nothing recorded yet: nothing to ship
                        pause(IDLE_MILLIS * 10);
                        continue;
                    }
                    logId = id.get();
                    feed = AuditFeed.followFromStart(base, cursorName(target));
                }
                long polled = System.nanoTime();
                List<AuditRecord> records = feed.poll(batchSize);
                if (records.isEmpty()) {
                    caughtUpAt = polled;
                    pause(IDLE_MILLIS);
                    continue;
                }
                List<ShippedRecord> batch = new ArrayList<>(records.size());
                for (AuditRecord r : records) {
                    batch.add(new ShippedRecord(feed.line(r), r));
                }
                target.write(logId, batch);
                AuditRecord last = records.get(records.size() - 1);
                feed.commitQuietly(last);
                feed.save();
                shipped.addAndGet(records.size());
                lastShippedSeq = last.seq();
                lastProblem = null;
                backoff = 50;
                if (records.size() < batchSize) {
                    caughtUpAt = polled; // everything the log held when polled is stored
                }
            } catch (InterruptedException e) {
                break;
            } catch (Exception e) {
                lastProblem = e.getMessage();
                if (failures.incrementAndGet() % 50 == 1) {
                    LOG.warn("shipping the audit log {} to {} failed; retrying (the log keeps every record): {}", base,
                            target.name(), e.toString());
                }
                if (!pause(backoff)) {
                    break;
                }
                backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
            }
        }
    }

    private boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return !stopping;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
            return false;
        }
    }

    /**
     * Waits up to {@code millis} for the shipper to catch up with what the log holds now, without
     * stopping it; true when it did. For tests and orderly shutdowns.
     */
    public boolean awaitCaughtUp(long millis) throws InterruptedException {
        long asked = System.nanoTime();
        long deadline = asked + millis * 1_000_000;
        while (System.nanoTime() < deadline) {
            if (caughtUpAt - asked > 0) {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }

    /** Stops the thread (after the batch in hand, up to 5 s) and closes the target. */
    @Override
    public void close() {
        stopping = true;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.interrupt();
        }
        try {
            target.close();
        } catch (Exception e) {
            LOG.warn("closing the shipping target {} failed", target.name(), e);
        }
    }
}
