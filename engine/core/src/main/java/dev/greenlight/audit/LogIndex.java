package dev.greenlight.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the records of one decision, or of one submission, without reading the whole log: each full
 * segment through its {@link SegmentIndex} (built and saved when missing or stale), the last
 * segment, which is still being written, by searching its bytes for the id. Nothing found through
 * an index is taken on trust: each record is read again at its offset, must hash to its stated
 * hash, have the sequence number the index gave, and carry the id asked for; an index that points
 * elsewhere is rebuilt from its segment. Reads while a writer appends (an incomplete last line is
 * not a record yet). Thread-safe (stateless; concurrent builders each write a temp file and rename).
 */
final class LogIndex {
    private static final Logger LOG = LoggerFactory.getLogger("greenlight.audit");
    private static final int CHUNK = 4 << 20;

    private LogIndex() {
    }

    /** The decision record of {@code decisionId} and every record about it after (reviews), in log order. */
    static List<AuditRecord> ofDecision(Path base, String decisionId) throws IOException {
        return find(base, SegmentIndex.decisionKey(decisionId), needle("decisionId", decisionId),
                rec -> decisionId.equals(rec.decisionId()));
    }

    /** The decision records of submission {@code submissionId}, in log order. */
    static List<AuditRecord> ofSubmission(Path base, String submissionId) throws IOException {
        return find(base, SegmentIndex.submissionKey(submissionId), needle("submissionId", submissionId),
                rec -> rec.isDecision() && submissionId.equals(RecordedModel.submissionId(rec.tree().path("decision"))));
    }

    /**
     * Brings the index of every segment up to date where that pays: built when missing or stale,
     * extended over the whole of a full segment, and over the last (growing) one once more than
     * {@link #TAIL_BYTES} of it are not covered. Segments before {@code fromSegment} (1-based) are
     * taken as done.
     *
     * @return how many full segments are indexed now: the next call's {@code fromSegment} less one
     */
    static int indexSegments(Path base, int fromSegment) throws IOException {
        List<Path> segments = Segments.list(base);
        int done = fromSegment - 1;
        for (int i = fromSegment - 1; i < segments.size(); i++) {
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
            boolean full = i < segments.size() - 1;
            current(segments.get(i), full);
            if (full) {
                done = i + 1;
            }
        }
        return done;
    }

    /** A segment's tail not yet covered by its index that a lookup searches instead of indexing it first. */
    static final long TAIL_BYTES = 8 << 20;

    /**
     * The segment's index, built or extended (and saved, when the directory allows) when it is
     * missing, stale, or leaves uncovered more than {@link #TAIL_BYTES} (any tail at all when the
     * segment is full: it grows no more).
     */
    static SegmentIndex current(Path seg, boolean full) throws IOException {
        SegmentIndex idx = SegmentIndex.load(seg);
        if (idx == null) {
            return save(seg, SegmentIndex.build(seg));
        }
        long size = java.nio.file.Files.size(seg);
        if (idx.covered() < size && (full || size - idx.covered() > TAIL_BYTES)) {
            return save(seg, idx.extend(seg));
        }
        return idx;
    }

    private static byte[] needle(String member, String id) {
        try {
            byte[] name = ("\"" + member + "\":").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            byte[] value = AuditRecordFormat.MAPPER.writeValueAsBytes(id); // the canonical form's escaping
            byte[] out = new byte[name.length + value.length];
            System.arraycopy(name, 0, out, 0, name.length);
            System.arraycopy(value, 0, out, name.length, value.length);
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<AuditRecord> find(Path base, long key, byte[] needle, Predicate<AuditRecord> wanted)
            throws IOException {
        List<Path> segments = Segments.list(base);
        List<AuditRecord> out = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            fromIndex(segments.get(i), i < segments.size() - 1, key, needle, wanted, out, false);
        }
        return out;
    }

    /**
     * The records of each decision in {@code decisionIds} (its decision record, then the records about
     * it, in log order; absent when the log holds no such decision), found as {@link #ofDecision} finds
     * one, in one pass over the segments' indexes and one search of what they do not cover.
     */
    static java.util.Map<String, List<AuditRecord>> ofDecisions(Path base, java.util.Collection<String> decisionIds)
            throws IOException {
        java.util.Map<String, Long> after = new java.util.HashMap<>();
        decisionIds.forEach(id -> after.put(id, 0L));
        java.util.Map<String, List<AuditRecord>> out = recordsAbout(base, after);
        out.values().removeIf(records -> {
            while (!records.isEmpty() && !records.get(0).isDecision()) {
                records.remove(0); // a record cannot come before its decision; such a one is not this decision's
            }
            return records.isEmpty();
        });
        return out;
    }

    /**
     * The records about each decision id given (its decision record, reviews, appeals, fulfilments)
     * whose sequence number is above the one given with it, in log order: with a decision's own
     * sequence number, its follow-ups without reading its decision record again. One pass over the
     * segments' indexes and one search of what they do not cover.
     */
    static java.util.Map<String, List<AuditRecord>> recordsAbout(Path base, java.util.Map<String, Long> after)
            throws IOException {
        java.util.Set<String> wanted = after.keySet();
        java.util.Map<String, List<AuditRecord>> out = new java.util.HashMap<>();
        if (wanted.isEmpty()) {
            return out;
        }
        List<Path> segments = Segments.list(base);
        for (int i = 0; i < segments.size(); i++) {
            Path seg = segments.get(i);
            SegmentIndex idx = current(seg, i < segments.size() - 1);
            List<AuditRecord> found = hits(seg, idx, after);
            if (found == null) {
                LOG.info("audit index {} points at a record that is not there; building it again", SegmentIndex.file(seg));
                idx = save(seg, SegmentIndex.build(seg));
                found = hits(seg, idx, after);
                if (found == null) {
                    throw new AuditException("audit log is damaged: " + seg + ": a record the index names does not hash to "
                            + "its stated hash or is not the one indexed (run 'greenlight audit verify')");
                }
            }
            found.sort(java.util.Comparator.comparingLong(AuditRecord::seq));
            RunReader.read(seg, new SegmentIndex.Run(idx.covered(), idx.lines(), Long.MAX_VALUE),
                    line -> {
                        String id = QuickLook.decisionId(line);
                        return id != null && !wanted.contains(id);
                    }, rec -> wanted.contains(rec.decisionId()) && rec.seq() > after.get(rec.decisionId()), found, true);
            for (AuditRecord rec : found) {
                out.computeIfAbsent(rec.decisionId(), k -> new ArrayList<>()).add(rec);
            }
        }
        return out;
    }

    /** The records of the wanted ids (after their sequence numbers) the index points at; null when one of them is not there. */
    private static List<AuditRecord> hits(Path seg, SegmentIndex idx, java.util.Map<String, Long> after) throws IOException {
        List<AuditRecord> found = new ArrayList<>();
        for (java.util.Map.Entry<String, Long> wanted : after.entrySet()) {
            String id = wanted.getKey();
            for (SegmentIndex.Hit hit : idx.find(SegmentIndex.decisionKey(id))) {
                if (hit.seq() <= wanted.getValue()) {
                    continue; // not read: the caller has it (a decision's own record) or does not want it
                }
                AuditRecord rec = read(seg, hit.offset(), hit.line());
                if (rec == null || rec.seq() != hit.seq()) {
                    return null;
                }
                if (id.equals(rec.decisionId())) {
                    found.add(rec);
                }
            }
        }
        return found;
    }

    /** The segment's records of {@code key}: through its index, then by searching the tail the index does not cover. */
    private static void fromIndex(Path seg, boolean full, long key, byte[] needle, Predicate<AuditRecord> wanted,
                                  List<AuditRecord> out, boolean rebuild) throws IOException {
        SegmentIndex idx = rebuild ? save(seg, SegmentIndex.build(seg)) : current(seg, full);
        List<AuditRecord> found = new ArrayList<>();
        for (SegmentIndex.Hit hit : idx.find(key)) {
            AuditRecord rec = read(seg, hit.offset(), hit.line());
            if (rec == null || rec.seq() != hit.seq()) {
                if (rebuild || isDamagedRecord(seg, hit.offset())) {
                    throw new AuditException("audit log is damaged: " + seg + ":" + hit.line() + ": record seq " + hit.seq()
                            + " (offset " + hit.offset() + "): the record there does not hash to its stated hash or is not the one "
                            + "indexed (run 'greenlight audit verify')");
                }
                LOG.info("audit index {} points at a record that is not there; building it again", SegmentIndex.file(seg));
                fromIndex(seg, full, key, needle, wanted, out, true);
                return;
            }
            if (wanted.test(rec)) {
                found.add(rec);
            }
        }
        search(seg, idx.covered(), idx.lines(), needle, wanted, found);
        out.addAll(found);
    }

    /**
     * True when a whole line starts at {@code offset} but is not a sound record: the segment was
     * changed in place (an index that matched its segment's size and last record pointed there), not
     * an index pointing into the middle of a line.
     */
    private static boolean isDamagedRecord(Path seg, long offset) throws IOException {
        if (offset > 0) {
            byte[] before = RecordAt.lineEndingAt(seg, offset);
            if (before == null) {
                return false;
            }
        }
        byte[] line = RecordAt.lineAt(seg, offset);
        return line != null && !RecordCheck.selfConsistent(line);
    }

    /** Saves a segment's index when the directory allows (a reader may not be able to write there). */
    static SegmentIndex save(Path seg, SegmentIndex idx) {
        try {
            idx.save(seg);
        } catch (IOException e) {
            LOG.debug("cannot save audit index {}: {}", SegmentIndex.file(seg), e.toString());
        }
        return idx;
    }

    /** The sound record whose line starts at {@code offset}, or null when there is none. */
    static AuditRecord read(Path seg, long offset, long line) throws IOException {
        byte[] bytes = RecordAt.lineAt(seg, offset);
        return bytes == null ? null : record(seg, bytes, offset, line);
    }

    /** The sound record a line holds (hash checked, a known type), or null. */
    static AuditRecord record(Path seg, byte[] bytes, long offset, long line) {
        if (!RecordCheck.selfConsistent(bytes)) {
            return null;
        }
        JsonNode n;
        try {
            n = AuditRecordFormat.MAPPER.readTree(bytes);
        } catch (IOException e) {
            return null;
        }
        String type = n.path("type").asText("");
        long seq = n.path("seq").asLong(-1);
        if (seq < 1 || !(type.equals(AuditRecordFormat.DECISION) || type.equals(AuditRecordFormat.REVIEW)
                || type.equals(AuditRecordFormat.APPEAL) || type.equals(AuditRecordFormat.FULFILMENT)
                || type.equals(AuditRecordFormat.CHECKPOINT))) {
            return null;
        }
        return new AuditRecord(seq, type, RecordCheck.statedHash(bytes), seg, line, offset, n);
    }

    /** Searches a segment's whole lines from {@code from} for {@code needle}; the sound records among them that are wanted go to {@code out}. */
    private static void search(Path seg, long from, long linesBefore, byte[] needle, Predicate<AuditRecord> wanted,
                               List<AuditRecord> out) throws IOException {
        try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.READ)) {
            if (ch.size() <= from) {
                return;
            }
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(CHUNK, ch.size() - from + 1));
            byte[] a = buf.array();
            long base = from; // file offset of a[0]
            long lineNo = linesBefore; // lines before a[0]
            long pos = from;
            while (true) {
                int n = ch.read(buf, pos);
                if (n < 0 && buf.position() == 0) {
                    return;
                }
                if (n > 0) {
                    pos += n;
                }
                int len = buf.position();
                int lineStart = 0;
                boolean matched = false;
                byte first = needle[0];
                for (int i = 0; i < len; i++) {
                    byte b = a[i];
                    if (b == '\n') {
                        if (matched) {
                            byte[] line = new byte[i - lineStart];
                            System.arraycopy(a, lineStart, line, 0, line.length);
                            AuditRecord rec = record(seg, line, base + lineStart, lineNo + 1);
                            if (rec != null && wanted.test(rec)) {
                                out.add(rec);
                            }
                        }
                        lineNo++;
                        lineStart = i + 1;
                        matched = false;
                    } else if (b == first && !matched && startsWith(a, i, len, needle)) {
                        matched = true;
                    }
                }
                if (n < 0) {
                    return; // what is left has no newline: a record being written, or a torn one
                }
                if (lineStart == 0 && len == a.length) {
                    if (a.length >= LogScan.MAX_RECORD_BYTES * 2) {
                        return; // an overlong line: damage, which verify names
                    }
                    ByteBuffer bigger = ByteBuffer.allocate(a.length * 2);
                    bigger.put(a, 0, len);
                    buf = bigger;
                    a = buf.array();
                    continue;
                }
                System.arraycopy(a, lineStart, a, 0, len - lineStart);
                base += lineStart;
                buf.position(len - lineStart);
            }
        }
    }

    private static boolean startsWith(byte[] a, int at, int len, byte[] needle) {
        if (at + needle.length > len) {
            return false; // the rest comes with the next chunk, where this line is searched again
        }
        for (int j = 1; j < needle.length; j++) {
            if (a[at + j] != needle[j]) {
                return false;
            }
        }
        return true;
    }
}
