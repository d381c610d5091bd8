package dev.greenlight.desk;

/**
 * What text the desk accepts and how untrusted text is shown: control characters (C0, DEL, C1),
 * bidirectional overrides, embeddings, isolates and marks, line and paragraph separators, and
 * unpaired surrogates are refused in every text (a note and a message may keep line breaks and tabs);
 * shown text escapes them as {@code \\u202E} so a name can never reorder or break a line.
 * Thread-safe (stateless).
 */
public final class SafeText {
    private SafeText() {
    }

    /** The first character not allowed in a text, as {@code U+XXXX}, or null when it is clean. */
    public static String firstForbidden(String s, boolean lineBreaks) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (lineBreaks && (c == '\n' || c == '\t')) {
                continue;
            }
            if (forbidden(c) || (Character.isHighSurrogate(c) && (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))))
                    || (Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1))))) {
                return String.format("U+%04X", (int) c);
            }
        }
        return null;
    }

    /** Control, bidi and separator characters. */
    public static boolean forbidden(char c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F)
                || c == '\u061C' || c == '\u200E' || c == '\u200F'
                || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')
                || c == '\u2028' || c == '\u2029';
    }

    /**
     * {@code s} with every forbidden character as a {@code \\uXXXX} escape and backslashes doubled,
     * for terminals and logs: what is shown is unambiguous and cannot reorder or break a line.
     */
    public static String escape(String s) {
        return escape(s, true);
    }

    /**
     * {@code s} with every forbidden character as a {@code \\uXXXX} escape, backslashes left as
     * they are: for JSON text, where such an escape inside a string is the same string.
     */
    public static String escapeInJson(String s) {
        return escape(s, false);
    }

    /** {@code s} quoted for an error message: escaped, and cut after 80 characters. */
    public static String quote(String s) {
        if (s == null) {
            return "null";
        }
        return "\"" + escape(s.length() > 80 ? s.substring(0, 80) + "…" : s) + "\"";
    }

    private static String escape(String s, boolean backslashes) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean bad = forbidden(c) || backslashes && c == '\\' || Character.isSurrogate(c)
                    && !(Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                    || Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1)));
            if (bad && b == null) {
                b = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (b != null) {
                if (!bad) {
                    b.append(c);
                } else if (c == '\\') {
                    b.append("\\\\");
                } else {
                    b.append(String.format("\\u%04X", (int) c));
                }
            }
        }
        return b == null ? s : b.toString();
    }
}
