package dev.greenlight.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The record format. A record is one line of UTF-8 JSON:
 *
 * <pre>{"decision":{…},"prev":"&lt;64 hex&gt;","seq":1,"submission":{…},"type":"decision","v":2,"hash":"&lt;64 hex&gt;"}</pre>
 *
 * <ul>
 *   <li>The body (everything but {@code hash}) is written canonically ({@code CanonicalJson}):
 *       object keys sorted by UTF-16 code unit at every depth, no whitespace, Jackson's escaping
 *       and number forms.</li>
 *   <li>{@code hash} is the last member. It is the SHA-256, in lower-case hex, of the body's bytes
 *       exactly as written: the line up to (not including) {@code ,"hash":}, followed by
 *       {@code }}. Any tool recomputes it from the line's bytes alone.</li>
 *   <li>{@code prev} is the previous record's {@code hash} (64 zeros for the first record) and
 *       {@code seq} counts from 1 without gaps, across segments, so an edit, deletion, insertion or
 *       reordering breaks the chain at the first changed record.</li>
 *   <li>{@code type} is {@code decision}, {@code review}, {@code appeal} or {@code checkpoint}.</li>
 *   <li>{@code v} is 2. Version 1 (the first release) had the same envelope and hashing but only
 *       decision records and no {@code redactions}; v1 records stay valid, and a v1 log is continued
 *       with v2 records in the same chain.</li>
 * </ul>
 * Thread-safe (stateless).
 */
public final class AuditRecordFormat {
    /** The version this code writes. */
    public static final int VERSION = 2;
    /** The first version, still read. */
    public static final int VERSION_1 = 1;
    public static final String GENESIS = "0".repeat(64);
    public static final String DECISION = "decision";
    public static final String REVIEW = "review";
    public static final String CHECKPOINT = "checkpoint";
    /** An artist's appeal against a decision (the review desk, docs/contract.md §7). */
    public static final String APPEAL = "appeal";
    static final String HASH_MEMBER = ",\"hash\":\"";

    /** For reading records and for the rare values {@link CanonicalJson} lets Jackson write. */
    static final ObjectMapper MAPPER = new ObjectMapper();

    private AuditRecordFormat() {
    }

    /** The full line (without newline) for a canonical body: the body with {@code hash} appended last. */
    static byte[] line(byte[] canonicalBody, String hash) {
        byte[] suffix = (HASH_MEMBER + hash + "\"}").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[canonicalBody.length - 1 + suffix.length];
        System.arraycopy(canonicalBody, 0, out, 0, canonicalBody.length - 1);
        System.arraycopy(suffix, 0, out, canonicalBody.length - 1, suffix.length);
        return out;
    }

    static String sha256Hex(byte[] bytes, int length) {
        MessageDigest md = sha256();
        md.update(bytes, 0, length);
        return HexFormat.of().formatHex(md.digest());
    }

    static String sha256Hex(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return sha256Hex(b, b.length);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
