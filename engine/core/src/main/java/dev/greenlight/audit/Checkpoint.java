package dev.greenlight.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A checkpoint: the statement that log {@code log} (the hash of its first record) had, at time
 * {@code at}, record {@code seq} with hash {@code head} — and so, through the chain, every record
 * before it. Signed with Ed25519 when the writer has a key: {@code sig} is the signature of
 * {@code "greenlight-checkpoint-v1\n"} followed by the canonical JSON of the other members
 * ({@code at}, {@code head}, {@code keyId}, {@code log}, {@code seq}). The same statement is the
 * body of a checkpoint record in the log and the content of the checkpoint file beside it; a copy
 * kept elsewhere lets {@code verify} detect truncation and rewriting. Immutable and thread-safe; {@code log},
 * {@code head} and {@code at} are never {@code null}.
 *
 * @param keyId     the signing key's id ({@link AuditKeys#keyId}), null when unsigned
 * @param signature the signature in base64, null when unsigned
 */
public record Checkpoint(String log, long seq, String head, Instant at, String keyId, String signature) {
    private static final String DOMAIN = "greenlight-checkpoint-v1\n";
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final byte[] AT = CanonicalJson.name("at");
    private static final byte[] HEAD = CanonicalJson.name("head");
    private static final byte[] KEY_ID = CanonicalJson.name("keyId");
    private static final byte[] LOG = CanonicalJson.name("log");
    private static final byte[] SEQ = CanonicalJson.name("seq");
    private static final byte[] SIG = CanonicalJson.name("sig");

    public Checkpoint {
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(at, "at");
        if (seq < 1) {
            throw new IllegalArgumentException("checkpoint seq must be at least 1, was " + seq);
        }
    }

    static Checkpoint create(String log, long seq, String head, Instant at, KeyPair key) {
        Checkpoint unsigned = new Checkpoint(log, seq, head, at, key == null ? null : AuditKeys.keyId(key.getPublic()), null);
        if (key == null) {
            return unsigned;
        }
        byte[] sig = AuditKeys.sign(key.getPrivate(), unsigned.signedBytes());
        return new Checkpoint(log, seq, head, at, unsigned.keyId, Base64.getEncoder().encodeToString(sig));
    }

    public boolean signed() {
        return signature != null;
    }

    /** True when this checkpoint is signed by {@code key} and the signature is good. */
    public boolean verify(PublicKey key) {
        if (signature == null || !AuditKeys.keyId(key).equals(keyId)) {
            return false;
        }
        byte[] sig;
        try {
            sig = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return AuditKeys.verify(key, signedBytes(), sig);
    }

    byte[] signedBytes() {
        byte[] body = canonical(false);
        byte[] domain = DOMAIN.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[domain.length + body.length];
        System.arraycopy(domain, 0, out, 0, domain.length);
        System.arraycopy(body, 0, out, domain.length, body.length);
        return out;
    }

    /**
     * The statement's canonical JSON ({@code at head keyId log seq}, keys in that sorted order), and
     * its {@code sig} last when {@code withSignature} and signed: what is signed, the checkpoint
     * record's member and the checkpoint file's line.
     */
    byte[] canonical(boolean withSignature) {
        CanonicalJson j = new CanonicalJson().startObject();
        j.field(AT).string(at.toString());
        j.field(HEAD).string(head);
        if (keyId != null) {
            j.field(KEY_ID).string(keyId);
        }
        j.field(LOG).string(log);
        j.field(SEQ).number(seq);
        if (withSignature && signature != null) {
            j.field(SIG).string(signature);
        }
        return j.endObject().toByteArray();
    }

    /** One canonical JSON line (no newline), the checkpoint file's content. */
    public String toLine() {
        return new String(canonical(true), StandardCharsets.UTF_8);
    }

    /**
     * Reads a checkpoint from its JSON: the statement itself, or a whole checkpoint record.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    static Checkpoint fromJson(JsonNode node) {
        JsonNode c = node != null && node.has(AuditRecordFormat.CHECKPOINT) ? node.get(AuditRecordFormat.CHECKPOINT) : node;
        if (c == null || !c.isObject()) {
            throw new IllegalArgumentException("not a checkpoint: expected a JSON object");
        }
        String log = text(c, "log");
        String head = text(c, "head");
        if (!HEX64.matcher(log).matches() || !HEX64.matcher(head).matches()) {
            throw new IllegalArgumentException("not a checkpoint: \"log\" and \"head\" must be 64 lower-case hex digits");
        }
        JsonNode seq = c.get("seq");
        if (seq == null || !seq.canConvertToLong() || !seq.isIntegralNumber() || seq.asLong() < 1) {
            throw new IllegalArgumentException("not a checkpoint: \"seq\" must be a positive integer");
        }
        Instant at;
        try {
            at = Instant.parse(text(c, "at"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a checkpoint: \"at\" is not a timestamp");
        }
        String keyId = c.hasNonNull("keyId") ? c.get("keyId").asText() : null;
        String sig = c.hasNonNull("sig") ? c.get("sig").asText() : null;
        if ((keyId == null) != (sig == null)) {
            throw new IllegalArgumentException("not a checkpoint: \"keyId\" and \"sig\" come together");
        }
        return new Checkpoint(log, seq.asLong(), head, at, keyId, sig);
    }

    /** Reads a checkpoint file (or a file holding one checkpoint record). */
    public static Checkpoint read(Path file) throws IOException {
        if (Files.size(file) > 64 * 1024) {
            throw new IOException(file + ": too large for a checkpoint");
        }
        try {
            return fromJson(AuditRecordFormat.MAPPER.readTree(Files.readAllBytes(file)));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode c, String field) {
        JsonNode v = c.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("not a checkpoint: \"" + field + "\" is missing");
        }
        return v.asText();
    }
}
