package dev.greenlight.desk;

import java.util.Objects;

/**
 * The case is not in the state the caller thought: the caller does not hold its claim, the
 * {@code version} is stale, the case is closed, or (for an appeal) one was already made. HTTP 409
 * with {@link #current()}. Nothing was recorded.
 */
public final class CaseConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Case current;
    private final String reason;

    public CaseConflictException(Case current, String reason) {
        super(reason + (current == null ? "" : " (case " + current.caseId() + ", " + current.state().id() + ", version "
                + current.version() + ")"));
        this.current = current;
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The case as it is now (null only when no case exists, e.g. an unknown decision). */
    public Case current() {
        return current;
    }

    /** Why, in plain words: "not claimed by you", "version 7 is stale (now 9)", "case is closed", … */
    public String reason() {
        return reason;
    }
}
