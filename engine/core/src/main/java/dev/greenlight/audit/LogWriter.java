package dev.greenlight.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log's single writer thread: takes every waiting request, gives each record its place in the
 * chain, writes the batch with one write call and makes it durable with one fsync
 * ({@link Durability#GROUP}), or one per record ({@link Durability#SYNC}), or none
 * ({@link Durability#NONE}); then completes the callers' futures. It rolls segments, writes
 * checkpoints, and stops acknowledging for good at the first failed write or fsync: a retried fsync
 * can report success for data that never reached the disk (PostgreSQL's "fsyncgate").
 *
 * <p>All file state is confined to the writer thread; callers only enqueue and wait.
 */
final class LogWriter implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger("greenlight.audit");
    /** Most requests taken into one batch. */
    static final int MAX_BATCH = 4096;

    private final AuditConfig config;
    private final FileLayer files;
    private final Path base;
    private final Path dir;
    private final DecisionIndex index;
    final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();

    // chain and file state: writer thread only (set before the thread starts)
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
    private String doing = "";
    /** Bytes were written since the last fsync. */
    private boolean unsynced;

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

    @Override
    public void run() {
        List<Pending> batch = new ArrayList<>();
        boolean closing = false;
        while (!closing) {
            Pending first;
            try {
                first = queue.poll(waitNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                continue; // only close() stops the writer, by a CLOSE request
            }
            batch.clear();
            if (first != null) {
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
            }
            for (Pending p : batch) {
                closing |= p.kind == Pending.Kind.CLOSE;
            }
            if (failure != null) {
                batch.forEach(p -> p.done.completeExceptionally(refusal()));
                continue;
            }
            commit(batch, closing);
        }
    }

    /** How long the writer may sleep before a time-based checkpoint falls due. */
    private long waitNanos() {
        if (!checkpoints || sinceCheckpoint == 0 || failure != null) {
            return TimeUnit.SECONDS.toNanos(3600);
        }
        long due = lastCheckpointNanos + config.checkpointInterval.toNanos() - System.nanoTime();
        return Math.max(0, due);
    }

    private void commit(List<Pending> batch, boolean closing) {
        List<Pending> written = new ArrayList<>(batch.size());
        try {
            for (Pending p : batch) {
                switch (p.kind) {
                    case RECORD -> {
                        append(p);
                        if (config.durability == Durability.SYNC) {
                            sync();
                            p.done.complete(p.assigned);
                        } else {
                            written.add(p);
                        }
                        if (checkpoints && sinceCheckpoint >= config.checkpointRecords) {
                            checkpoint();
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
            saveCheckpoint();
            for (Pending p : written) {
                p.done.complete(p.kind == Pending.Kind.CLOSE ? seq : p.assigned);
            }
        } catch (IOException | RuntimeException | Error e) {
            fail(e);
            batch.forEach(p -> p.done.completeExceptionally(failure));
        }
    }

    /** Places one record in the chain and in the write buffer (rolling the segment first if it is full). */
    private void append(Pending p) throws IOException {
        for (Map.Entry<String, String> aside : p.asides.entrySet()) {
            if (recentAsides.add(aside.getKey())) { // the same prompt decided again need not be kept twice
                sideBuf.write(ErasableText.line(aside.getKey(), aside.getValue()));
            }
        }
        TreeMap<String, byte[]> members = new TreeMap<>(p.members);
        long s = seq + 1;
        members.put("prev", AuditRecordFormat.jsonString(prev));
        members.put("seq", Long.toString(s).getBytes(StandardCharsets.US_ASCII));
        members.put("type", AuditRecordFormat.jsonString(p.type));
        members.put("v", Integer.toString(AuditRecordFormat.VERSION).getBytes(StandardCharsets.US_ASCII));
        byte[] body = AuditRecordFormat.body(members);
        String hash = AuditRecordFormat.sha256Hex(body, body.length);
        byte[] line = AuditRecordFormat.line(body, hash);
        if (segmentSize + buf.size() + line.length + 1 > config.segmentBytes && segmentSize + buf.size() > 0) {
            roll();
        }
        buf.write(line);
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

    private void checkpoint() throws IOException {
        Checkpoint cp = Checkpoint.create(logId, seq, prev, config.clock.instant(), config.signingKey);
        TreeMap<String, byte[]> members = new TreeMap<>();
        members.put(AuditRecordFormat.CHECKPOINT, AuditRecordFormat.canonical(cp.toJson()));
        append(Pending.record(AuditRecordFormat.CHECKPOINT, members, Map.of(), null, null, null));
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

    void closeFiles() {
        for (FileLayer.LogFile f : new FileLayer.LogFile[] {segment, side}) {
            if (f != null) {
                try {
                    f.close();
                } catch (IOException e) {
                    LOG.warn("cannot close audit log file: {}", e.getMessage());
                }
            }
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

        void write(int b) {
            ensure(1);
            bytes[size++] = (byte) b;
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
