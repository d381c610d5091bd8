package dev.greenlight.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The log's state file {@code B.state}: where the chain stood when it was written (sequence number,
 * head hash, the log's id, the segment and byte offset just after the head record and its line
 * number), what the writer needs to go on from there without reading what came before (records since
 * the last checkpoint, whether the log has signed checkpoints), and named sections that other parts
 * (the review desk's open cases) keep their own derived state in.
 *
 * <p>Written beside each checkpoint file, atomically (temp file, fsync, rename, directory fsync). It
 * is a shortcut, never evidence: opening uses it only when the record it points at is really there,
 * with that sequence number and hash ({@link #matches}); otherwise the log is read from the start
 * and the file rewritten. Integrity is {@code verify}'s job. Immutable.
 *
 * @param fullSizes the sizes of the segments before {@code segment}, which no longer grow: one that
 *     changed size (records inserted, cut or replaced) makes the state unusable
 * @param cpSegment the segment of the last checkpoint record (0: none yet)
 * @param cpOffset  the byte offset of that record's line: opening reads it to check the checkpoint
 *     file against the log without reading up to it
 * @param sections named JSON sections (raw JSON text), kept as given
 */
record LogState(String logId, long seq, String head, int segment, long offset, int line, long sinceCheckpoint,
                boolean signed, java.util.List<Long> fullSizes, int cpSegment, long cpOffset, Map<String, String> sections) {
    static final int VERSION = 1;
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    /** A state file longer than this is not one (sections are meant to be small). */
    static final int MAX_BYTES = 16 << 20;

    LogState {
        sections = Map.copyOf(sections);
        fullSizes = java.util.List.copyOf(fullSizes);
    }

    static Path file(Path base) {
        return Segments.sibling(base, ".state");
    }

    /** The file's content: one JSON line. */
    byte[] toBytes() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("v", VERSION);
        o.put("log", logId);
        o.put("seq", seq);
        o.put("head", head);
        o.put("segment", segment);
        o.put("offset", offset);
        o.put("line", line);
        o.put("sinceCheckpoint", sinceCheckpoint);
        o.put("signed", signed);
        o.put("cpSegment", cpSegment);
        o.put("cpOffset", cpOffset);
        var sizes = o.putArray("fullSizes");
        fullSizes.forEach(sizes::add);
        ObjectNode s = o.putObject("sections");
        for (Map.Entry<String, String> e : new TreeMap<>(sections).entrySet()) {
            try {
                s.set(e.getKey(), AuditRecordFormat.MAPPER.readTree(e.getValue()));
            } catch (IOException ex) {
                throw new IllegalArgumentException("state section " + e.getKey() + " is not JSON: " + ex.getMessage(), ex);
            }
        }
        try {
            return (AuditRecordFormat.MAPPER.writeValueAsString(o) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads the state file: empty when there is none, and when it cannot be read or does not parse
     * as a state file (a damaged state file costs a full read of the log, nothing more).
     */
    static LogState read(Path base) {
        Path f = file(base);
        try {
            if (!Files.isRegularFile(f) || Files.size(f) > MAX_BYTES) {
                return null;
            }
            JsonNode n = AuditRecordFormat.MAPPER.readTree(Files.readAllBytes(f));
            if (n == null || n.path("v").asInt() != VERSION || !HEX64.matcher(n.path("log").asText()).matches()
                    || !HEX64.matcher(n.path("head").asText()).matches() || n.path("seq").asLong(0) < 1
                    || n.path("segment").asInt(0) < 1 || n.path("offset").asLong(0) < 1 || n.path("line").asInt(0) < 1
                    || n.path("sinceCheckpoint").asLong(-1) < 0 || !n.path("signed").isBoolean()) {
                return null;
            }
            java.util.List<Long> sizes = new java.util.ArrayList<>();
            for (JsonNode z : n.path("fullSizes")) {
                sizes.add(z.asLong(-1));
            }
            if (sizes.size() != n.get("segment").asInt() - 1) {
                return null;
            }
            Map<String, String> sections = new TreeMap<>();
            n.path("sections").fields().forEachRemaining(e -> sections.put(e.getKey(), e.getValue().toString()));
            return new LogState(n.get("log").asText(), n.get("seq").asLong(), n.get("head").asText(),
                    n.get("segment").asInt(), n.get("offset").asLong(), n.get("line").asInt(),
                    n.get("sinceCheckpoint").asLong(), n.get("signed").asBoolean(), sizes, n.path("cpSegment").asInt(0),
                    n.path("cpOffset").asLong(0), sections);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * True when the chain really stands where this state says: segment {@code segment} holds, just
     * before {@code offset}, a whole record with sequence number {@code seq} and hash {@code head}
     * that hashes to it, and the log's first record has hash {@code log}. Reads two lines.
     */
    boolean matches(Path base, java.util.List<Path> segments) {
        if (segment > segments.size()) {
            return false;
        }
        try {
            for (int i = 0; i < segment - 1; i++) {
                if (Files.size(segments.get(i)) != fullSizes.get(i)) {
                    return false;
                }
            }
            byte[] first = RecordAt.firstLine(segments.get(0));
            if (first == null || !RecordCheck.selfConsistent(first) || !logId.equals(RecordCheck.statedHash(first))) {
                return false;
            }
            byte[] last = RecordAt.lineEndingAt(segments.get(segment - 1), offset);
            return last != null && RecordCheck.selfConsistent(last) && head.equals(RecordCheck.statedHash(last))
                    && RecordAt.seqOf(last) == seq;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * True when the log's last checkpoint record, where this state says it is, states what the
     * checkpoint file states (log, seq, head) and hashes to its stated hash: the checkpoint file then
     * matches the log without reading the records before this state's place.
     */
    boolean confirms(Checkpoint saved, java.util.List<Path> segments) {
        if (cpSegment < 1 || cpSegment > segments.size() || cpSegment > segment) {
            return false;
        }
        try {
            byte[] line = RecordAt.lineAt(segments.get(cpSegment - 1), cpOffset);
            if (line == null || !RecordCheck.selfConsistent(line)) {
                return false;
            }
            JsonNode n = AuditRecordFormat.MAPPER.readTree(line);
            if (!AuditRecordFormat.CHECKPOINT.equals(n.path("type").asText()) || n.path("seq").asLong() != saved.seq() + 1) {
                return false;
            }
            Checkpoint c = Checkpoint.fromJson(n);
            return c.seq() == saved.seq() && c.head().equals(saved.head()) && c.log().equals(saved.log());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Replaces the state file atomically; forces nothing under {@link Durability#NONE}. Always through
     * the real file system, not the configured {@link FileLayer}: it is derived data, so a failure
     * here must never stop the log (callers log it and go on), and tests that inject faults into the
     * log's own files see the same operations as before.
     */
    void save(AuditConfig config) throws IOException {
        FileLayer files = FileLayer.DEFAULT;
        Path target = file(config.file);
        Path tmp = Segments.sibling(config.file, ".state.tmp");
        boolean force = config.durability != Durability.NONE;
        try (FileLayer.LogFile f = files.open(tmp)) {
            f.truncate(0);
            f.append(ByteBuffer.wrap(toBytes()));
            if (force) {
                f.force();
            }
        }
        files.replace(tmp, target);
        if (force) {
            files.syncDirectory(Segments.directory(config.file));
        }
    }
}
