package dev.greenlight.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.greenlight.model.Decision;
import dev.greenlight.model.ShadowVerdict;
import dev.greenlight.model.Verdict;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One sound record of a log, as read: its place (segment file, line, byte offset), its sequence
 * number, type and hash, and its JSON. Accessors give the typed content of decision, review and
 * checkpoint records, parsed by the one reader of record content ({@code RecordedModel}); tools that
 * read records as JSON take {@link #text()} or one {@link #member(String)}. Immutable and thread-safe.
 */
public final class AuditRecord {
    private final long seq;
    private final String type;
    private final String hash;
    private final Path file;
    private final long line;
    private final long offset;
    private final JsonNode json;

    AuditRecord(long seq, String type, String hash, Path file, long line, long offset, JsonNode json) {
        this.seq = seq;
        this.type = type;
        this.hash = hash;
        this.file = file;
        this.line = line;
        this.offset = offset;
        this.json = json;
    }

    /**
     * A record from its line as stored elsewhere (a database, a topic), checked on its own: its hash
     * must match its bytes and it must be a JSON object of a known type. Its place in a chain is not
     * checked here ({@link ChainVerifier} does that).
     *
     * @param source what to name as its file in {@link #place()} (e.g. {@code postgres/LOGID})
     * @param lineNumber what to name as its line (e.g. its seq)
     * @throws AuditException naming the problem when the line is not a sound record
     */
    public static AuditRecord fromLine(byte[] line, Path source, long lineNumber) {
        if (!RecordCheck.selfConsistent(line)) {
            throw new AuditException(source + ":" + lineNumber + ": not a sound record (its hash does not match its bytes)");
        }
        JsonNode n;
        try {
            n = AuditRecordFormat.MAPPER.readTree(line);
        } catch (java.io.IOException e) {
            throw new AuditException(source + ":" + lineNumber + ": not valid JSON: " + e.getMessage());
        }
        String type = n.path("type").asText("");
        if (!AuditRecordFormat.DECISION.equals(type) && !AuditRecordFormat.REVIEW.equals(type)
                && !AuditRecordFormat.CHECKPOINT.equals(type)) {
            throw new AuditException(source + ":" + lineNumber + ": unknown record type \"" + type + "\"");
        }
        return new AuditRecord(n.path("seq").asLong(), type, n.path("hash").asText(), source, lineNumber, 0, n);
    }

    public long seq() {
        return seq;
    }

    /** {@code decision}, {@code review}, {@code appeal}, {@code fulfilment} or {@code checkpoint}. */
    public String type() {
        return type;
    }

    public String hash() {
        return hash;
    }

    /** The segment file holding the record. */
    public Path file() {
        return file;
    }

    /** The record's line in its segment, from 1. */
    public long line() {
        return line;
    }

    /** The record's byte offset in its segment. */
    public long offset() {
        return offset;
    }

    /** The parsed record, for this package's readers (never handed out: it is mutable). */
    JsonNode tree() {
        return json;
    }

    /**
     * The record as JSON text, one line: its members and values as read. Integrity is checked on
     * the bytes in the file ({@code verify}), not on this text, which is written again from them.
     */
    public String text() {
        return write(json);
    }

    /** One top-level member ({@code decision}, {@code submission}, {@code redactions}, …) as JSON text; null when absent. */
    public String member(String name) {
        JsonNode m = json.get(name);
        return m == null ? null : write(m);
    }

    /** A decision record's submitter id as recorded: {@code sha256:…} when redaction hashed it; empty when absent. */
    public String submitterId() {
        requireType(AuditRecordFormat.DECISION);
        return json.path("submission").path("submitter").path("id").asText("");
    }

    /** What the shadow rules decided beside a decision record, when a shadow ran. */
    public Optional<ShadowVerdict> shadow() {
        requireType(AuditRecordFormat.DECISION);
        JsonNode s = json.get("shadow");
        return s == null || !s.isObject() ? Optional.empty() : Optional.of(RecordedModel.shadow(s));
    }

    private static String write(JsonNode node) {
        try {
            return AuditRecordFormat.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a record read from the log", e);
        }
    }

    public boolean isDecision() {
        return AuditRecordFormat.DECISION.equals(type);
    }

    public boolean isReview() {
        return AuditRecordFormat.REVIEW.equals(type);
    }

    public boolean isFulfilment() {
        return AuditRecordFormat.FULFILMENT.equals(type);
    }

    /** An artist's appeal against a decision (the review desk). */
    public boolean isAppeal() {
        return AuditRecordFormat.APPEAL.equals(type);
    }

    public boolean isCheckpoint() {
        return AuditRecordFormat.CHECKPOINT.equals(type);
    }

    /** A decision record's decision id; a review's reviewed (an appeal's appealed, a fulfilment's) decision id; else null. */
    public String decisionId() {
        if (isDecision()) {
            return RecordedModel.decisionId(json.path("decision"));
        }
        if (isFulfilment()) {
            return RecordedModel.decisionId(json.path("fulfilment"));
        }
        if (isAppeal()) {
            return RecordedModel.decisionId(json.path("appeal"));
        }
        return isReview() ? RecordedModel.decisionId(json.path("review")) : null;
    }

    /** A decision record's submission id; a review's reviewed submission id; else null. */
    public String submissionId() {
        if (isDecision()) {
            return RecordedModel.submissionId(json.path("decision"));
        }
        return isReview() ? RecordedModel.submissionId(json.path("review")) : null;
    }

    /** A decision record's decision, parsed back. */
    public Decision decision() {
        requireType(AuditRecordFormat.DECISION);
        return RecordedModel.decision(json.path("decision"));
    }

    /** A decision record's verdict without parsing the whole decision. */
    public Verdict verdict() {
        requireType(AuditRecordFormat.DECISION);
        return RecordedModel.verdict(json.path("decision"));
    }

    /** A decision record's time. */
    public Instant decidedAt() {
        requireType(AuditRecordFormat.DECISION);
        return RecordedModel.decidedAt(json.path("decision"));
    }

    /** The pointers redacted from a decision record, each as {@code action:pointer}; empty when none. */
    public List<String> redactions() {
        return RecordedModel.redactions(json.path("redactions"));
    }

    /** A review record's review. */
    public Review review() {
        requireType(AuditRecordFormat.REVIEW);
        return RecordedModel.review(seq, json.path("review"));
    }

    /** A fulfilment record's fulfilment. */
    public FulfilmentRecord fulfilment() {
        requireType(AuditRecordFormat.FULFILMENT);
        return RecordedModel.fulfilment(seq, json.path("fulfilment"));
    }

    /** A review record's review desk members; {@link ReviewDetails#NONE}-like (all absent) for older reviews. */
    public ReviewDetails reviewDetails() {
        requireType(AuditRecordFormat.REVIEW);
        return RecordedModel.reviewDetails(json.path("review"));
    }

    /** An appeal record's appeal. */
    public Appeal appeal() {
        requireType(AuditRecordFormat.APPEAL);
        return RecordedModel.appeal(seq, json.path("appeal"));
    }

    /** A checkpoint record's checkpoint. */
    public Checkpoint checkpoint() {
        requireType(AuditRecordFormat.CHECKPOINT);
        return Checkpoint.fromJson(json);
    }

    /** {@code file:line} of the record. */
    public String place() {
        return file + ":" + line;
    }

    private void requireType(String wanted) {
        if (!wanted.equals(type)) {
            throw new IllegalStateException("record seq " + seq + " is a " + type + " record, not a " + wanted + " record");
        }
    }

    @Override
    public String toString() {
        return type + " record seq " + seq + " at " + place();
    }
}
