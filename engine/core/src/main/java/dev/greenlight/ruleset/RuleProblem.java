package dev.greenlight.ruleset;

import java.util.Objects;

/**
 * One problem in a rule set: the file (relative to the rules directory, or a decision table's
 * {@code file!Sheet!Cell}), the 1-based line and column (0 when unknown), what is wrong, and how
 * bad it is. Prints as {@code file:line:column: message} (warnings as
 * {@code file:line:column: warning: message}), the format editors and CI annotate.
 */
public record RuleProblem(String file, int line, int column, String message, Severity severity) {
    /** An error stops the rule set from loading; a warning is reported and the rules still load. */
    public enum Severity { ERROR, WARNING }

    public RuleProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(severity, "severity");
    }

    /** An error. */
    public RuleProblem(String file, int line, int column, String message) {
        this(file, line, column, message, Severity.ERROR);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + (severity == Severity.WARNING ? "warning: " : "") + message;
    }
}
