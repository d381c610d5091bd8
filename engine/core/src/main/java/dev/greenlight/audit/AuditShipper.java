package dev.greenlight.audit;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a log, every record from the first, to a {@link ShipTarget} on threads of its own: one reads
 * the durable log by cursor ({@link AuditFeed}, cursor file {@code B.feed-ship-NAME}) a batch ahead,
 * the other hands the target the batches in log order and moves the cursor only after the target
 * took a batch (so reading and parsing the log overlap the target's work). The log is
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
    /** Batches read ahead of the one being stored. */
    private static final int READ_AHEAD = 1;

    private final Path base;
    private final ShipTarget target;
    private final int batchSize;

    private final Thread thread;
    private final Thread reader;
    private final BlockingQueue<Pending> ready = new ArrayBlockingQueue<>(READ_AHEAD);
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
        this.thread = new Thread(this::write, "greenlight-ship-" + target.name());
        this.thread.setDaemon(true);
        this.reader = new Thread(this::read, "greenlight-ship-" + target.name() + "-read");
        this.reader.setDaemon(true);
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
        s.reader.start();
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

    /**
     * A batch read and waiting to be stored, with the cursor to save once it is; or, with no records,
     * a poll that found the log read to its end (stored up to there once the batches before it are).
     */
    private record Pending(String logId, List<ShippedRecord> batch, AuditFeed feed, AuditFeed.Cursor after, long polledAt,
                           boolean full) {
    }

    /**
     * Reads batches ahead while the writer stores the previous one, so reading and parsing the log
     * overlaps the target's work; at most {@link #READ_AHEAD} batches wait, so memory stays bounded
     * and a target that is down only makes the reader wait (the log is the buffer).
     */
    private void read() {
        AuditFeed feed = null;
        String logId = null;
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
                    hand(new Pending(logId, List.of(), feed, null, polled, false));
                    pause(IDLE_MILLIS);
                    continue;
                }
                List<byte[]> lines = feed.polledLines();
                List<ShippedRecord> batch = new ArrayList<>(records.size());
                for (int i = 0; i < records.size(); i++) {
                    batch.add(new ShippedRecord(lines.get(i), records.get(i)));
                }
                AuditRecord last = records.get(records.size() - 1);
                AuditFeed.Cursor after = feed.cursorAfter(last);
                feed.commitQuietly(last); // read on from here; the cursor file moves only once the batch is stored
                hand(new Pending(logId, batch, feed, after, polled, records.size() == batchSize));
                backoff = 50;
            } catch (InterruptedException e) {
                break;
            } catch (Exception e) {
                // the log could not be read: read the same place again (nothing past it was handed on)
                lastProblem = e.getMessage();
                if (failures.incrementAndGet() % 50 == 1) {
                    LOG.warn("reading the audit log {} to ship to {} failed; retrying: {}", base, target.name(), e.toString());
                }
                if (!pause(backoff)) {
                    break;
                }
                backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
            }
        }
    }

    private void hand(Pending p) throws InterruptedException {
        while (!stopping) {
            if (ready.offer(p, 100, TimeUnit.MILLISECONDS)) {
                return;
            }
        }
    }

    /** Stores batches in the order read, each until the target takes it, then saves the cursor past it. */
    private void write() {
        while (!stopping) {
            Pending p;
            try {
                p = ready.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                break;
            }
            if (p == null) {
                continue;
            }
            if (p.batch().isEmpty()) {
                caughtUpAt = p.polledAt(); // every batch read before this poll is stored
                continue;
            }
            if (!store(p)) {
                break;
            }
            List<ShippedRecord> batch = p.batch();
            shipped.addAndGet(batch.size());
            lastShippedSeq = batch.get(batch.size() - 1).seq();
            lastProblem = null;
            if (!p.full()) {
                caughtUpAt = p.polledAt(); // everything the log held when polled is stored
            }
        }
    }

    /** Offers one batch until the target takes it and the cursor is saved; false when stopped first. */
    private boolean store(Pending p) {
        long backoff = 50;
        while (!stopping) {
            try {
                target.write(p.logId(), p.batch());
                p.feed().save(p.after()); // writes the cursor file only: safe beside the reader's polls
                return true;
            } catch (Exception e) {
                lastProblem = e.getMessage();
                if (failures.incrementAndGet() % 50 == 1) {
                    LOG.warn("shipping the audit log {} to {} failed; retrying (the log keeps every record): {}", base,
                            target.name(), e.toString());
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

    /** Stops the threads (after the batch in hand, up to 5 s) and closes the target. */
    @Override
    public void close() {
        stopping = true;
        for (Thread t : List.of(reader, thread)) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (t.isAlive()) {
                t.interrupt();
            }
        }
        try {
            target.close();
        } catch (Exception e) {
            LOG.warn("closing the shipping target {} failed", target.name(), e);
        }
    }
}
