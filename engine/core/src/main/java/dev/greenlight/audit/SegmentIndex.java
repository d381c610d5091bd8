package dev.greenlight.audit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.greenlight.json.BoundedLineReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The index of (a prefix of) one segment, in {@code SEGMENT.idx} beside it: for each record, keys (its
 * decision id; a decision record's submission id) with the record's sequence number, byte offset and
 * line, sorted by key so that one lookup is a binary search. A header says how much of the segment
 * it covers (the bytes, the lines, and the hash of the record that ends there); one whose covered
 * prefix no longer ends with that record is stale and built again, and one that covers less than its
 * segment now holds is extended by reading only the rest ({@link #extend}). Derived data, never
 * evidence: a record it points to is read again and checked ({@link LogIndex}). Keys are 64-bit
 * hashes of the ids, so two ids may share one; the check sorts them out.
 *
 * <p>It is also the segment's index by time: per block of {@link #BLOCK_LINES} lines, the block's
 * first offset and line and the earliest and latest record time in it ({@link RecordTime}, in
 * milliseconds), so the records of a time range are read from the blocks that may hold them
 * ({@link #runs}) and nowhere else. Times are taken per block, not assumed to rise: a clock stepped
 * back only widens the block it falls in. A line whose time cannot be read makes its block match
 * every range (so it is read, and a damaged record is found there).
 *
 * <p>Format (big-endian): 8 bytes {@code GLIDX003}; the bytes covered, the CRC-32C of the entries
 * and blocks, the lines covered (longs); the hash of the last record covered (64 ASCII bytes); the
 * count of entries and of blocks (ints), padded to 128 bytes; then per entry key, seq, offset, line,
 * then per block offset, line, earliest and latest time (longs). A file that fails its CRC is built
 * again (as is one of an earlier format). Immutable once written (written to a temp file and
 * renamed); thread-safe.
 */
final class SegmentIndex {
    private static final byte[] MAGIC = "GLIDX003".getBytes(StandardCharsets.US_ASCII);
    static final int HEADER = 128;
    static final int ENTRY = 32;
    static final int BLOCK = 32;
    /** Lines per block of the index by time: about 150 KiB of a segment of typical records. */
    static final int BLOCK_LINES = 64;
    private static final byte DECISION_KEY = 'd';
    private static final byte SUBMISSION_KEY = 's';

    /** One place a key was found. */
    record Hit(long seq, long offset, long line) {
    }

    /** Whole lines of the segment to read: from {@code offset} (just after line {@code linesBefore}) up to {@code end}. */
    record Run(long offset, long linesBefore, long end) {
    }

    /** Key, seq, offset, line per entry, sorted by key then seq: the mapped file as loaded, or an array as built. */
    private final LongBuffer entries;
    /** Offset, first line, earliest and latest time (ms) per block of {@link #BLOCK_LINES} lines, in segment order. */
    private final LongBuffer blocks;
    private final long covered;
    private final long lines;
    private final String lastHash;

    private SegmentIndex(long[] entries, long[] blocks, long covered, long lines, String lastHash) {
        this(LongBuffer.wrap(entries), LongBuffer.wrap(blocks), covered, lines, lastHash);
    }

    private SegmentIndex(LongBuffer entries, LongBuffer blocks, long covered, long lines, String lastHash) {
        this.entries = entries;
        this.blocks = blocks;
        this.covered = covered;
        this.lines = lines;
        this.lastHash = lastHash;
    }

    /** The bytes of the segment this index covers (from its start): records after them are not in it. */
    long covered() {
        return covered;
    }

    /** The lines of the segment this index covers. */
    long lines() {
        return lines;
    }

    static Path file(Path segment) {
        return segment.resolveSibling(segment.getFileName() + ".idx");
    }

    static long decisionKey(String decisionId) {
        return key(DECISION_KEY, decisionId);
    }

    static long submissionKey(String submissionId) {
        return key(SUBMISSION_KEY, submissionId);
    }

    /** FNV-1a over the kind and the id's UTF-8, then a final mix (collisions only cost a re-read). */
    private static long key(byte kind, String id) {
        long h = 0xcbf29ce484222325L;
        h = (h ^ kind) * 0x100000001b3L;
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }

    /** The places of {@code key}, in log order. */
    List<Hit> find(long key) {
        int n = entries.limit() / 4;
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (entries.get(mid * 4) < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        List<Hit> out = new ArrayList<>(2);
        for (int i = lo; i < n && entries.get(i * 4) == key; i++) {
            out.add(new Hit(entries.get(i * 4 + 1), entries.get(i * 4 + 2), entries.get(i * 4 + 3)));
        }
        return out;
    }

    /**
     * The parts of the covered prefix that may hold a record whose time, in milliseconds rounded
     * down, is between {@code fromMs} and {@code toMs} (both included): adjacent blocks merged into
     * one run, in segment order.
     */
    List<Run> runs(long fromMs, long toMs) {
        int n = blocks.limit() / 4;
        List<Run> out = new ArrayList<>();
        int i = 0;
        while (i < n) {
            if (!overlaps(i, fromMs, toMs)) {
                i++;
                continue;
            }
            int first = i;
            while (i < n && overlaps(i, fromMs, toMs)) {
                i++;
            }
            long end = i < n ? blocks.get(i * 4) : covered;
            out.add(new Run(blocks.get(first * 4), blocks.get(first * 4 + 1) - 1, end));
        }
        return out;
    }

    private boolean overlaps(int block, long fromMs, long toMs) {
        long min = blocks.get(block * 4 + 2);
        long max = blocks.get(block * 4 + 3);
        return max >= fromMs && min <= toMs;
    }

    /**
     * Loads the segment's index when its file is there, sound (CRC, order), and the segment still
     * holds the prefix it covers (the record there has the hash it names); else null.
     */
    static SegmentIndex load(Path segment) {
        Path f = file(segment);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < HEADER || (size - HEADER) % ENTRY != 0 || size - HEADER > Integer.MAX_VALUE) {
                return null;
            }
            MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
            m.order(ByteOrder.BIG_ENDIAN);
            byte[] magic = new byte[MAGIC.length];
            m.get(magic);
            long segSize = m.getLong();
            long crc = m.getLong();
            long lineCount = m.getLong();
            byte[] hash = new byte[64];
            m.get(hash);
            int count = m.getInt();
            int blockCount = m.getInt();
            if (!Arrays.equals(magic, MAGIC) || count < 0 || blockCount < 0
                    || (long) count * ENTRY + (long) blockCount * BLOCK != size - HEADER) {
                return null;
            }
            String last = new String(hash, StandardCharsets.US_ASCII);
            if (segSize > Files.size(segment) || segSize > 0 && !last.equals(RecordCheck.statedHash(
                    orEmpty(RecordAt.lineEndingAt(segment, segSize))))) {
                return null;
            }
            m.position(HEADER);
            java.util.zip.CRC32C check = new java.util.zip.CRC32C();
            check.update(m.duplicate());
            if (check.getValue() != crc) {
                return null;
            }
            // searched where it lies (mapped), not copied: the CRC stands for the rest of the checks
            m.position(HEADER);
            LongBuffer all = m.slice().order(ByteOrder.BIG_ENDIAN).asLongBuffer();
            LongBuffer entries = all.duplicate().limit(count * 4).slice();
            LongBuffer blocks = all.duplicate().position(count * 4).slice();
            if (blockCount != (lineCount + BLOCK_LINES - 1) / BLOCK_LINES) {
                return null;
            }
            return new SegmentIndex(entries, blocks, segSize, lineCount, last);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static byte[] orEmpty(byte[] line) {
        return line == null ? new byte[0] : line;
    }

    /**
     * Builds the index of a segment by reading it (only the ids, not checking hashes: the index is
     * not evidence), up to its last whole line.
     */
    static SegmentIndex build(Path segment) throws IOException {
        return new SegmentIndex(new long[0], new long[0], 0, 0, "0".repeat(64)).extend(segment);
    }

    /** This index with the records after its covered prefix added, up to the segment's last whole line. */
    SegmentIndex extend(Path segment) throws IOException {
        List<long[]> rows = new ArrayList<>();
        List<long[]> times = new ArrayList<>();
        for (int i = 0; i < blocks.limit(); i += 4) {
            times.add(new long[] {blocks.get(i), blocks.get(i + 1), blocks.get(i + 2), blocks.get(i + 3)});
        }
        long size = covered;
        long lineCount = lines;
        String hash = lastHash;
        try (InputStream in = Files.newInputStream(segment)) {
            in.skipNBytes(covered);
            BoundedLineReader reader = new BoundedLineReader(in, LogScan.MAX_RECORD_BYTES);
            reader.startAt(covered, (int) lines);
            byte[] line;
            while ((line = reader.next()) != null) {
                if (!reader.terminated() || reader.overlong()) {
                    break;
                }
                size = reader.lineOffset() + line.length + 1;
                lineCount = reader.lineNumber();
                String stated = RecordCheck.statedHash(line);
                hash = stated == null ? "0".repeat(64) : stated;
                Ids ids = Ids.of(line);
                addTime(times, reader.lineOffset(), reader.lineNumber(), ids == null ? RecordTime.UNKNOWN : ids.time);
                if (ids == null) {
                    continue;
                }
                if (ids.decisionId != null) {
                    rows.add(new long[] {decisionKey(ids.decisionId), ids.seq, reader.lineOffset(), reader.lineNumber()});
                }
                if (ids.submissionId != null && ids.decision) {
                    rows.add(new long[] {submissionKey(ids.submissionId), ids.seq, reader.lineOffset(), reader.lineNumber()});
                }
            }
        }
        for (int i = 0; i < entries.limit(); i += 4) {
            rows.add(new long[] {entries.get(i), entries.get(i + 1), entries.get(i + 2), entries.get(i + 3)});
        }
        rows.sort(Comparator.<long[]>comparingLong(r -> r[0]).thenComparingLong(r -> r[1]));
        long[] all = new long[rows.size() * 4];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, all, i * 4, 4);
        }
        long[] blockArray = new long[times.size() * 4];
        for (int i = 0; i < times.size(); i++) {
            System.arraycopy(times.get(i), 0, blockArray, i * 4, 4);
        }
        return new SegmentIndex(all, blockArray, size, lineCount, hash);
    }

    /** Puts line {@code line}'s time into its block (a new block every {@link #BLOCK_LINES} lines). */
    private static void addTime(List<long[]> times, long offset, long line, long ms) {
        int b = (int) ((line - 1) / BLOCK_LINES);
        if (b == times.size()) {
            times.add(new long[] {offset, line, Long.MAX_VALUE, Long.MIN_VALUE});
        }
        long[] block = times.get(b);
        if (ms == RecordTime.UNKNOWN) {
            block[2] = Long.MIN_VALUE; // read for every range: what is there is found by the reader
            block[3] = Long.MAX_VALUE;
        } else {
            block[2] = Math.min(block[2], ms);
            block[3] = Math.max(block[3], ms);
        }
    }

    /** Writes this index beside {@code segment} (temp file and rename: a reader sees the old file or the new). */
    void save(Path segment) throws IOException {
        Path target = file(segment);
        Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), target.getFileName() + ".", ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer all = ByteBuffer.allocate((entries.limit() + blocks.limit()) * 8);
                all.asLongBuffer().put(entries.duplicate().rewind()).put(blocks.duplicate().rewind());
                java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
                crc.update(all.duplicate());
                ByteBuffer h = ByteBuffer.allocate(HEADER);
                h.put(MAGIC).putLong(covered).putLong(crc.getValue()).putLong(lines)
                        .put(lastHash.getBytes(StandardCharsets.US_ASCII)).putInt(entries.limit() / 4)
                        .putInt(blocks.limit() / 4);
                h.position(HEADER).flip();
                write(ch, h);
                write(ch, all);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void write(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    /** The ids of one record line, read with a streaming parser (its big members skipped). */
    static final class Ids {
        long seq = -1;
        boolean decision;
        /** The record's time in milliseconds ({@link RecordTime}), or {@link RecordTime#UNKNOWN}. */
        long time = RecordTime.UNKNOWN;
        String decisionId;
        String submissionId;

        /** The line's ids (a review's or an appeal's decision id too), or null when it is not a record this can read. */
        static Ids of(byte[] line) {
            Ids ids = new Ids();
            try (JsonParser p = AuditRecordFormat.MAPPER.getFactory().createParser(line)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    return null;
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.getCurrentName();
                    JsonToken t = p.nextToken();
                    switch (name) {
                        case "decision", "review", "appeal", "fulfilment", "checkpoint" -> {
                            if (t == JsonToken.START_OBJECT) {
                                ids.decision |= name.equals("decision");
                                ids.members(p, RecordTime.member(name));
                            } else {
                                p.skipChildren();
                            }
                        }
                        case "seq" -> ids.seq = t == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : -1;
                        default -> p.skipChildren();
                    }
                }
                return ids.seq > 0 ? ids : null;
            } catch (IOException e) {
                return null;
            }
        }

        private void members(JsonParser p, String timeMember) throws IOException {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.getCurrentName();
                JsonToken t = p.nextToken();
                if (t == JsonToken.VALUE_STRING && name.equals(timeMember)) {
                    time = RecordTime.parseMillis(p.getText());
                } else if (t == JsonToken.VALUE_STRING && name.equals("decisionId")) {
                    decisionId = p.getText();
                } else if (t == JsonToken.VALUE_STRING && name.equals("submissionId")) {
                    submissionId = p.getText();
                } else {
                    p.skipChildren();
                }
            }
        }
    }
}
