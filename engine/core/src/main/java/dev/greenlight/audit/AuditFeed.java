package dev.greenlight.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.json.BoundedLineReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Follows a log from a cursor, the way a sink ships records elsewhere: it reads only durable,
 * complete records, in log order, segment after segment, and remembers (in a small cursor file
 * beside the log) the last record its reader has handled. A reader that falls behind, or is down
 * for a while, only lags: nothing is buffered in memory, and nothing is lost, because the log itself
 * is the buffer (docs/reliability.md L7).
 *
 * <p>Not thread-safe: one follower per reader, used by one thread.
 */
public final class AuditFeed {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path base;
    private final Path cursorFile;
    private int segment;
    private long offset;
    private long lastSeq;
    private Map<String, String> texts;

    private AuditFeed(Path base, Path cursorFile, int segment, long offset, long lastSeq) {
        this.base = base;
        this.cursorFile = cursorFile;
        this.segment = segment;
        this.offset = offset;
        this.lastSeq = lastSeq;
    }

    /**
     * A follower named {@code name} (e.g. a plugin id) of the log at {@code base}: it resumes from
     * its cursor file when there is one, and otherwise starts after the log's current last record
     * (a new reader is not handed the history).
     */
    public static AuditFeed follow(Path base, String name) throws IOException {
        Path cursorFile = Segments.sibling(base, ".feed-" + name.replaceAll("[^A-Za-z0-9._-]", "_"));
        if (Files.exists(cursorFile)) {
            String[] parts = Files.readString(cursorFile, StandardCharsets.US_ASCII).trim().split(" ");
            return new AuditFeed(base, cursorFile, Integer.parseInt(parts[0]), Long.parseLong(parts[1]),
                    Long.parseLong(parts[2]));
        }
        List<Path> segments = Segments.list(base);
        int last = Math.max(1, segments.size());
        Path file = Segments.segment(base, last);
        long size = Files.exists(file) ? Files.size(file) : 0;
        AuditFeed feed = new AuditFeed(base, cursorFile, last, size, -1);
        feed.save();
        return feed;
    }

    /**
     * Like {@link #follow}, but a reader without a cursor file starts at the log's first record: a
     * shipper that copies the whole log elsewhere (PostgreSQL, Kafka) is handed its history.
     */
    public static AuditFeed followFromStart(Path base, String name) throws IOException {
        Path cursorFile = Segments.sibling(base, ".feed-" + name.replaceAll("[^A-Za-z0-9._-]", "_"));
        if (Files.exists(cursorFile)) {
            return follow(base, name);
        }
        AuditFeed feed = new AuditFeed(base, cursorFile, 1, 0, 0);
        feed.save();
        return feed;
    }

    /**
     * The log's id: the hash of its first record (which its checkpoints name as {@code log}); empty
     * while the log has no complete first record.
     */
    public static java.util.Optional<String> logId(Path base) throws IOException {
        Path first = Segments.segment(base, 1);
        if (!Files.exists(first)) {
            return java.util.Optional.empty();
        }
        try (InputStream in = Files.newInputStream(first)) {
            BoundedLineReader lines = new BoundedLineReader(in, LogScan.MAX_RECORD_BYTES);
            byte[] line = lines.next();
            if (line == null || !lines.terminated() || lines.overlong() || !RecordCheck.selfConsistent(line)) {
                return java.util.Optional.empty();
            }
            int cut = RecordCheck.hashMemberStart(line);
            return java.util.Optional.of(new String(line, cut + AuditRecordFormat.HASH_MEMBER.length(), 64,
                    StandardCharsets.US_ASCII));
        }
    }

    /**
     * The exact bytes of a record returned by the last {@link #poll} (its line without the newline),
     * so a copy elsewhere can recompute its hash. The caller must not change the array.
     */
    public byte[] line(AuditRecord rec) {
        return ends.stream().filter(e -> e.rec() == rec).findFirst().orElseThrow(() ->
                new IllegalArgumentException("record seq " + rec.seq() + " was not returned by the last poll")).line();
    }

    /** The sequence number of the last record handed out and committed (-1 before the first). */
    public long lastSeq() {
        return lastSeq;
    }

    /**
     * Up to {@code max} records after the cursor, in order; empty when the reader is caught up. The
     * cursor does not move until {@link #commit} is called with a record returned here, so a reader
     * that fails on a record gets it again.
     */
    public List<AuditRecord> poll(int max) throws IOException {
        List<AuditRecord> out = new ArrayList<>();
        ends.clear();
        int seg = segment;
        long off = offset;
        while (out.size() < max) {
            Path file = Segments.segment(base, seg);
            long size;
            try {
                size = Files.size(file);
            } catch (NoSuchFileException e) {
                break;
            }
            if (off < size) {
                off = readFrom(file, seg, off, size, max, out);
            }
            if (out.size() < max && off >= size && Files.exists(Segments.segment(base, seg + 1))) {
                seg++; // the writer moved on: this segment is complete
                off = 0;
            } else {
                break;
            }
        }
        return out;
    }

    /** Reads complete records of one segment from {@code off}; returns where reading stopped. */
    private long readFrom(Path file, int seg, long off, long size, int max, List<AuditRecord> out) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ch.position(off);
            InputStream in = Channels.newInputStream(ch);
            BoundedLineReader lines = new BoundedLineReader(in, LogScan.MAX_RECORD_BYTES);
            long pos = off;
            byte[] line;
            while (out.size() < max && (line = lines.next()) != null) {
                if (!lines.terminated() || lines.overlong()) {
                    break; // a record still being written (or damage, which verify reports): wait
                }
                long start = off + lines.lineOffset();
                pos = start + line.length + 1;
                JsonNode json = JSON.readTree(line);
                String type = json.path("type").asText();
                AuditRecord rec = new AuditRecord(json.path("seq").asLong(), type, json.path("hash").asText(), file,
                        0, start, json);
                out.add(rec);
                ends.add(new End(rec, seg, pos, line));
            }
            return pos;
        }
    }

    /** Where each record of the last poll ends: the cursor after it. */
    private record End(AuditRecord rec, int segment, long offset, byte[] line) {
    }

    private final List<End> ends = new ArrayList<>();

    /** Moves the cursor past {@code rec} (one returned by the last {@link #poll}) and saves it. */
    public void commit(AuditRecord rec) throws IOException {
        commitQuietly(rec);
        save();
    }

    /** Moves the cursor past {@code rec} without saving it yet (call {@link #save} now and then). */
    public void commitQuietly(AuditRecord rec) {
        End at = ends.stream().filter(e -> e.rec() == rec).findFirst().orElseThrow(() ->
                new IllegalArgumentException("record seq " + rec.seq() + " was not returned by the last poll"));
        segment = at.segment();
        offset = at.offset();
        lastSeq = rec.seq();
    }

    /** Writes the cursor file (atomically: a crash leaves the old or the new cursor, never half). */
    public void save() throws IOException {
        save(new Cursor(segment, offset, lastSeq));
    }

    /**
     * A cursor position, kept apart from the follower's own so that a reader that reads ahead (the
     * shipper reads the next batch while the last is being stored) can save where it has handled
     * records up to, not where it has read up to.
     */
    record Cursor(int segment, long offset, long lastSeq) {
    }

    /** The cursor just past {@code rec}, one returned by the last {@link #poll}. */
    Cursor cursorAfter(AuditRecord rec) {
        End at = ends.stream().filter(e -> e.rec() == rec).findFirst().orElseThrow(() ->
                new IllegalArgumentException("record seq " + rec.seq() + " was not returned by the last poll"));
        return new Cursor(at.segment(), at.offset(), rec.seq());
    }

    /** The lines of the records returned by the last {@link #poll}, in the same order. */
    List<byte[]> polledLines() {
        List<byte[]> out = new ArrayList<>(ends.size());
        for (End e : ends) {
            out.add(e.line());
        }
        return out;
    }

    /**
     * Writes {@code at} as the cursor file; it touches nothing else of this follower, so the thread
     * that stores what another thread read may call it. Atomic, like {@link #save()}.
     */
    void save(Cursor at) throws IOException {
        Path tmp = cursorFile.resolveSibling(cursorFile.getFileName() + ".tmp");
        Files.writeString(tmp, at.segment() + " " + at.offset() + " " + at.lastSeq() + "\n", StandardCharsets.US_ASCII);
        try {
            Files.move(tmp, cursorFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, cursorFile, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Writes the cursor file and forces it (and its directory) to disk, for a reader that promised
     * something outside the process on the strength of it (a delivered callback): after a crash the
     * cursor is never behind what was saved here. Costs an fsync or two; {@link #save} does not.
     */
    public void saveDurably() throws IOException {
        save();
        try (FileChannel ch = FileChannel.open(cursorFile, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        try (FileChannel dir = FileChannel.open(cursorFile.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            dir.force(true); // the rename that put the cursor in place
        } catch (IOException | UnsupportedOperationException e) {
            // some file systems cannot sync a directory; the file itself is synced
        }
    }

    /** The decision and submission of a decision record, with texts kept aside restored. */
    public AuditReader.Restored restore(AuditRecord rec) throws IOException {
        if (texts == null || rec.tree().has("redactions")) {
            texts = AuditReader.erasableTexts(base);
        }
        return AuditReader.restore(rec, texts);
    }
}
