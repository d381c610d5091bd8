package dev.greenlight.audit;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.greenlight.model.Decision;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads a log's records in order, checking the chain as it goes, for queries and replays. A log
 * being written can be read: an incomplete last record (being written, or torn by a crash and not
 * yet cut off) ends the reading quietly. Thread-safe (stateless).
 */
public final class AuditReader {
    private AuditReader() {
    }

    /** How a read ended. */
    public record Ended(long lastSeq, int segments, boolean tornTail) {
    }

    /**
     * Gives every sound record to {@code each}, in order.
     *
     * @throws AuditException when the log is damaged (other than a torn tail), naming where
     */
    public static Ended read(Path base, Consumer<AuditRecord> each) throws IOException {
        LogScan.Result r = LogScan.scan(base, rec -> {
            each.accept(rec);
            return null;
        });
        if (!r.intact() && !r.tail) {
            throw new AuditException("audit log is damaged: " + r.where() + ": " + r.problem);
        }
        return new Ended(r.chain.seq, r.segments.size(), r.tail);
    }

    /**
     * A record's place, from which a read can go on without reading what came before it: the
     * record {@code seq} with hash {@code hash}, whose line {@code line} starts at byte
     * {@code offset} of segment file {@code segment}. Kept by those that save state derived from the
     * log up to a record (the review desk), to be checked and read on from later ({@link #readAfter}).
     */
    public record Place(Path segment, long offset, long line, long seq, String hash) {
        public Place {
            java.util.Objects.requireNonNull(segment, "segment");
            java.util.Objects.requireNonNull(hash, "hash");
        }

        /** The place of a record as read. */
        public static Place of(AuditRecord rec) {
            return new Place(rec.file(), rec.offset(), rec.line(), rec.seq(), rec.hash());
        }
    }

    /**
     * Gives every sound record after the record at {@code after} to {@code each}, in order, checking
     * the chain from that record on as {@link #read} does; the records before it are not read. The
     * record must still be there: a whole line of a segment of this log starting at that offset,
     * hashing to its stated hash, with that sequence number and hash. When it is not (the log was
     * cut, replaced or rewritten), nothing is given and the result is empty: read from the start
     * instead. Like a state file, a place is a shortcut, not evidence: a record changed before it in
     * a way that keeps its segment's size is not noticed here ({@code verify} finds it).
     *
     * @throws AuditException when a record after the place is damaged (other than a torn tail)
     */
    public static java.util.Optional<Ended> readAfter(Path base, Place after, Consumer<AuditRecord> each) throws IOException {
        java.util.Objects.requireNonNull(after, "after");
        List<Path> segments = Segments.list(base);
        int segment = -1;
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i).getFileName().equals(after.segment().getFileName())) {
                segment = i; // by name: the place may have been saved with the directory spelt otherwise
            }
        }
        if (segment < 0 || !java.nio.file.Files.isRegularFile(segments.get(segment))) {
            return java.util.Optional.empty();
        }
        Path file = segments.get(segment);
        byte[] line = RecordAt.lineAt(file, after.offset());
        if (line == null || !RecordCheck.selfConsistent(line) || !after.hash().equals(RecordCheck.statedHash(line))
                || RecordAt.seqOf(line) != after.seq()
                || after.offset() > 0 && RecordAt.lineEndingAt(file, after.offset()) == null) {
            return java.util.Optional.empty();
        }
        byte[] first = RecordAt.firstLine(segments.get(0));
        String logId = first == null ? null : RecordCheck.statedHash(first);
        if (logId == null) {
            return java.util.Optional.empty();
        }
        RecordCheck chain = RecordCheck.resumedAt(logId, after.seq(), after.hash(), 0);
        LogScan.Result r = LogScan.scanFrom(segments, segment + 1, after.offset() + line.length + 1, (int) after.line(),
                chain, rec -> {
                    each.accept(rec);
                    return null;
                });
        if (!r.intact() && !r.tail) {
            throw new AuditException("audit log is damaged: " + r.where() + ": " + r.problem);
        }
        return java.util.Optional.of(new Ended(r.chain.seq, r.segments.size(), r.tail));
    }

    /**
     * One decision's records: its decision record, then every record about it (reviews and artists'
     * appeals),
     * in log order; empty when the log holds no decision {@code decisionId}. Found through the log's
     * index (built beside the segments when missing or stale), not by reading the log; each record
     * is read again from its segment and must hash to its stated hash and carry this id. Unlike
     * {@link #read}, this does not check the chain around them: that is {@code verify}'s job.
     *
     * @throws AuditException when the index points at a damaged record
     */
    public static List<AuditRecord> find(Path base, String decisionId) throws IOException {
        java.util.Objects.requireNonNull(decisionId, "decisionId");
        List<AuditRecord> all = LogIndex.ofDecision(base, decisionId);
        int first = 0;
        while (first < all.size() && !all.get(first).isDecision()) {
            first++; // a review cannot come before its decision; such a record is not this decision's
        }
        return first == all.size() ? List.of() : List.copyOf(all.subList(first, all.size()));
    }

    /** The decision records of one submission (decided again, it has several), in log order; found as {@link #find} does. */
    public static List<AuditRecord> findSubmission(Path base, String submissionId) throws IOException {
        java.util.Objects.requireNonNull(submissionId, "submissionId");
        return List.copyOf(LogIndex.ofSubmission(base, submissionId));
    }

    /**
     * The records of several decisions at once, as {@link #find} finds one: by decision id, its
     * decision record then every record about it (reviews, appeals, fulfilments), in log order;
     * decisions the log does not hold are absent. One pass over the segments' indexes and one search
     * of what they do not cover yet, instead of one of each per decision.
     *
     * @throws AuditException when the index points at a damaged record
     */
    public static Map<String, List<AuditRecord>> findAll(Path base, java.util.Collection<String> decisionIds)
            throws IOException {
        java.util.Objects.requireNonNull(decisionIds, "decisionIds");
        Map<String, List<AuditRecord>> out = LogIndex.ofDecisions(base, decisionIds);
        out.replaceAll((id, records) -> List.copyOf(records));
        return out;
    }

    /**
     * The records that follow each of these decision records (reviews, appeals, fulfilments), by
     * decision id, in log order, found as {@link #findAll} finds them but without reading the
     * decision records again: for a caller that has read them (a listing). Decisions with no
     * follow-up are absent.
     *
     * @throws AuditException when the index points at a damaged record
     */
    public static Map<String, List<AuditRecord>> followUps(Path base, java.util.Collection<AuditRecord> decisions)
            throws IOException {
        Map<String, Long> after = new java.util.HashMap<>();
        for (AuditRecord d : decisions) {
            if (d.isDecision()) {
                after.merge(d.decisionId(), d.seq(), Math::min);
            }
        }
        Map<String, List<AuditRecord>> out = LogIndex.recordsAbout(base, after);
        out.replaceAll((id, records) -> List.copyOf(records));
        return out;
    }

    /**
     * Every record whose time is at or after {@code since} and before {@code until} ({@code null}:
     * no bound), in log order: a decision's {@code decidedAt}, a review's {@code reviewedAt}, an
     * appeal's {@code appealedAt}, a fulfilment's {@code fulfilledAt}, a checkpoint's {@code at}.
     * Read through the index by time beside each segment ({@code SEGMENT.idx}, built when missing or
     * stale), which names the stretches of each segment that may hold such records, so a short range
     * of a long log reads little of it. Times need not rise through the log (a clock stepped back
     * is found). Each record is checked as it is read (its hash; its {@code seq} and {@code prev}
     * against the record read before it in the same stretch); the chain between stretches is not
     * (that is what {@link #read} and {@code verify} do). A log being written can be read: an
     * incomplete last record ends the reading quietly.
     *
     * @throws AuditException when a record read is damaged, naming where
     */
    public static void readTimeRange(Path base, java.time.Instant since, java.time.Instant until,
                                     Consumer<AuditRecord> each) throws IOException {
        java.util.Objects.requireNonNull(each, "each");
        TimeRangeReader.read(base, since, until, each);
    }

    /**
     * The one record that starts at byte {@code offset} of segment file {@code segment} (as
     * {@link AuditRecord#file()} and {@link AuditRecord#offset()} named it), read without reading the
     * rest of the log: for indexes that keep a record's place. Its hash is checked against its bytes;
     * its place in the chain is not (that is what {@link #read} and {@code verify} do). Its line
     * number reads as 0.
     *
     * @throws AuditException when no sound record starts there
     */
    public static AuditRecord readAt(Path segment, long offset) throws IOException {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(segment,
                java.nio.file.StandardOpenOption.READ)) {
            java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream(4096);
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(16 * 1024);
            long pos = offset;
            boolean ended = false;
            while (!ended && line.size() <= LogScan.MAX_RECORD_BYTES) {
                buf.clear();
                int n = ch.read(buf, pos);
                if (n <= 0) {
                    break;
                }
                pos += n;
                byte[] a = buf.array();
                int end = 0;
                while (end < n && a[end] != '\n') {
                    end++;
                }
                line.write(a, 0, end);
                ended = end < n;
            }
            byte[] bytes = line.toByteArray();
            if (!ended || !RecordCheck.selfConsistent(bytes)) {
                throw new AuditException(segment + ": no sound record at offset " + offset);
            }
            com.fasterxml.jackson.databind.JsonNode n = AuditRecordFormat.MAPPER.readTree(bytes);
            String hash = n.path("hash").asText();
            return new AuditRecord(n.path("seq").asLong(), n.path("type").asText(), hash, segment, 0, offset, n);
        }
    }

    /** The texts kept aside in the log's erasable store, by hash (erased ones are absent). */
    public static Map<String, String> erasableTexts(Path base) throws IOException {
        return ErasableText.load(Segments.erasableFile(base));
    }

    /**
     * A decision record's submission and decision with the texts kept aside put back where they are
     * still in the store. Immutable.
     */
    public static final class Restored {
        private final ObjectNode submission;
        private final ObjectNode decision;
        private final List<String> lost;

        private Restored(ObjectNode submission, ObjectNode decision, List<String> lost) {
            this.submission = submission;
            this.decision = decision;
            this.lost = List.copyOf(lost);
        }

        /** The submission as JSON text, with the kept-aside texts restored: what a reader parses it back from. */
        public String submissionJson() {
            try {
                return AuditRecordFormat.MAPPER.writeValueAsString(submission);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("cannot write a submission read from the log", e);
            }
        }

        /** The decision parsed back, with its restored signals. */
        public Decision decision() {
            return RecordedModel.decision(decision);
        }

        /** Redacted pointers whose value is not restored (erased, hashed, or its text erased since), as {@code action:pointer}. */
        public List<String> lost() {
            return lost;
        }
    }

    public static Restored restore(AuditRecord rec, Map<String, String> texts) {
        ObjectNode whole = rec.tree().deepCopy();
        List<String> lost = new ArrayList<>();
        for (JsonNode r : rec.tree().path("redactions")) {
            String pointer = r.path("pointer").asText();
            String action = r.path("action").asText();
            JsonPointer p = JsonPointer.compile(pointer);
            JsonNode value = whole.at(p);
            String text = null;
            if ("aside".equals(action) && value.isTextual() && value.asText().startsWith(Redactor.HASH_PREFIX)) {
                text = texts.get(value.asText().substring(Redactor.HASH_PREFIX.length()));
            }
            if (text == null) {
                lost.add(action + ":" + pointer);
                continue;
            }
            JsonNode parent = whole.at(p.head());
            String last = p.last().getMatchingProperty();
            if (parent instanceof ObjectNode o) {
                o.set(last, TextNode.valueOf(text));
            } else if (parent instanceof ArrayNode a) {
                a.set(p.last().getMatchingIndex(), TextNode.valueOf(text));
            }
        }
        return new Restored((ObjectNode) whole.get("submission"), (ObjectNode) whole.get("decision"), lost);
    }
}
