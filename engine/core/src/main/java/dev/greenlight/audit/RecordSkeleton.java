package dev.greenlight.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/**
 * The skeleton of a record ({@link RecordCheck#skeleton}) read straight from its bytes: the
 * envelope's members, a review's, checkpoint's, appeal's or fulfilment's member whole, and of
 * {@code decision} and {@code submission} only their {@code decisionId}, with every other byte's
 * JSON syntax checked by {@link JsonSkip} instead of tokenised — what made {@code verify} several
 * times slower than hashing (and, with Jackson reading no record, the JIT compiles none of it). It
 * answers only for a record in the shape the log writes (members once each, numbers unsigned
 * integers, strings and names plain ASCII): for anything else, or anything {@link JsonSkip}
 * refuses, it answers null and the caller reads the line with Jackson, which then decides and words
 * any problem. What it does answer is the tree Jackson's skeleton gives for the same line (checked
 * in {@code RecordSkeletonTest}). Stateless.
 */
final class RecordSkeleton {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final byte[] DECISION = bytes("decision");
    private static final byte[] SUBMISSION = bytes("submission");
    private static final byte[] DECISION_ID = bytes("decisionId");
    private static final byte[] PREV = bytes("prev");
    private static final byte[] TYPE = bytes("type");
    private static final byte[] SEQ = bytes("seq");
    private static final byte[] V = bytes("v");
    private static final byte[] HASH = bytes("hash");
    /** The members Jackson's skeleton keeps whole: their records are left to it. */
    private static final byte[][] WHOLE = {bytes("review"), bytes("checkpoint"), bytes("appeal"), bytes("fulfilment")};
    /** Jackson gives an int node for an integer within int's range, a long node past it. */
    private static final int MAX_LONG_DIGITS = 18;

    private RecordSkeleton() {
    }

    /** The skeleton of the line in {@code b[off, off + len)}, or null to read it with Jackson. */
    static JsonNode of(byte[] b, int off, int len) {
        int end = off + len;
        int i = JsonSkip.space(b, off, end);
        if (i >= end || b[i] != '{') {
            return null;
        }
        ObjectNode out = NODES.objectNode();
        int seen = 0;
        i = JsonSkip.space(b, i + 1, end);
        while (true) {
            if (i >= end || b[i] != '"') {
                return null; // an empty object too: not a record, Jackson says so
            }
            int nameEnd = JsonSkip.string(b, i, end);
            if (nameEnd < 0 || nameEnd - i - 2 > JsonSkip.MAX_NAME) {
                return null;
            }
            int name = i + 1;
            int nameLen = nameEnd - 1 - name;
            i = JsonSkip.space(b, nameEnd, end);
            if (i >= end || b[i] != ':') {
                return null;
            }
            i = JsonSkip.space(b, i + 1, end);
            int bit;
            int next;
            if (is(b, name, nameLen, DECISION) || is(b, name, nameLen, SUBMISSION)) {
                bit = b[name] == 'd' ? 1 : 2;
                ObjectNode o = NODES.objectNode();
                next = withDecisionId(b, i, end, o);
                out.set(b[name] == 'd' ? "decision" : "submission", o);
            } else if (is(b, name, nameLen, PREV) || is(b, name, nameLen, TYPE) || is(b, name, nameLen, HASH)) {
                bit = b[name] == 'p' ? 4 : b[name] == 't' ? 8 : 16;
                next = plainString(b, i, end);
                if (next > 0) {
                    out.put(new String(b, name, nameLen, StandardCharsets.US_ASCII),
                            new String(b, i + 1, next - i - 2, StandardCharsets.US_ASCII));
                }
            } else if (is(b, name, nameLen, SEQ) || is(b, name, nameLen, V)) {
                bit = b[name] == 's' ? 32 : 64;
                next = plainInteger(b, i, end);
                if (next > 0) {
                    long value = Long.parseLong(new String(b, i, next - i, StandardCharsets.US_ASCII));
                    String key = b[name] == 's' ? "seq" : "v";
                    if (value <= Integer.MAX_VALUE) {
                        out.put(key, (int) value);
                    } else {
                        out.put(key, value);
                    }
                }
            } else if (keptWhole(b, name, nameLen)) {
                // review, checkpoint, appeal, fulfilment: Jackson's skeleton keeps these whole
                bit = 128 << wholeIndex(b, name, nameLen);
                JsonNode[] tree = new JsonNode[1];
                next = plainTree(b, i, end, 1, tree);
                if (next > 0) {
                    out.set(new String(b, name, nameLen, StandardCharsets.US_ASCII), tree[0]);
                }
            } else {
                // any other scalar member Jackson's skeleton keeps; an unknown object or array it
                // skips, and so does this
                if (i >= end || (b[i] != '{' && b[i] != '[') || !plainName(b, name, nameLen)) {
                    return null;
                }
                bit = 0;
                next = JsonSkip.value(b, i, end, 1);
            }
            if (next < 0 || (seen & bit) != 0) {
                return null; // not valid (Jackson words it), or a member twice (Jackson keeps the last)
            }
            seen |= bit;
            i = JsonSkip.space(b, next, end);
            if (i >= end) {
                return null;
            }
            if (b[i] == '}') {
                break;
            }
            if (b[i] != ',') {
                return null;
            }
            i = JsonSkip.space(b, i + 1, end);
        }
        return JsonSkip.space(b, i + 1, end) == end ? out : null;
    }

    /**
     * Steps over the object at {@code i}, checking it, and puts its {@code decisionId} member into
     * {@code o} when it is a plain string; -1 when the value is not an object, is not valid, or has a
     * {@code decisionId} of another kind or more than one.
     */
    private static int withDecisionId(byte[] b, int i, int end, ObjectNode o) {
        if (i >= end || b[i] != '{') {
            return -1;
        }
        i = JsonSkip.space(b, i + 1, end);
        if (i < end && b[i] == '}') {
            return i + 1;
        }
        while (true) {
            if (i >= end || b[i] != '"') {
                return -1;
            }
            int nameEnd = JsonSkip.string(b, i, end);
            if (nameEnd < 0 || nameEnd - i - 2 > JsonSkip.MAX_NAME) {
                return -1;
            }
            int name = i + 1;
            int nameLen = nameEnd - 1 - name;
            if (!plainName(b, name, nameLen)) {
                return -1; // an escaped name may spell decisionId
            }
            i = JsonSkip.space(b, nameEnd, end);
            if (i >= end || b[i] != ':') {
                return -1;
            }
            i = JsonSkip.space(b, i + 1, end);
            int next;
            if (is(b, name, nameLen, DECISION_ID)) {
                next = plainString(b, i, end);
                if (next < 0 || o.has("decisionId")) {
                    return -1;
                }
                o.put("decisionId", new String(b, i + 1, next - i - 2, StandardCharsets.US_ASCII));
            } else {
                next = JsonSkip.value(b, i, end, 2);
            }
            if (next < 0) {
                return -1;
            }
            i = JsonSkip.space(b, next, end);
            if (i >= end) {
                return -1;
            }
            if (b[i] == '}') {
                return i + 1;
            }
            if (b[i] != ',') {
                return -1;
            }
            i = JsonSkip.space(b, i + 1, end);
        }
    }

    /** Deeper members are left to Jackson (a record's own members nest three deep at most). */
    private static final int MAX_TREE_DEPTH = 8;

    /**
     * Index after the value at {@code i}, put into {@code out[0]} as the tree Jackson reads from it,
     * when it is made only of objects (each member once, plain names), arrays, plain strings,
     * unsigned integers of up to 18 digits, {@code true}, {@code false} and {@code null}; else -1.
     */
    private static int plainTree(byte[] b, int i, int end, int depth, JsonNode[] out) {
        if (i >= end || depth > MAX_TREE_DEPTH) {
            return -1;
        }
        byte c = b[i];
        if (c == '"') {
            int next = plainString(b, i, end);
            if (next > 0) {
                out[0] = NODES.textNode(new String(b, i + 1, next - i - 2, StandardCharsets.US_ASCII));
            }
            return next;
        }
        if (c >= '0' && c <= '9') {
            int next = plainInteger(b, i, end);
            if (next > 0) {
                long value = Long.parseLong(new String(b, i, next - i, StandardCharsets.US_ASCII));
                out[0] = value <= Integer.MAX_VALUE ? NODES.numberNode((int) value) : NODES.numberNode(value);
            }
            return next;
        }
        if (c == 't' || c == 'f' || c == 'n') {
            int next = JsonSkip.value(b, i, end, depth);
            if (next > 0) {
                out[0] = c == 't' ? NODES.booleanNode(true) : c == 'f' ? NODES.booleanNode(false) : NODES.nullNode();
            }
            return next;
        }
        if (c == '[') {
            com.fasterxml.jackson.databind.node.ArrayNode array = NODES.arrayNode();
            i = JsonSkip.space(b, i + 1, end);
            if (i < end && b[i] == ']') {
                out[0] = array;
                return i + 1;
            }
            while (true) {
                i = plainTree(b, i, end, depth + 1, out);
                if (i < 0) {
                    return -1;
                }
                array.add(out[0]);
                i = JsonSkip.space(b, i, end);
                if (i >= end) {
                    return -1;
                }
                if (b[i] == ']') {
                    out[0] = array;
                    return i + 1;
                }
                if (b[i] != ',') {
                    return -1;
                }
                i = JsonSkip.space(b, i + 1, end);
            }
        }
        if (c != '{') {
            return -1;
        }
        ObjectNode object = NODES.objectNode();
        i = JsonSkip.space(b, i + 1, end);
        if (i < end && b[i] == '}') {
            out[0] = object;
            return i + 1;
        }
        while (true) {
            int nameEnd = plainString(b, i, end);
            if (nameEnd < 0) {
                return -1;
            }
            String name = new String(b, i + 1, nameEnd - i - 2, StandardCharsets.US_ASCII);
            if (object.has(name)) {
                return -1; // a member twice
            }
            i = JsonSkip.space(b, nameEnd, end);
            if (i >= end || b[i] != ':') {
                return -1;
            }
            i = plainTree(b, JsonSkip.space(b, i + 1, end), end, depth + 1, out);
            if (i < 0) {
                return -1;
            }
            object.set(name, out[0]);
            i = JsonSkip.space(b, i, end);
            if (i >= end) {
                return -1;
            }
            if (b[i] == '}') {
                out[0] = object;
                return i + 1;
            }
            if (b[i] != ',') {
                return -1;
            }
            i = JsonSkip.space(b, i + 1, end);
        }
    }

    /** Index after the string at {@code i} when it is printable ASCII without escapes, else -1. */
    private static int plainString(byte[] b, int i, int end) {
        if (i >= end || b[i] != '"') {
            return -1;
        }
        for (int k = i + 1; k < end; k++) {
            byte c = b[k];
            if (c == '"') {
                return k + 1;
            }
            if (c < 0x20 || c == '\\' || c == 0x7F) {
                return -1; // negative bytes (non-ASCII) too
            }
        }
        return -1;
    }

    /** Index after the integer at {@code i} when it is unsigned, without leading zeros, within 18 digits; else -1. */
    private static int plainInteger(byte[] b, int i, int end) {
        int k = i;
        while (k < end && b[k] >= '0' && b[k] <= '9') {
            k++;
        }
        int n = k - i;
        boolean more = k < end && (b[k] == '.' || b[k] == 'e' || b[k] == 'E');
        return n == 0 || n > MAX_LONG_DIGITS || (n > 1 && b[i] == '0') || more ? -1 : k;
    }

    /** A member name without escapes or non-ASCII bytes (so its bytes are its text). */
    private static boolean plainName(byte[] b, int at, int len) {
        for (int k = at; k < at + len; k++) {
            if (b[k] < 0x20 || b[k] == '\\') {
                return false;
            }
        }
        return true;
    }

    private static boolean keptWhole(byte[] b, int at, int len) {
        return wholeIndex(b, at, len) >= 0;
    }

    private static int wholeIndex(byte[] b, int at, int len) {
        for (int k = 0; k < WHOLE.length; k++) {
            if (is(b, at, len, WHOLE[k])) {
                return k;
            }
        }
        return -1;
    }

    private static boolean is(byte[] b, int at, int len, byte[] name) {
        if (len != name.length) {
            return false;
        }
        for (int k = 0; k < len; k++) {
            if (b[at + k] != name[k]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
