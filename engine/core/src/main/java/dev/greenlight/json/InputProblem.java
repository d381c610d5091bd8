package dev.greenlight.json;

import java.util.Objects;

/**
 * One thing wrong with an input: where (the source name, the 1-based line, 0 when unknown, and the
 * JSON Pointer of the field, empty for the whole document) and what, in plain words.
 */
public record InputProblem(String source, int line, String pointer, String message) {
    public InputProblem {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(message, "message");
    }

    /**
     * {@code source:line: /pointer: message}, leaving out what is unknown. The pointer comes from the
     * input, so for printing its control characters are escaped and a very long one is shortened:
     * a hostile field name must not forge lines in a log or flood a terminal.
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(source);
        if (line > 0) {
            sb.append(':').append(line);
        }
        sb.append(": ");
        if (!pointer.isEmpty()) {
            sb.append(printable(pointer)).append(": ");
        }
        return sb.append(message).toString();
    }

    static String printable(String text) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            if (sb.length() >= MAX_PRINTED) {
                return sb.append("…").toString();
            }
            char c = text.charAt(i);
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static final int MAX_PRINTED = 200;
}
