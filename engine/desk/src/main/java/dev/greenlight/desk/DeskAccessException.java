package dev.greenlight.desk;

/**
 * The account's roles do not allow what it asked (an auditor deciding, a reviewer taking the lead
 * queue or reassigning): HTTP 403. Nothing was recorded.
 */
public final class DeskAccessException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DeskAccessException(String message) {
        super(message);
    }
}
