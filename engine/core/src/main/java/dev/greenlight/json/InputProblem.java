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

    /** {@code source:line: /pointer: message}, leaving out what is unknown. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(source);
        if (line > 0) {
            sb.append(':').append(line);
        }
        sb.append(": ");
        if (!pointer.isEmpty()) {
            sb.append(pointer).append(": ");
        }
        return sb.append(message).toString();
    }
}
