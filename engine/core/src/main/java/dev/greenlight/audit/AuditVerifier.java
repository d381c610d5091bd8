package dev.greenlight.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.engine.internal.BoundedLineReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Checks an audit log: every line is a well-formed record whose hash matches its bytes, whose
 * {@code prev} is the hash before it and whose {@code seq} follows on. Stops at the first bad line
 * and names it. Reads the file as a stream with a bound on line length, so a damaged or hostile
 * file cannot exhaust memory. Thread-safe (stateless).
 */
public final class AuditVerifier {
    /** A record longer than this is damage, not data (submissions are limited to 1 MiB). */
    static final int MAX_RECORD_BYTES = 8 << 20;
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AuditVerifier() {
    }

    public static VerifyResult verify(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return verify(in);
        }
    }

    public static VerifyResult verify(InputStream in) throws IOException {
        BoundedLineReader lines = new BoundedLineReader(in, MAX_RECORD_BYTES);
        String prev = AuditRecordFormat.GENESIS;
        long seq = 0;
        long end = 0;
        byte[] line;
        while ((line = lines.next()) != null) {
            int lineNo = lines.lineNumber();
            long expected = seq + 1;
            String problem = lines.overlong() ? "record longer than " + MAX_RECORD_BYTES + " bytes"
                    : !lines.terminated() ? "incomplete last record (no newline): the write was torn"
                    : check(line, prev, expected);
            if (problem != null) {
                return new VerifyResult(false, seq, seq, prev, end, lineNo, expected, problem);
            }
            prev = hashOf(line);
            seq = expected;
            end = lines.lineOffset() + line.length + 1;
        }
        return VerifyResult.ok(seq, seq, prev, end);
    }

    /** The problem with one record, or {@code null} when it is sound and follows on. */
    static String check(byte[] line, String prev, long expectedSeq) {
        int cut = hashMemberStart(line);
        if (cut < 0) {
            return "not a record: no trailing \"hash\" member";
        }
        String stated = new String(line, cut + AuditRecordFormat.HASH_MEMBER.length(), 64, StandardCharsets.US_ASCII);
        byte[] body = new byte[cut + 1];
        System.arraycopy(line, 0, body, 0, cut);
        body[cut] = '}';
        String actual = AuditRecordFormat.sha256Hex(body, body.length);
        if (!actual.equals(stated)) {
            return "hash does not match the record's contents (the record was changed)";
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (IOException e) {
            return "not valid JSON: " + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage());
        }
        if (node == null || !node.isObject()) {
            return "not a JSON object";
        }
        if (node.path("v").asInt(-1) != AuditRecordFormat.VERSION) {
            return "unknown record version " + node.path("v");
        }
        long seq = node.path("seq").asLong(-1);
        if (seq != expectedSeq) {
            return "sequence number " + seq + " where " + expectedSeq + " was expected (a record was removed, inserted or moved)";
        }
        String p = node.path("prev").asText("");
        if (!p.equals(prev)) {
            return "\"prev\" does not match the hash of the record before it (the chain is broken)";
        }
        return null;
    }

    /** The stated hash of a line already known to be sound. */
    static String hashOf(byte[] line) {
        int cut = hashMemberStart(line);
        return new String(line, cut + AuditRecordFormat.HASH_MEMBER.length(), 64, StandardCharsets.US_ASCII);
    }

    /** Index of {@code ,"hash":"} when the line ends with it, a 64-hex value and {@code "}}; else -1. */
    private static int hashMemberStart(byte[] line) {
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
