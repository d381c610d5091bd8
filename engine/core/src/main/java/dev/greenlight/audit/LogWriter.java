package dev.greenlight.audit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commit loop: takes requests ({@link Pending}), places their records in the chain
 * ({@link RecordEncoder}), writes them and makes them durable ({@link SegmentFiles}) — each batch with
 * one write call and one fsync ({@link Durability#GROUP}), or one fsync per record
 * ({@link Durability#SYNC}), or none ({@link Durability#NONE}) — then completes the callers' futures.
 * It writes checkpoints when they fall due, and stops acknowledging for good at the first failed write
 * or fsync: a retried fsync can report success for data that never reached the disk (PostgreSQL's
 * "fsyncgate").
 *
 * <p>Who commits: a caller that finds the log idle (nothing queued, nobody committing) commits its
 * own records in its own thread ({@link #tryCommit}), so a lone caller pays no thread hand-offs (two
 * wake-ups, each often longer than a record's write). Otherwise it queues them, and the writer
 * thread ({@link #run}) commits everything waiting as one batch: the records that arrive during one
 * fsync share the next.
 *
 * <p>Thread-safe: the chain, the files and the checkpoint state are guarded by {@link #lock}; the
 * queue, the failure and the counters may be read by any thread.
 */
// Why this class is over 300 lines: the commit loop is one protocol under one lock (who commits, the
// queue, the writer thread's wake-ups and sleeps, checkpoint timing, the failure that stops the log);
// splitting it further would spread that lock's invariants over classes. Encoding is RecordEncoder's
// and the files are SegmentFiles'.
final class LogWriter implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger("greenlight.audit");
    /** Most requests taken into one batch. */
    static final int MAX_BATCH = 4096;

    private final AuditConfig config;
    private final DecisionIndex index;
    final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    /** Held while committing; guards everything below up to the counters. */
    private final ReentrantLock lock = new ReentrantLock();

    private final RecordEncoder encoder;
    private final SegmentFiles files;
    /** False when the log has signed checkpoints but no key was given: writing unsigned ones would weaken it. */
    private final boolean checkpoints;
    private long sinceCheckpoint;
    private long lastCheckpointNanos = System.nanoTime();
    private Checkpoint unsavedCheckpoint;
    /** Hashes of texts kept aside lately (bounded): each is written to the store once while remembered. */
    private final Set<String> recentAsides = Collections.newSetFromMap(
            new LinkedHashMap<String, Boolean>(256, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > 10_000;
                }
            });
    /** The log was closed: its files are being, or have been, closed. */
    private boolean shut;
    /** The writer thread sleeps with no checkpoint due: records committed by callers must wake it to time one. */
    private boolean sleepsUntilWoken;
    /** A caller woke the writer thread, which has not yet worked out its next sleep. */
    private boolean wakeRequested;
    /** The writer thread (interrupting it makes it work out again how long to sleep); started by {@link #start}. */
    final Thread thread;

    volatile AuditException failure;
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong checkpointCount = new AtomicLong();
    /** Where the last checkpoint record written since opening is (segment 0: none), for the state file. */
    private int cpSegment;
    private long cpOffset;
    /** Segments created as of the last {@link #reindex} call. */
    private long segmentsSeen;

    /** The log has signed checkpoints (recorded in the state file). */
    private boolean signedLog;
    /** The named sections to keep in the state file, asked for each time it is written. */
    private final Supplier<Map<String, String>> sections;
    /**
     * Called (in the writer's thread) when a segment was filled and the next begun, and at each
     * checkpoint: asks for the segments' index to be brought up to date, in the background.
     */
    private final Runnable reindex;

    /** The log's id (the hash of its record 1); null while the log is empty. Any thread. */
    String logId() {
        return encoder.logId();
    }

    private LogWriter(AuditConfig config, DecisionIndex index, RecordEncoder encoder, SegmentFiles files,
                      long sinceCheckpoint, boolean checkpoints, boolean signedLog,
                      Supplier<Map<String, String>> sections, Runnable reindex) {
        this.signedLog = signedLog;
        this.sections = sections;
        this.reindex = reindex;
        this.config = config;
        this.index = index;
        this.encoder = encoder;
        this.files = files;
        this.sinceCheckpoint = sinceCheckpoint;
        this.checkpoints = checkpoints;
        this.thread = new Thread(this, "greenlight-audit-writer");
        thread.setDaemon(true);
    }

    /**
     * The writer of a log that recovery has just read: it continues the chain where the log ends,
     * in its last segment (or a new first one), not yet started.
     *
     * @throws IOException when the segment cannot be opened or created
     */
    static LogWriter open(AuditConfig config, DecisionIndex index, Recovery.State recovered,
                          Supplier<Map<String, String>> sections, Runnable reindex) throws IOException {
        RecordCheck chain = recovered.scan().chain;
        boolean checkpoints = config.signingKey != null || !recovered.signedLog();
        if (!checkpoints) {
            LOG.warn("audit log {} has signed checkpoints but no signing key is configured: writing no checkpoints",
                    config.file);
        }
        SegmentFiles files = SegmentFiles.open(config, recovered.scan().segments.size(), recovered.scan().goodLines);
        LogWriter w = new LogWriter(config, index, new RecordEncoder(chain.seq, chain.prev, chain.logId), files,
                chain.sinceCheckpoint, checkpoints, recovered.signedLog(), sections, reindex);
        if (recovered.state() != null) { // the last checkpoint record is where the state file said, unless read since
            w.cpSegment = recovered.state().cpSegment();
            w.cpOffset = recovered.state().cpOffset();
        }
        if (recovered.scan().lastCheckpointSegment > 0) {
            w.cpSegment = recovered.scan().lastCheckpointSegment;
            w.cpOffset = recovered.scan().lastCheckpointOffset;
        }
        if (recovered.state() == null || recovered.scan().read > 0) {
            w.saveState(); // the next open reads from here, even if this process ends before a checkpoint
        }
        return w;
    }

    /**
     * Writes the state file for where the chain stands now (everything written is flushed). A failure
     * is logged, never fatal: the file is derived data, and without it opening reads the whole log.
     */
    private void saveState() {
        if (encoder.seq() == 0) {
            return;
        }
        try {
            List<Long> fullSizes = new ArrayList<>();
            for (int i = 1; i < files.segmentNo(); i++) {
                fullSizes.add(java.nio.file.Files.size(Segments.segment(config.file, i)));
            }
            new LogState(encoder.logId(), encoder.seq(), encoder.head(), files.segmentNo(), files.segmentSize(),
                    files.segmentLines(), sinceCheckpoint, signedLog, fullSizes, cpSegment, cpOffset, sections.get()).save(config);
        } catch (IOException | RuntimeException e) {
            LOG.warn("audit log {}: cannot write its state file (the next open reads the whole log): {}",
                    config.file, e.toString());
        }
    }

    /** Starts the writer thread. */
    void start() {
        thread.start();
    }

    /** Counters since opening. */
    AuditStats stats() {
        return new AuditStats(records.get(), files.syncs.get(), batches.get(), checkpointCount.get(),
                files.segmentsCreated.get());
    }

    /** The writer thread: commits what callers queued (they found the log busy), and checkpoints that fall due. */
    @Override
    public void run() {
        List<Pending> batch = new ArrayList<>();
        boolean closing = false;
        while (!closing) {
            Pending first;
            try {
                first = queue.poll(waitNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                continue; // woken to recompute its sleep (only close() stops the writer, by a CLOSE request)
            }
            lock.lock();
            try {
                // a caller's wake-up (tryCommit) has done its job: what it signals is state read below,
                // and no file operation of this commit may see the interrupt
                Thread.interrupted();
                batch.clear();
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, MAX_BATCH - 1);
                }
                for (Pending p : batch) {
                    closing |= p.kind == Pending.Kind.CLOSE;
                }
                commitOrRefuse(batch, closing);
                shut |= closing;
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Commits {@code p} in the calling thread when the log is idle: nothing queued (which keeps
     * queued requests ahead of it) and nobody committing.
     *
     * @return false, having done nothing, when the log is busy: queue the request instead
     */
    boolean tryCommit(Pending p) {
        if (!queue.isEmpty() || !lock.tryLock()) {
            return false;
        }
        try {
            if (shut) {
                p.fail(new AuditException("audit log " + config.file + " is closed"));
            } else {
                commitOrRefuse(List.of(p), false);
                // the writer thread saves the checkpoint file, off this caller's path, and times the next checkpoint
                boolean writerNeeded = unsavedCheckpoint != null || (sleepsUntilWoken && checkpoints && sinceCheckpoint > 0);
                if (writerNeeded && !wakeRequested) {
                    wakeRequested = true;
                    thread.interrupt();
                }
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void commitOrRefuse(List<Pending> batch, boolean closing) {
        if (failure != null) {
            batch.forEach(p -> p.fail(refusal()));
        } else {
            commit(batch, closing, Thread.currentThread() == thread);
        }
    }

    /** How long the writer may sleep before a time-based checkpoint falls due. */
    private long waitNanos() {
        lock.lock();
        try {
            wakeRequested = false;
            if (unsavedCheckpoint != null && failure == null) {
                return 0;
            }
            sleepsUntilWoken = !checkpoints || sinceCheckpoint == 0 || failure != null;
        } finally {
            lock.unlock();
        }
        if (sleepsUntilWoken) {
            return TimeUnit.SECONDS.toNanos(3600);
        }
        long due = lastCheckpointNanos + config.checkpointInterval.toNanos() - System.nanoTime();
        return Math.max(0, due);
    }

    /**
     * Appends the batch's records, writes them, makes them durable and completes their requests.
     * The checkpoint file is saved after that, by the writer thread only ({@code savesCheckpoint}):
     * its records are durable by then, so a caller need not wait for the three fsyncs of replacing it.
     */
    private void commit(List<Pending> batch, boolean closing, boolean savesCheckpoint) {
        List<Pending> written = new ArrayList<>(batch.size());
        try {
            for (Pending p : batch) {
                switch (p.kind) {
                    case RECORDS -> {
                        for (Pending.Entry e : p.entries) {
                            append(e);
                            if (config.durability == Durability.SYNC) {
                                files.sync();
                            }
                            if (checkpoints && sinceCheckpoint >= config.checkpointRecords) {
                                checkpoint();
                            }
                        }
                        if (config.durability == Durability.SYNC) {
                            p.done.complete(lastAssigned(p));
                        } else {
                            written.add(p);
                        }
                    }
                    case ERASE -> {
                        recentAsides.remove(p.eraseHash);
                        p.done.complete((long) files.erase(p.eraseHash));
                    }
                    case CLOSE -> written.add(p);
                }
            }
            boolean timeDue = System.nanoTime() - lastCheckpointNanos >= config.checkpointInterval.toNanos();
            if (checkpoints && sinceCheckpoint > 0 && (closing || timeDue)) {
                checkpoint();
            }
            if (!batch.isEmpty() || files.unsynced()) {
                batches.incrementAndGet();
            }
            files.sync();
            for (Pending p : written) {
                if (p.kind == Pending.Kind.RECORDS) {
                    p.done.complete(lastAssigned(p));
                }
            }
            if (savesCheckpoint && unsavedCheckpoint != null) {
                Checkpoint cp = unsavedCheckpoint;
                unsavedCheckpoint = null;
                files.saveCheckpoint(cp);
                saveState();
                reindex.run();
            }
            if (files.segmentsCreated.get() != segmentsSeen) {
                segmentsSeen = files.segmentsCreated.get();
                reindex.run();
            }
            for (Pending p : written) {
                if (p.kind == Pending.Kind.CLOSE) { // closed once the last checkpoint is saved too
                    p.done.complete(encoder.seq());
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            fail(e);
            batch.forEach(p -> p.fail(failure));
        }
    }

    private static long lastAssigned(Pending p) {
        return p.entries.isEmpty() ? 0 : p.entries.get(p.entries.size() - 1).assigned;
    }

    /** Places one record in the chain and in the write buffer (rolling the segment first if it is full). */
    private void append(Pending.Entry p) throws IOException {
        for (Map.Entry<String, String> aside : p.asides.entrySet()) {
            if (recentAsides.add(aside.getKey())) { // the same prompt decided again need not be kept twice
                files.keepAside(ErasableText.line(aside.getKey(), aside.getValue()));
            }
        }
        files.makeRoom(encoder.encode(p));
        if (AuditRecordFormat.CHECKPOINT.equals(p.type)) {
            cpSegment = files.segmentNo();
            cpOffset = files.segmentSize() + files.lines().size();
        }
        long s = encoder.writeTo(files.lines());
        files.lineAdded();
        records.incrementAndGet();
        p.assigned = s;
        if (AuditRecordFormat.CHECKPOINT.equals(p.type)) {
            sinceCheckpoint = 0;
        } else {
            sinceCheckpoint++;
        }
        // the index learns of a decision now: a review of it can only be enqueued after its append returns
        if (AuditRecordFormat.DECISION.equals(p.type)) {
            index.put(p.decisionId, new DecisionIndex.Entry(s, encoder.head(), p.submissionId, p.verdict, 0));
        }
    }

    private void checkpoint() throws IOException {
        Checkpoint cp = Checkpoint.create(encoder.logId(), encoder.seq(), encoder.head(), config.clock.instant(),
                config.signingKey);
        append(RecordContent.checkpoint(cp));
        lastCheckpointNanos = System.nanoTime();
        signedLog |= cp.signed();
        checkpointCount.incrementAndGet();
        unsavedCheckpoint = cp;
    }

    private void fail(Throwable e) {
        String what = files.doing().isEmpty() ? "writing" : files.doing();
        String disk = e.getMessage() != null && e.getMessage().contains("No space left") ? " (the disk is full)" : "";
        failure = new AuditException("audit log " + config.file + ": " + what + " failed" + disk + ": " + e.getMessage()
                + "; the log accepts no more records until it is reopened (restart to recover)", e);
        LOG.error("{}", failure.getMessage(), e);
    }

    AuditException refusal() {
        return new AuditException("audit log " + config.file + " stopped accepting records after an earlier failure: "
                + failure.getMessage(), failure);
    }

    /** After the writer thread ended: closes the files; from now on {@link #tryCommit} refuses. */
    void closeFiles() {
        lock.lock();
        try {
            shut = true;
            files.close();
        } finally {
            lock.unlock();
        }
    }
}
