package dev.greenlight.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Follows a chain record by record: checks that each line is a sound record (its hash matches its
 * bytes, it is a JSON object of a known version and type) that follows on from the one before
 * ({@code seq} and {@code prev}), and keeps the chain's state. Not thread-safe.
 */
final class RecordCheck {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final byte[] HASH_MEMBER = AuditRecordFormat.HASH_MEMBER.getBytes(StandardCharsets.US_ASCII);

    /** The value of each lower-case hex digit (what {@link #hashMemberStart} lets through), by ASCII code. */
    private static final byte[] HEX_VALUE = new byte[128];

    static {
        for (int c = 0; c < 16; c++) {
            HEX_VALUE["0123456789abcdef".charAt(c)] = (byte) c;
        }
    }

    /** Made on first use, then reused: looking one up costs more than hashing a record. */
    private MessageDigest digest;

    String prev = AuditRecordFormat.GENESIS;
    long seq;
    /** The hash of record 1, which names the log in its checkpoints. */
    String logId;
    long decisions;
    long reviews;
    long fulfilments;
    long appeals;
    long checkpoints;
    /**
     * Reviews that link to a decision in another log ({@code decision.log}, written by a review desk
     * shared by several nodes): this chain alone cannot check them; {@code audit verify --db} does.
     */
    long crossLinks;
    /** Records (of any type) after the last checkpoint record. */
    long sinceCheckpoint;
    Checkpoint lastCheckpoint;

    /** Of the line last accepted. */
    JsonNode node;
    String hash;
    String type;
    /**
     * Parse each record whole ({@link #node} is then the record), or only what the checks need
     * (false: {@link #node} holds the envelope, {@code review}, {@code appeal} and {@code checkpoint} whole, and of
     * {@code decision} and {@code submission} only that they are objects and the decision's id) —
     * several times faster, for verify and recovery, which read no content.
     */
    boolean wholeTree = true;
    /**
     * False for a chain checked from the middle of a log (one segment of several, checked in
     * parallel): its first record's {@code seq} and {@code prev} are taken as given and kept in
     * {@link #startSeq} and {@link #startPrev}, for the caller to check at the joint.
     */
    boolean anchored = true;
    long startSeq;
    String startPrev;

    /** The problem with {@code line}, or null when it is sound and follows on (the state then moves on). */
    String check(byte[] line) {
        return check(line, 0, line.length);
    }

    /**
     * As {@link #check(byte[])} for the line in {@code b[off, off + len)}, read where it lies (a
     * reader's buffer): hashed there, and its skeleton read there.
     */
    String check(byte[] b, int off, int len) {
        int cut = hashMemberStart(b, off, len);
        if (cut < 0) {
            return "not a record: no trailing \"hash\" member";
        }
        int hex = cut + AuditRecordFormat.HASH_MEMBER.length();
        if (!hashMatches(b, off, cut, hex)) {
            return "hash does not match the record's contents (the record was changed)";
        }
        String stated = new String(b, hex, 64, StandardCharsets.US_ASCII);
        JsonNode n;
        try {
            n = wholeTree ? AuditRecordFormat.MAPPER.readTree(b, off, len) : skeleton(b, off, len);
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
        if (!anchored) {
            anchored = true;
            startSeq = n.path("seq").asLong(-1);
            startPrev = n.path("prev").asText("");
            seq = startSeq - 1;
            prev = startPrev;
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
            case AuditRecordFormat.REVIEW -> v == AuditRecordFormat.VERSION_1 ? "version 1 has no review records" : review(n, s, logId);
            case AuditRecordFormat.FULFILMENT -> v == AuditRecordFormat.VERSION_1 ? "version 1 has no fulfilment records"
                    : fulfilment(n, s);
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
                if (otherLog(n.path("review"), logId)) {
                    crossLinks++;
                }
            }
            case AuditRecordFormat.FULFILMENT -> {
                fulfilments++;
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

    private static String review(JsonNode n, long s, String logId) {
        JsonNode r = n.path("review");
        if (!r.isObject() || !r.path("decisionId").isTextual() || !r.path("reviewer").isTextual()
                || !r.path("verdict").isTextual() || !r.path("reviewedAt").isTextual()) {
            return "a review record must hold \"review\" with decisionId, reviewer, verdict and reviewedAt";
        }
        JsonNode log = r.path("decision").path("log");
        if (!log.isMissingNode() && !HEX64.matcher(log.asText("")).matches()) {
            return "a review's decision.log must be a log id (64 lower-case hex digits)";
        }
        long target = r.path("decision").path("seq").asLong(-1);
        if (otherLog(r, logId)) {
            // a decision in another chain: only its form can be checked here (verify --db checks the link)
            if (target < 1 || !HEX64.matcher(r.path("decision").path("hash").asText("")).matches()) {
                return "a review must name its decision record by seq and hash";
            }
            return null;
        }
        if (target < 1 || target >= s || !HEX64.matcher(r.path("decision").path("hash").asText("")).matches()) {
            return "a review must name an earlier decision record by seq and hash";
        }
        return null;
    }

    /**
     * True when a review names a decision in another log. {@code logId} is null while checking a
     * segment from its middle (the log's id is then unknown): a {@code log} member counts as another log.
     */
    private static boolean otherLog(JsonNode review, String logId) {
        JsonNode log = review.path("decision").path("log");
        return !log.isMissingNode() && !log.asText("").equals(logId);
    }

    private static String fulfilment(JsonNode n, long s) {
        JsonNode f = n.path("fulfilment");
        if (!f.isObject() || !f.path("decisionId").isTextual() || !f.path("fulfilledAt").isTextual()
                || !f.path("conditions").isArray() || f.path("conditions").isEmpty()) {
            return "a fulfilment record must hold \"fulfilment\" with decisionId, fulfilledAt and a non-empty conditions array";
        }
        for (JsonNode c : f.path("conditions")) {
            if (!c.path("id").isTextual() || !c.path("evidence").isTextual()) {
                return "each condition of a fulfilment must have a text id and evidence";
            }
        }
        return linksToDecision(f, s) ? null : "a fulfilment must name an earlier decision record by seq and hash";
    }

    private static String appeal(JsonNode n, long s) {
        JsonNode a = n.path("appeal");
        if (!a.isObject() || !a.path("decisionId").isTextual() || !a.path("text").isTextual()
                || !a.path("appealedAt").isTextual()) {
            return "an appeal record must hold \"appeal\" with decisionId, text and appealedAt";
        }
        return linksToDecision(a, s) ? null : "an appeal must name an earlier decision record by seq and hash";
    }

    /** What verify says of {@code n} reviews linking to decisions in other logs (not a problem: verify --db checks them). */
    static String crossLinkNote(long n) {
        return n + (n == 1 ? " link" : " links") + " to decisions in other logs (reviews made on a shared review desk), "
                + "checked by verify --db";
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

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * The record with its big members left out, read with a streaming parser (which still checks
     * that the whole line is valid JSON, and nothing follows it): what {@link #check} looks at, with
     * the same types. Null when the line is not a JSON object.
     */
    static JsonNode skeleton(byte[] line) throws IOException {
        return skeleton(line, 0, line.length);
    }

    /**
     * As {@link #skeleton(byte[])} for the line in {@code b[off, off + len)}: a decision record in
     * the log's own shape is read by {@link RecordSkeleton} (the same tree, several times faster), any
     * other line, and any line it refuses, by Jackson's streaming parser, which then decides.
     */
    static JsonNode skeleton(byte[] b, int off, int len) throws IOException {
        JsonNode fast = RecordSkeleton.of(b, off, len);
        return fast != null ? fast : parsedSkeleton(b, off, len);
    }

    /** {@link #skeleton(byte[], int, int)} read by Jackson's streaming parser alone. */
    static JsonNode parsedSkeleton(byte[] b, int off, int len) throws IOException {
        try (JsonParser p = AuditRecordFormat.MAPPER.getFactory().createParser(b, off, len)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                p.skipChildren();
                if (p.nextToken() != null) {
                    throw new JsonParseException(p, "unexpected content after the value");
                }
                return null;
            }
            ObjectNode out = NODES.objectNode();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if ((name.equals("decision") || name.equals("submission")) && t == JsonToken.START_OBJECT) {
                    ObjectNode o = out.putObject(name);
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String member = p.currentName();
                        JsonToken mt = p.nextToken();
                        if (member.equals("decisionId") && mt.isScalarValue()) {
                            o.set(member, p.readValueAsTree());
                        } else {
                            p.skipChildren();
                        }
                    }
                } else if (t.isScalarValue() || name.equals("review") || name.equals("checkpoint") || name.equals("appeal")
                        || name.equals("fulfilment")
                        || name.equals("decision") || name.equals("submission")) {
                    out.set(name, p.readValueAsTree());
                } else {
                    p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw new JsonParseException(p, "unexpected content after the object");
            }
            return out;
        }
    }

    /** True when the line is a record whose hash matches its bytes, whatever its place in a chain. */
    static boolean selfConsistent(byte[] line) {
        int cut = hashMemberStart(line);
        return cut >= 0 && bodyHash(line, cut).equals(
                new String(line, cut + AuditRecordFormat.HASH_MEMBER.length(), 64, StandardCharsets.US_ASCII));
    }

    /** The hash a line states in its trailing {@code hash} member, or null when it has none. */
    static String statedHash(byte[] line) {
        int cut = hashMemberStart(line);
        return cut < 0 ? null : new String(line, cut + AuditRecordFormat.HASH_MEMBER.length(), 64, StandardCharsets.US_ASCII);
    }

    /**
     * Continues a chain from a place whose head is known (a trusted state file): the next record
     * must have sequence number {@code seq + 1} and {@code prev} {@code head}.
     */
    static RecordCheck resumedAt(String logId, long seq, String head, long sinceCheckpoint) {
        RecordCheck c = new RecordCheck();
        c.logId = logId;
        c.seq = seq;
        c.prev = head;
        c.sinceCheckpoint = sinceCheckpoint;
        return c;
    }

    private static String bodyHash(byte[] line, int cut) {
        var md = AuditRecordFormat.sha256();
        md.update(line, 0, cut);
        md.update((byte) '}');
        return HexFormat.of().formatHex(md.digest());
    }

    /**
     * True when the SHA-256 of {@code b[off, cut)} followed by {@code '}'} is the 64 lower-case hex
     * digits at {@code hex} (compared as bytes: no hex text is made).
     */
    private boolean hashMatches(byte[] b, int off, int cut, int hex) {
        if (digest == null) {
            digest = AuditRecordFormat.sha256();
        }
        digest.update(b, off, cut - off);
        digest.update((byte) '}');
        byte[] d = digest.digest();
        for (int k = 0; k < d.length; k++) {
            if (d[k] != (byte) (HEX_VALUE[b[hex + 2 * k] & 0x7F] << 4 | HEX_VALUE[b[hex + 2 * k + 1] & 0x7F])) {
                return false;
            }
        }
        return true;
    }

    /** Index of {@code ,"hash":"} when the line ends with it, a 64-hex value and {@code "}}; else -1. */
    static int hashMemberStart(byte[] line) {
        return hashMemberStart(line, 0, line.length);
    }

    /** {@link #hashMemberStart(byte[])} of the line in {@code b[off, off + len)}: an index into {@code b}, or -1. */
    static int hashMemberStart(byte[] b, int off, int len) {
        int tail = HASH_MEMBER.length + 64 + 2;
        int start = off + len - tail;
        int end = off + len;
        if (start < off + 1 || b[end - 1] != '}' || b[end - 2] != '"') {
            return -1;
        }
        for (int k = 0; k < HASH_MEMBER.length; k++) {
            if (b[start + k] != HASH_MEMBER[k]) {
                return -1;
            }
        }
        for (int k = start + HASH_MEMBER.length; k < end - 2; k++) {
            if (!(b[k] >= '0' && b[k] <= '9' || b[k] >= 'a' && b[k] <= 'f')) {
                return -1;
            }
        }
        return start;
    }
}
