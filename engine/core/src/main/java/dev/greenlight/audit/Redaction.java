package dev.greenlight.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A value to keep out of the audit record, named by a JSON Pointer (RFC 6901) into the record's
 * {@code submission} or into the decision's {@code signals}: {@code /submission/attributes/email},
 * {@code /submission/prompt}, {@code /decision/signals/*}{@code /value}. A segment {@code *}
 * matches every member of an object or element of an array. Pointers that match nothing in a
 * record do nothing to it. Immutable.
 *
 * @param pointer where the value is
 * @param action  what to do with it
 */
public record Redaction(String pointer, Action action) {
    /** What becomes of a redacted value. */
    public enum Action {
        /** Removed (an array element becomes {@code null}); the record keeps no trace but the pointer. */
        ERASE,
        /**
         * Replaced by {@code "sha256:<hex>"} of its text (the string's UTF-8 bytes; other values' canonical
         * JSON): the record can still show that two values were equal, or that a value known from
         * elsewhere was the one decided on. Low-entropy values (an e-mail address) can be guessed
         * back from their hash: erase those.
         */
        HASH,
        /**
         * Replaced by its hash as in {@link #HASH}, and the text kept beside the log in the erasable
         * store ({@code B.erasable}), from which it can be erased later without breaking the chain.
         * Only strings are kept aside; any other value is hashed.
         */
        ASIDE
    }

    public Redaction {
        Objects.requireNonNull(action, "action");
        parse(pointer);
    }

    public static Redaction erase(String pointer) {
        return new Redaction(pointer, Action.ERASE);
    }

    public static Redaction hash(String pointer) {
        return new Redaction(pointer, Action.HASH);
    }

    public static Redaction aside(String pointer) {
        return new Redaction(pointer, Action.ASIDE);
    }

    /** The pointer's unescaped segments; the first is {@code submission} or {@code decision}. */
    List<String> segments() {
        return parse(pointer);
    }

    /**
     * Parses {@code text} as {@code ACTION:POINTER} (e.g. {@code erase:/submission/attributes/email}),
     * the form used on command lines and in configuration files.
     */
    public static Redaction parseSpec(String text) {
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("redaction must be ACTION:POINTER (erase, hash or aside), was: " + text);
        }
        Action action;
        try {
            action = Action.valueOf(text.substring(0, colon).trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("redaction action must be erase, hash or aside, was: " + text.substring(0, colon));
        }
        return new Redaction(text.substring(colon + 1).trim(), action);
    }

    private static List<String> parse(String pointer) {
        if (pointer == null || !pointer.startsWith("/")) {
            throw new IllegalArgumentException("redaction pointer must be a JSON Pointer starting with '/', was: " + pointer);
        }
        List<String> out = new ArrayList<>();
        for (String raw : pointer.substring(1).split("/", -1)) {
            if (raw.matches(".*~[^01].*|.*~$")) {
                throw new IllegalArgumentException("redaction pointer " + pointer + ": '~' must be followed by 0 or 1");
            }
            out.add(raw.replace("~1", "/").replace("~0", "~"));
        }
        boolean submission = out.size() >= 2 && out.get(0).equals("submission");
        boolean signals = out.size() >= 3 && out.get(0).equals("decision") && out.get(1).equals("signals");
        if (!submission && !signals) {
            throw new IllegalArgumentException("redaction pointer " + pointer
                    + " must point into /submission/… or /decision/signals/… (the rest of a decision is what the record is for)");
        }
        return out;
    }

    static String escape(String segment) {
        return segment.replace("~", "~0").replace("/", "~1");
    }
}
