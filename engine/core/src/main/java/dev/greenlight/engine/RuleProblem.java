package dev.greenlight.engine;

import java.util.Objects;

/**
 * One problem in a rule set: the file (relative to the rules directory), the 1-based line and
 * column (0 when the compiler gives none), and what is wrong. Prints as
 * {@code file:line:column: message}, the format editors and CI annotate.
 */
public record RuleProblem(String file, int line, int column, String message) {
    public RuleProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
