package dev.greenlight.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A minimal JSON writer into a byte array, producing exactly the bytes Jackson's UTF-8 generator
 * (the audit format's canonical writer) produces for the same calls: any string that is not plain
 * printable ASCII written by Jackson itself, numbers as {@link Long#toString} and {@link Double#toString}
 * (non-finite doubles quoted, as Jackson does by default). Plain ASCII strings, nearly all of a
 * record, are copied without the generator's per-character work. The caller writes separators
 * and keys in order; {@code CanonicalModelTest} holds the result to Jackson's bytes. Not
 * thread-safe.
 */
final class JsonBytes {
    private byte[] bytes = new byte[1024];
    private int size;
    /** Per object or array being written: whether the next member needs a comma before it. */
    private boolean[] started = new boolean[16];
    private int depth;

    /** A member name, quoted and followed by its colon, made once. */
    static byte[] name(String name) {
        return ("\"" + name + "\":").getBytes(StandardCharsets.US_ASCII);
    }

    /** The next member, by any name (an attribute's key): escaped as Jackson escapes names, which is as it escapes strings. */
    JsonBytes field(String name) {
        string(name);
        ensure(1);
        bytes[size++] = ':';
        started[depth] = false; // the value that follows needs no comma of its own
        return this;
    }

    /**
     * A string as Jackson's generator writes it, quotes included. Not {@code JsonStringEncoder}: that
     * writes a character outside the BMP as four bytes of UTF-8, where the generator writes its two
     * surrogates as two six-character escapes (backslash, u, four hex digits).
     */
    private static byte[] quoted(String s) {
        try {
            return AuditRecordFormat.MAPPER.writeValueAsBytes(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise audit record: " + e.getOriginalMessage(), e);
        }
    }

    JsonBytes startObject() {
        return open('{');
    }

    JsonBytes endObject() {
        return close('}');
    }

    JsonBytes startArray() {
        return open('[');
    }

    JsonBytes endArray() {
        return close(']');
    }

    /** The next member's name (from {@link #name}); its value follows. */
    JsonBytes field(byte[] quotedName) {
        separator();
        write(quotedName);
        started[depth] = false; // the value that follows needs no comma of its own
        return this;
    }

    JsonBytes string(String s) {
        if (s == null) {
            return literal(NULL);
        }
        separator();
        int n = s.length();
        ensure(n + 2);
        int start = size;
        bytes[size++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\') {
                size = start; // anything else is escaped or encoded as Jackson does it
                write(quoted(s));
                return this;
            }
            bytes[size++] = (byte) c;
        }
        bytes[size++] = '"';
        return this;
    }

    JsonBytes number(long v) {
        return ascii(Long.toString(v));
    }

    JsonBytes number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return string(Double.toString(v)); // Jackson quotes non-numeric numbers by default
        }
        return ascii(Double.toString(v));
    }

    JsonBytes bool(boolean v) {
        return literal(v ? TRUE : FALSE);
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};

    private JsonBytes literal(byte[] b) {
        separator();
        write(b);
        return this;
    }

    private JsonBytes ascii(String s) {
        separator();
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            bytes[size++] = (byte) s.charAt(i);
        }
        return this;
    }

    private JsonBytes open(char c) {
        separator();
        ensure(1);
        bytes[size++] = (byte) c;
        if (++depth == started.length) {
            started = Arrays.copyOf(started, depth * 2);
        }
        started[depth] = false;
        return this;
    }

    private JsonBytes close(char c) {
        depth--;
        ensure(1);
        bytes[size++] = (byte) c;
        return this;
    }

    /** A comma before every value of an array and every member of an object but the first. */
    private void separator() {
        if (started[depth]) {
            ensure(1);
            bytes[size++] = ',';
        }
        started[depth] = true;
    }

    private void write(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, bytes, size, b.length);
        size += b.length;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
