package dev.greenlight.desk.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records of this node's log whose case a shared store could not take when they were written (the
 * store was down): kept by seq, and offered again in seq order by one background task, 1 s after the
 * first failure, the wait doubling up to 30 s, until the store takes them all. The records stay in the
 * audit log (the system of record) whatever happens here; this set only says what the store still
 * lacks, so a node that stops meanwhile loses nothing (its rebuild offers the same records). Redoing
 * one is idempotent (insert-if-absent, never over a newer decision), so a retry after a partial
 * success does no harm. Thread-safe.
 */
final class Unoffered implements AutoCloseable {
    /** What to redo for one record; throws while the store still fails. */
    interface Redo {
        void run(long seq, String id);
    }

    /** One record not yet offered: its seq, and the decision id (or appeal case id) the redo needs. */
    private record Item(long seq, String id, Redo redo) {
    }

    static final Duration FIRST_WAIT = Duration.ofSeconds(1);
    static final Duration LONGEST_WAIT = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(Unoffered.class);

    private final ConcurrentSkipListMap<Long, Item> pending = new ConcurrentSkipListMap<>();
    private final Clock clock;
    private final Duration firstWait;
    private final Duration longestWait;
    private ScheduledExecutorService retrier;
    private boolean scheduled;
    private boolean closed;
    private Duration wait;
    /** When the set last went from empty to not empty; null while empty. */
    private volatile Instant since;

    Unoffered(Clock clock) {
        this(clock, FIRST_WAIT, LONGEST_WAIT);
    }

    Unoffered(Clock clock, Duration firstWait, Duration longestWait) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.firstWait = firstWait;
        this.longestWait = longestWait;
        this.wait = firstWait;
    }

    /**
     * Keeps a record the store could not take ({@code why}: its failure; null for one not tried because
     * others wait already), and makes sure the retrying task will run.
     */
    synchronized void add(long seq, String id, Redo redo, RuntimeException why) {
        if (closed) {
            return; // the node stops: its next rebuild offers the record
        }
        if (pending.isEmpty()) {
            since = clock.instant();
        }
        pending.put(seq, new Item(seq, id, redo));
        if (why != null) {
            LOG.warn("the shared case store could not take the case of record {} ({}): kept to offer again ({} waiting)",
                    seq, id, pending.size(), why);
        } else {
            LOG.debug("the case of record {} ({}) waits behind {} others the shared case store has not taken",
                    seq, id, pending.size() - 1);
        }
        schedule();
    }

    /** How many records the store still lacks. */
    int size() {
        return pending.size();
    }

    /** Since when the set has not been empty; empty while it is. */
    Optional<Instant> since() {
        return pending.isEmpty() ? Optional.empty() : Optional.ofNullable(since);
    }

    private void schedule() {
        if (scheduled || closed) {
            return;
        }
        if (retrier == null) {
            ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "greenlight-desk-reoffer");
                t.setDaemon(true);
                return t;
            });
            ex.setRemoveOnCancelPolicy(true);
            retrier = ex;
        }
        scheduled = true;
        retrier.schedule(this::retry, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Offers the records again in seq order; stops at the first the store refuses and waits longer. */
    private void retry() {
        for (Map.Entry<Long, Item> first = pending.firstEntry(); first != null; first = pending.firstEntry()) {
            Item it = first.getValue();
            try {
                it.redo().run(it.seq(), it.id());
            } catch (RuntimeException e) {
                synchronized (this) {
                    scheduled = false;
                    wait = wait.multipliedBy(2).compareTo(longestWait) > 0 ? longestWait : wait.multipliedBy(2);
                    LOG.warn("the shared case store still cannot take the case of record {} ({} waiting); next try in {}",
                            it.seq(), pending.size(), wait, e);
                    schedule();
                }
                return;
            }
            pending.remove(first.getKey(), it);
        }
        synchronized (this) {
            scheduled = false;
            wait = firstWait;
            if (!pending.isEmpty()) {
                schedule(); // added while the last one was being offered
            } else {
                since = null;
                LOG.info("the shared case store has taken every case it lacked");
            }
        }
    }

    /** Stops the retrying task; what is left is offered by the node's next rebuild. */
    @Override
    public synchronized void close() {
        closed = true;
        if (retrier != null) {
            retrier.shutdownNow();
        }
    }
}
