package dev.greenlight.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

/**
 * Turns a prepared record ({@link Pending.Entry}: its canonical content members) into its line in the
 * chain: the members merged with the envelope ({@code prev seq type v}) in canonical key order, the
 * SHA-256 of that body, and the line with {@code hash} last ({@link AuditRecordFormat}). It keeps the
 * chain's head: the last sequence number, the last hash and the log's id (the first hash), starting
 * from what recovery found.
 *
 * <p>Encoding is two steps so the segment files can roll before a line that would not fit:
 * {@link #encode} hashes the next record and tells its length; {@link #writeTo} writes that line and
 * moves the chain on. Not thread-safe: used only under the writer's lock.
 */
final class RecordEncoder {
    /** The envelope's member names, in canonical order, and their bytes up to the value. */
    private static final String[] ENVELOPE = {"prev", "seq", "type", "v"};
    private static final byte[] PREV = "\"prev\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEQ = "\"seq\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TYPE = "\"type\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] VERSION = ("\"v\":" + AuditRecordFormat.VERSION).getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HASH = AuditRecordFormat.HASH_MEMBER.getBytes(StandardCharsets.US_ASCII);

    private long seq;
    private String prev;
    private volatile String logId; // read by other threads (AuditLog.logId); set once
    /** The record encoded last: its body, and its hash (null once written). */
    private final WriteBuffer body = new WriteBuffer();
    private String hash;
    private final MessageDigest sha256 = AuditRecordFormat.sha256();

    /**
     * @param seq   the last record's sequence number (0 for an empty log)
     * @param prev  the last record's hash ({@link AuditRecordFormat#GENESIS} for an empty log)
     * @param logId the first record's hash, or null for an empty log
     */
    RecordEncoder(long seq, String prev, String logId) {
        this.seq = seq;
        this.prev = prev;
        this.logId = logId;
    }

    /** The last record's sequence number. */
    long seq() {
        return seq;
    }

    /** The last record's hash. */
    String head() {
        return prev;
    }

    /** The log's id: its first record's hash. */
    String logId() {
        return logId;
    }

    /**
     * Encodes {@code e} as the next record (sequence number {@code seq() + 1}) and hashes it.
     *
     * @return the length of its line, newline included
     */
    int encode(Pending.Entry e) {
        writeBody(e, seq + 1);
        sha256.update(body.array(), 0, body.size());
        hash = HexFormat.of().formatHex(sha256.digest());
        // the body without its closing brace, then ,"hash":"…"} and a newline
        return body.size() - 1 + HASH.length + hash.length() + 2 + 1;
    }

    /**
     * Writes the line of the record encoded last to {@code out} and makes it the chain's head.
     *
     * @return its sequence number
     */
    long writeTo(WriteBuffer out) {
        out.write(body.array(), 0, body.size() - 1);
        out.write(HASH);
        out.writeAscii(hash);
        out.write('"');
        out.write('}');
        out.write('\n');
        seq++;
        prev = hash;
        if (seq == 1) {
            logId = hash;
        }
        hash = null;
        return seq;
    }

    /**
     * The canonical body of record {@code s}: the entry's members (sorted, each canonical) merged
     * with the envelope's, whose values are plain ASCII (hex, digits and the format's own names) and
     * so need no escaping.
     */
    private void writeBody(Pending.Entry p, long s) {
        body.clear();
        body.write('{');
        int next = 0;
        for (Map.Entry<String, byte[]> m : p.members.entrySet()) {
            while (next < ENVELOPE.length && ENVELOPE[next].compareTo(m.getKey()) < 0) {
                envelope(next++, p.type, s);
            }
            comma();
            body.write('"');
            body.writeAscii(m.getKey());
            body.write('"');
            body.write(':');
            body.write(m.getValue());
        }
        while (next < ENVELOPE.length) {
            envelope(next++, p.type, s);
        }
        body.write('}');
    }

    private void envelope(int member, String type, long s) {
        comma();
        switch (member) {
            case 0 -> {
                body.write(PREV);
                body.writeAscii(prev);
                body.write('"');
            }
            case 1 -> {
                body.write(SEQ);
                body.writeAscii(Long.toString(s));
            }
            case 2 -> {
                body.write(TYPE);
                body.writeAscii(type);
                body.write('"');
            }
            default -> body.write(VERSION);
        }
    }

    private void comma() {
        if (body.size() > 1) {
            body.write(',');
        }
    }
}
