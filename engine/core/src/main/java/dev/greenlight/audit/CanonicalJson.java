package dev.greenlight.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The one writer of the log's canonical JSON: every byte that is hashed or signed (record members of
 * every type, checkpoint statements) and the erasable store's lines are written here, either member
 * by member by a caller that knows its keys' sorted order ({@link CanonicalModel},
 * {@link RecordContent}, {@link Checkpoint}), or from a tree whose keys it sorts ({@link #of}: a
 * redacted record, a redacted value's hash). Canonical means: object keys sorted by UTF-16 code
 * unit at every depth, no whitespace, and exactly the bytes Jackson's UTF-8 generator gives for the
 * same values (the format was first written with it): any string that is not plain printable
 * ASCII escaped by Jackson itself, numbers as {@link Long#toString} and {@link Double#toString}
 * (non-finite doubles quoted, as Jackson does by default). Plain ASCII strings, nearly all of a
 * record, are copied without the generator's per-character work. {@code CanonicalModelTest} holds
 * the result to Jackson's bytes.
 *
 * <p>One instance writes one value; not thread-safe. {@link #of} is thread-safe.
 */
final class CanonicalJson {
    private byte[] bytes = new byte[1024];
    private int size;
    /** Per object or array being written: whether the next member needs a comma before it. */
    private boolean[] started = new boolean[16];
    private int depth;

    /**
     * The canonical bytes of any JSON value: keys sorted at every depth, no whitespace.
     *
     * @throws IllegalStateException when Jackson cannot write a value of an unusual node type
     */
    static byte[] of(JsonNode node) {
        return new CanonicalJson().value(node).toByteArray();
    }

    /** A member name, quoted and followed by its colon, made once. */
    static byte[] name(String name) {
        return ("\"" + name + "\":").getBytes(StandardCharsets.US_ASCII);
    }

    /** The next member, by any name (an attribute's key): escaped as Jackson escapes names, which is as it escapes strings. */
    CanonicalJson field(String name) {
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
        return jackson(s);
    }

    private static byte[] jackson(Object value) {
        try {
            return AuditRecordFormat.MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise audit record: " + e.getOriginalMessage(), e);
        }
    }

    CanonicalJson startObject() {
        return open('{');
    }

    CanonicalJson endObject() {
        return close('}');
    }

    CanonicalJson startArray() {
        return open('[');
    }

    CanonicalJson endArray() {
        return close(']');
    }

    /** The next member's name (from {@link #name}); its value follows. */
    CanonicalJson field(byte[] quotedName) {
        separator();
        write(quotedName);
        started[depth] = false; // the value that follows needs no comma of its own
        return this;
    }

    CanonicalJson string(String s) {
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

    CanonicalJson number(long v) {
        return ascii(Long.toString(v));
    }

    CanonicalJson number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return string(Double.toString(v)); // Jackson quotes non-numeric numbers by default
        }
        return ascii(Double.toString(v));
    }

    /** Any tree, with its objects' keys sorted. */
    CanonicalJson value(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                List<String> names = new ArrayList<>(node.size());
                node.fieldNames().forEachRemaining(names::add);
                Collections.sort(names);
                startObject();
                for (String n : names) {
                    field(n).value(node.get(n));
                }
                endObject();
            }
            case ARRAY -> {
                startArray();
                for (JsonNode child : node) {
                    value(child);
                }
                endArray();
            }
            case STRING -> string(node.textValue());
            case BOOLEAN -> bool(node.booleanValue());
            case NULL, MISSING -> literal(NULL);
            default -> {
                if (node.isInt() || node.isLong() || node.isShort()) {
                    number(node.longValue());
                } else if (node.isDouble()) {
                    number(node.doubleValue());
                } else { // floats, big numbers, binary, POJOs: rare enough to let Jackson write them
                    separator();
                    write(jackson(node));
                }
            }
        }
        return this;
    }

    CanonicalJson bool(boolean v) {
        return literal(v ? TRUE : FALSE);
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};

    private CanonicalJson literal(byte[] b) {
        separator();
        write(b);
        return this;
    }

    private CanonicalJson ascii(String s) {
        separator();
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            bytes[size++] = (byte) s.charAt(i);
        }
        return this;
    }

    private CanonicalJson open(char c) {
        separator();
        ensure(1);
        bytes[size++] = (byte) c;
        if (++depth == started.length) {
            started = Arrays.copyOf(started, depth * 2);
        }
        started[depth] = false;
        return this;
    }

    private CanonicalJson close(char c) {
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
