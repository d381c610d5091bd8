package dev.greenlight.audit;

/**
 * The audit log cannot record (or cannot be opened). A decision that meets this is not returned:
 * an unrecorded decision is never acknowledged. Immutable once thrown; the same instance may be
 * seen by every caller refused after a failure.
 */
public final class AuditException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AuditException(String message) {
        super(message);
    }

    public AuditException(String message, Throwable cause) {
        super(message, cause);
    }
}
