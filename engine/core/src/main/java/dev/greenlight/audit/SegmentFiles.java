package dev.greenlight.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files a log writes and how they are made durable: the current segment, with the lines of a
 * batch gathered in one buffer and written with one call; rolling to a new segment when the next
 * line would not fit (the full one forced first, the directory forced after the new file exists);
 * the erasable store beside it; and the checkpoint file, replaced atomically (write, force, rename,
 * force the directory). Durability {@link Durability#NONE} forces nothing. Files are opened through
 * the configured {@link FileLayer} (where tests inject faults); what a file operation was doing when
 * it failed is kept for the writer's error message ({@link #doing}).
 *
 * <p>Not thread-safe: used only under the writer's lock.
 */
final class SegmentFiles implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("greenlight.audit");

    private final AuditConfig config;
    private final FileLayer files;
    private final Path base;
    private final Path dir;
    private int segmentNo;
    private FileLayer.LogFile segment;
    private long segmentSize;
    /** Lines in the current segment as written (buffered ones not counted until flushed). */
    private int segmentLines;
    private int bufferedLines;
    /** The erasable store, opened when the first text is kept aside. */
    private FileLayer.LogFile side;
    private final WriteBuffer buf = new WriteBuffer();
    private final WriteBuffer sideBuf = new WriteBuffer();
    /** Bytes were written since the last fsync. */
    private boolean unsynced;
    private String doing = "";
    final AtomicLong syncs = new AtomicLong();
    final AtomicLong segmentsCreated = new AtomicLong();

    private SegmentFiles(AuditConfig config, int segmentNo, FileLayer.LogFile segment, int segmentLines) throws IOException {
        this.segmentLines = segmentLines;
        this.config = config;
        this.files = config.files;
        this.base = config.file;
        this.dir = Segments.directory(config.file);
        this.segmentNo = segmentNo;
        this.segment = segment;
        this.segmentSize = segment.size();
    }

    /**
     * Opens the log's last segment for appending, or creates the first (and forces the directory, so
     * the new file's entry is durable too).
     *
     * @param segments how many segments recovery found (0 for a new log)
     * @param lines    how many lines the last of them holds
     */
    static SegmentFiles open(AuditConfig config, int segments, int lines) throws IOException {
        boolean fresh = segments == 0;
        int number = fresh ? 1 : segments;
        FileLayer.LogFile segment = config.files.open(Segments.segment(config.file, number));
        try {
            if (fresh && config.durability != Durability.NONE) {
                config.files.syncDirectory(Segments.directory(config.file));
            }
            return new SegmentFiles(config, number, segment, fresh ? 0 : lines);
        } catch (IOException | RuntimeException e) {
            segment.close();
            throw e;
        }
    }

    /** What the last file operation was (for the message when it failed). */
    String doing() {
        return doing;
    }

    /** Rolls to the next segment first when a line of {@code lineLength} bytes would not fit in this one. */
    void makeRoom(int lineLength) throws IOException {
        long used = segmentSize + buf.size();
        if (used + lineLength > config.segmentBytes && used > 0) {
            roll();
        }
    }

    /** Where the lines of the current batch are gathered until {@link #flush}. */
    WriteBuffer lines() {
        return buf;
    }

    /** Counts one line put in {@link #lines()}. */
    void lineAdded() {
        bufferedLines++;
    }

    /** The current segment's number. */
    int segmentNo() {
        return segmentNo;
    }

    /** Bytes written to the current segment (what is buffered not counted). */
    long segmentSize() {
        return segmentSize;
    }

    /** Lines written to the current segment (what is buffered not counted). */
    int segmentLines() {
        return segmentLines;
    }

    /** Queues one line (with its newline) for the erasable store. */
    void keepAside(byte[] line) {
        sideBuf.write(line);
    }

    /** Erases a kept-aside text from the store (flushing what is queued for it first): the copies erased. */
    int erase(String hash) throws IOException {
        flush();
        Path store = Segments.erasableFile(base);
        doing = "erasing from " + store;
        return ErasableText.erase(files, store, hash);
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
        segmentLines = 0;
        if (config.durability != Durability.NONE) {
            doing = "fsync of directory " + dir;
            files.syncDirectory(dir);
        }
        segmentsCreated.incrementAndGet();
    }

    /** Writes what is buffered: kept-aside texts first (a record must not name a text the store lacks), then the lines. */
    void flush() throws IOException {
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
            segmentLines += bufferedLines;
            bufferedLines = 0;
            buf.clear();
            unsynced = true;
        }
    }

    /** Writes what is buffered and forces it to disk, unless the durability is NONE or nothing is new. */
    void sync() throws IOException {
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

    /** Bytes were written to a file since the last fsync (what is still buffered does not count). */
    boolean unsynced() {
        return unsynced;
    }

    /** Replaces the checkpoint file atomically with {@code cp} (after its record is durable); nothing under NONE. */
    void saveCheckpoint(Checkpoint cp) throws IOException {
        if (config.durability == Durability.NONE) {
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

    /** Closes the files, logging (not throwing) what cannot be closed: the log is going away. */
    @Override
    public void close() {
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
}
