package dev.greenlight.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Follows a chain record by record: checks that each line is a sound record (its hash matches its
 * bytes, it is a JSON object of a known version and type) that follows on from the one before
 * ({@code seq} and {@code prev}), and keeps the chain's state. Not thread-safe.
 */
final class RecordCheck {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    String prev = AuditRecordFormat.GENESIS;
    long seq;
    /** The hash of record 1, which names the log in its checkpoints. */
    String logId;
    long decisions;
    long reviews;
    long appeals;
    long checkpoints;
    /** Records (of any type) after the last checkpoint record. */
    long sinceCheckpoint;
    Checkpoint lastCheckpoint;

    /** Of the line last accepted. */
    JsonNode node;
    String hash;
    String type;

    /** The problem with {@code line}, or null when it is sound and follows on (the state then moves on). */
    String check(byte[] line) {
        int cut = hashMemberStart(line);
        if (cut < 0) {
            return "not a record: no trailing \"hash\" member";
        }
        String stated = new String(line, cut + AuditRecordFormat.HASH_MEMBER.length(), 64, StandardCharsets.US_ASCII);
        if (!bodyHash(line, cut).equals(stated)) {
            return "hash does not match the record's contents (the record was changed)";
        }
        JsonNode n;
        try {
            n = AuditRecordFormat.MAPPER.readTree(line);
        } catch (IOException e) {
            return "not valid JSON: " + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage());
        }
        if (n == null || !n.isObject()) {
            return "not a JSON object";
        }
        int v = n.path("v").asInt(-1);
        if (v != AuditRecordFormat.VERSION && v != AuditRecordFormat.VERSION_1) {
            return "unknown record version " + n.path("v");
        }
        long expected = seq + 1;
        long s = n.path("seq").asLong(-1);
        if (s != expected) {
            return "sequence number " + s + " where " + expected + " was expected (a record was removed, inserted or moved)";
        }
        if (!n.path("prev").asText("").equals(prev)) {
            return "\"prev\" does not match the hash of the record before it (seq " + seq
                    + "): that record or this one was changed";
        }
        String t = n.path("type").asText("");
        String problem = switch (t) {
            case AuditRecordFormat.DECISION -> n.path("decision").isObject() && n.path("submission").isObject()
                    && n.path("decision").path("decisionId").isTextual() ? null
                    : "a decision record must hold \"decision\" (with \"decisionId\") and \"submission\" objects";
            case AuditRecordFormat.REVIEW -> v == AuditRecordFormat.VERSION_1 ? "version 1 has no review records" : review(n, s);
            case AuditRecordFormat.CHECKPOINT -> v == AuditRecordFormat.VERSION_1 ? "version 1 has no checkpoint records"
                    : checkpoint(n, s);
            case AuditRecordFormat.APPEAL -> v == AuditRecordFormat.VERSION_1 ? "version 1 has no appeal records" : appeal(n, s);
            default -> "unknown record type \"" + t + "\"";
        };
        if (problem != null) {
            return problem;
        }
        node = n;
        hash = stated;
        type = t;
        prev = stated;
        seq = s;
        if (s == 1) {
            logId = stated;
        }
        switch (t) {
            case AuditRecordFormat.DECISION -> {
                decisions++;
                sinceCheckpoint++;
            }
            case AuditRecordFormat.REVIEW -> {
                reviews++;
                sinceCheckpoint++;
            }
            case AuditRecordFormat.APPEAL -> {
                appeals++;
                sinceCheckpoint++;
            }
            default -> {
                checkpoints++;
                sinceCheckpoint = 0;
                lastCheckpoint = Checkpoint.fromJson(n);
            }
        }
        return null;
    }

    private static String review(JsonNode n, long s) {
        JsonNode r = n.path("review");
        if (!r.isObject() || !r.path("decisionId").isTextual() || !r.path("reviewer").isTextual()
                || !r.path("verdict").isTextual() || !r.path("reviewedAt").isTextual()) {
            return "a review record must hold \"review\" with decisionId, reviewer, verdict and reviewedAt";
        }
        long target = r.path("decision").path("seq").asLong(-1);
        if (target < 1 || target >= s || !HEX64.matcher(r.path("decision").path("hash").asText("")).matches()) {
            return "a review must name an earlier decision record by seq and hash";
        }
        return null;
    }

    private static String appeal(JsonNode n, long s) {
        JsonNode a = n.path("appeal");
        if (!a.isObject() || !a.path("decisionId").isTextual() || !a.path("text").isTextual()
                || !a.path("appealedAt").isTextual()) {
            return "an appeal record must hold \"appeal\" with decisionId, text and appealedAt";
        }
        return linksToDecision(a, s) ? null : "an appeal must name an earlier decision record by seq and hash";
    }

    private static boolean linksToDecision(JsonNode member, long s) {
        long target = member.path("decision").path("seq").asLong(-1);
        return target >= 1 && target < s && HEX64.matcher(member.path("decision").path("hash").asText("")).matches();
    }

    private String checkpoint(JsonNode n, long s) {
        Checkpoint c;
        try {
            c = Checkpoint.fromJson(n);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        if (c.seq() != s - 1 || !c.head().equals(prev)) {
            return "checkpoint does not cover the record before it (it names seq " + c.seq() + ")";
        }
        if (!c.log().equals(logId)) {
            return "checkpoint names another log (its \"log\" is not the hash of record 1)";
        }
        return null;
    }

    /** True when the line is a record whose hash matches its bytes, whatever its place in a chain. */
    static boolean selfConsistent(byte[] line) {
        int cut = hashMemberStart(line);
        return cut >= 0 && bodyHash(line, cut).equals(
                new String(line, cut + AuditRecordFormat.HASH_MEMBER.length(), 64, StandardCharsets.US_ASCII));
    }

    private static String bodyHash(byte[] line, int cut) {
        var md = AuditRecordFormat.sha256();
        md.update(line, 0, cut);
        md.update((byte) '}');
        return HexFormat.of().formatHex(md.digest());
    }

    /** Index of {@code ,"hash":"} when the line ends with it, a 64-hex value and {@code "}}; else -1. */
    static int hashMemberStart(byte[] line) {
        int tail = AuditRecordFormat.HASH_MEMBER.length() + 64 + 2;
        int start = line.length - tail;
        if (start < 1 || line[line.length - 1] != '}' || line[line.length - 2] != '"') {
            return -1;
        }
        String member = new String(line, start, AuditRecordFormat.HASH_MEMBER.length(), StandardCharsets.US_ASCII);
        String hex = new String(line, start + AuditRecordFormat.HASH_MEMBER.length(), 64, StandardCharsets.US_ASCII);
        return member.equals(AuditRecordFormat.HASH_MEMBER) && HEX64.matcher(hex).matches() ? start : -1;
    }
}
