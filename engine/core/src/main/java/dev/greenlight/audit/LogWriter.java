package dev.greenlight.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places records in the chain, writes them and makes them durable: each batch with one write call
 * and one fsync ({@link Durability#GROUP}), or one fsync per record ({@link Durability#SYNC}), or
 * none ({@link Durability#NONE}); then completes the callers' futures. It rolls segments, writes
 * checkpoints, and stops acknowledging for good at the first failed write or fsync: a retried fsync
 * can report success for data that never reached the disk (PostgreSQL's "fsyncgate").
 *
 * <p>Who commits: a caller that finds the log idle (nothing queued, nobody committing) commits its
 * own records in its own thread ({@link #tryCommit}), so a lone caller pays no thread hand-offs (two
 * wake-ups, each often longer than a record's write). Otherwise it queues them, and the writer
 * thread ({@link #run}) commits everything waiting as one batch: the records that arrive during one
 * fsync share the next. All file and chain state is guarded by {@link #lock}.
 */
final class LogWriter implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger("greenlight.audit");
    /** Most requests taken into one batch. */
    static final int MAX_BATCH = 4096;
    /** The envelope's member names, in canonical order, and their bytes up to the value. */
    private static final byte[] PREV = "\"prev\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEQ = "\"seq\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TYPE = "\"type\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] VERSION = ("\"v\":" + AuditRecordFormat.VERSION).getBytes(StandardCharsets.US_ASCII);
    private static final String[] ENVELOPE = {"prev", "seq", "type", "v"};
    private static final byte[] HASH = AuditRecordFormat.HASH_MEMBER.getBytes(StandardCharsets.US_ASCII);

    private final AuditConfig config;
    private final FileLayer files;
    private final Path base;
    private final Path dir;
    private final DecisionIndex index;
    final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    /** Held while committing; guards everything below up to the counters. */
    private final ReentrantLock lock = new ReentrantLock();

    // chain and file state: under lock (set before the log is shared)
    long seq;
    String prev;
    String logId;
    long sinceCheckpoint;
    boolean checkpoints;
    int segmentNo;
    FileLayer.LogFile segment;
    long segmentSize;
    private FileLayer.LogFile side;
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
    private final Buffer buf = new Buffer();
    private final Buffer sideBuf = new Buffer();
    /** One record's body while it is hashed. */
    private final Buffer body = new Buffer();
    private final MessageDigest sha256 = AuditRecordFormat.sha256();
    private String doing = "";
    /** Bytes were written since the last fsync. */
    private boolean unsynced;
    /** The log was closed: its files are being, or have been, closed. */
    private boolean shut;
    /** The writer thread sleeps with no checkpoint due: records committed by callers must wake it to time one. */
    private boolean sleepsUntilWoken;
    /** A caller woke the writer thread, which has not yet worked out its next sleep. */
    private boolean wakeRequested;
    /** The writer thread (interrupting it makes it work out again how long to sleep). */
    Thread thread;

    volatile AuditException failure;
    final AtomicLong records = new AtomicLong();
    final AtomicLong syncs = new AtomicLong();
    final AtomicLong batches = new AtomicLong();
    final AtomicLong checkpointCount = new AtomicLong();
    final AtomicLong segmentsCreated = new AtomicLong();

    LogWriter(AuditConfig config, DecisionIndex index) {
        this.config = config;
        this.files = config.files;
        this.base = config.file;
        this.dir = Segments.directory(config.file);
        this.index = index;
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
                p.fail(new AuditException("audit log " + base + " is closed"));
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
                                sync();
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
                        flush();
                        recentAsides.remove(p.eraseHash);
                        p.done.complete((long) ErasableText.erase(files, Segments.erasableFile(base), p.eraseHash));
                    }
                    case CLOSE -> written.add(p);
                }
            }
            boolean timeDue = System.nanoTime() - lastCheckpointNanos >= config.checkpointInterval.toNanos();
            if (checkpoints && sinceCheckpoint > 0 && (closing || timeDue)) {
                checkpoint();
            }
            if (!batch.isEmpty() || unsynced) {
                batches.incrementAndGet();
            }
            sync();
            for (Pending p : written) {
                if (p.kind == Pending.Kind.RECORDS) {
                    p.done.complete(lastAssigned(p));
                }
            }
            if (savesCheckpoint) {
                saveCheckpoint();
            }
            for (Pending p : written) {
                if (p.kind == Pending.Kind.CLOSE) { // closed once the last checkpoint is saved too
                    p.done.complete(seq);
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
                sideBuf.write(ErasableText.line(aside.getKey(), aside.getValue()));
            }
        }
        long s = seq + 1;
        writeBody(p, s);
        sha256.update(body.array(), 0, body.size());
        String hash = HexFormat.of().formatHex(sha256.digest());
        // the line: the body without its closing brace, then ,"hash":"…"} and a newline
        int lineLength = body.size() - 1 + HASH.length + hash.length() + 2;
        if (segmentSize + buf.size() + lineLength + 1 > config.segmentBytes && segmentSize + buf.size() > 0) {
            roll();
        }
        buf.write(body.array(), 0, body.size() - 1);
        buf.write(HASH);
        buf.writeAscii(hash);
        buf.write('"');
        buf.write('}');
        buf.write('\n');
        seq = s;
        prev = hash;
        if (s == 1) {
            logId = hash;
        }
        records.incrementAndGet();
        p.assigned = s;
        if (AuditRecordFormat.CHECKPOINT.equals(p.type)) {
            sinceCheckpoint = 0;
        } else {
            sinceCheckpoint++;
        }
        // the index learns of a decision now: a review of it can only be enqueued after its append returns
        if (AuditRecordFormat.DECISION.equals(p.type)) {
            index.put(p.decisionId, new DecisionIndex.Entry(s, hash, p.submissionId, p.verdict, 0));
        }
    }

    /**
     * The canonical body of record {@code s} into {@link #body}: the entry's members (sorted, each
     * canonical) merged with the envelope's, whose values are plain ASCII (hex, digits and the
     * format's own names) and so need no escaping.
     */
    private void writeBody(Pending.Entry p, long s) {
        body.clear();
        body.write('{');
        int next = 0;
        for (Map.Entry<String, byte[]> m : p.members.entrySet()) {
            while (next < ENVELOPE.length && ENVELOPE[next].compareTo(m.getKey()) < 0) {
                envelope(next++, p.type, s);
            }
            comma();
            body.write('"');
            body.writeAscii(m.getKey());
            body.write('"');
            body.write(':');
            body.write(m.getValue());
        }
        while (next < ENVELOPE.length) {
            envelope(next++, p.type, s);
        }
        body.write('}');
    }

    private void envelope(int member, String type, long s) {
        comma();
        switch (member) {
            case 0 -> {
                body.write(PREV);
                body.writeAscii(prev);
                body.write('"');
            }
            case 1 -> {
                body.write(SEQ);
                body.writeAscii(Long.toString(s));
            }
            case 2 -> {
                body.write(TYPE);
                body.writeAscii(type);
                body.write('"');
            }
            default -> body.write(VERSION);
        }
    }

    private void comma() {
        if (body.size() > 1) {
            body.write(',');
        }
    }

    private void checkpoint() throws IOException {
        Checkpoint cp = Checkpoint.create(logId, seq, prev, config.clock.instant(), config.signingKey);
        append(RecordContent.checkpoint(cp));
        lastCheckpointNanos = System.nanoTime();
        checkpointCount.incrementAndGet();
        unsavedCheckpoint = cp;
    }

    /** Starts the next segment: the full one is made durable first, the new file's entry after creation. */
    private void roll() throws IOException {
        flush();
        if (config.durability != Durability.NONE) {
            doing = "fsync of " + Segments.segment(base, segmentNo);
            segment.force();
            syncs.incrementAndGet();
        }
        segment.close();
        segmentNo++;
        Path next = Segments.segment(base, segmentNo);
        doing = "creating " + next;
        segment = files.open(next);
        segmentSize = segment.size();
        if (config.durability != Durability.NONE) {
            doing = "fsync of directory " + dir;
            files.syncDirectory(dir);
        }
        segmentsCreated.incrementAndGet();
    }

    private void flush() throws IOException {
        if (sideBuf.size() > 0) {
            Path store = Segments.erasableFile(base);
            if (side == null) {
                doing = "opening " + store;
                boolean existed = Files.exists(store);
                side = files.open(store);
                if (!existed && config.durability != Durability.NONE) {
                    files.syncDirectory(dir);
                }
            }
            doing = "write to " + store;
            side.append(sideBuf.view());
            sideBuf.clear();
            unsynced = true;
        }
        if (buf.size() > 0) {
            doing = "write to " + Segments.segment(base, segmentNo);
            segment.append(buf.view());
            segmentSize += buf.size();
            buf.clear();
            unsynced = true;
        }
    }

    private void sync() throws IOException {
        flush();
        if (config.durability == Durability.NONE || !unsynced) {
            return;
        }
        if (side != null) {
            doing = "fsync of " + Segments.erasableFile(base);
            side.force();
        }
        doing = "fsync of " + Segments.segment(base, segmentNo);
        segment.force();
        syncs.incrementAndGet();
        unsynced = false;
    }

    /** After a checkpoint record is durable: the checkpoint file, replaced atomically. */
    private void saveCheckpoint() throws IOException {
        Checkpoint cp = unsavedCheckpoint;
        unsavedCheckpoint = null;
        if (cp == null || config.durability == Durability.NONE) {
            return;
        }
        Path target = Segments.checkpointFile(base);
        Path tmp = Segments.sibling(base, ".checkpoint.tmp");
        doing = "writing " + tmp;
        try (FileLayer.LogFile f = files.open(tmp)) {
            f.truncate(0);
            f.append(ByteBuffer.wrap((cp.toLine() + "\n").getBytes(StandardCharsets.UTF_8)));
            f.force();
        }
        doing = "renaming " + tmp + " to " + target;
        files.replace(tmp, target);
        doing = "fsync of directory " + dir;
        files.syncDirectory(dir);
    }

    private void fail(Throwable e) {
        String what = doing.isEmpty() ? "writing" : doing;
        String disk = e.getMessage() != null && e.getMessage().contains("No space left") ? " (the disk is full)" : "";
        failure = new AuditException("audit log " + base + ": " + what + " failed" + disk + ": " + e.getMessage()
                + "; the log accepts no more records until it is reopened (restart to recover)", e);
        LOG.error("{}", failure.getMessage(), e);
    }

    AuditException refusal() {
        return new AuditException("audit log " + base + " stopped accepting records after an earlier failure: "
                + failure.getMessage(), failure);
    }

    /** After the writer thread ended: closes the files; from now on {@link #tryCommit} refuses. */
    void closeFiles() {
        lock.lock();
        try {
            shut = true;
            for (FileLayer.LogFile f : new FileLayer.LogFile[] {segment, side}) {
                if (f != null) {
                    try {
                        f.close();
                    } catch (IOException e) {
                        LOG.warn("cannot close audit log file: {}", e.getMessage());
                    }
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** A growable byte buffer that hands its bytes to a write without copying. */
    static final class Buffer {
        private byte[] bytes = new byte[64 * 1024];
        private int size;

        void write(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, bytes, size, b.length);
            size += b.length;
        }

        void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, bytes, size, len);
            size += len;
        }

        void write(int b) {
            ensure(1);
            bytes[size++] = (byte) b;
        }

        /** Text known to be ASCII (hex digits, numbers, the format's member names). */
        void writeAscii(String s) {
            int n = s.length();
            ensure(n);
            for (int i = 0; i < n; i++) {
                bytes[size++] = (byte) s.charAt(i);
            }
        }

        byte[] array() {
            return bytes;
        }

        int size() {
            return size;
        }

        ByteBuffer view() {
            return ByteBuffer.wrap(bytes, 0, size);
        }

        void clear() {
            size = 0;
            if (bytes.length > (8 << 20)) {
                bytes = new byte[64 * 1024]; // do not keep a huge batch's buffer
            }
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }
    }
}
