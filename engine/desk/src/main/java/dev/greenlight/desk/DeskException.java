package dev.greenlight.desk;

/**
 * A request the desk refuses as bad (an unknown policy id, a missing artist message, a control
 * character, a wrong queue or role): HTTP 400/422. The message names the field. Nothing was
 * recorded.
 */
public final class DeskException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String field;

    /**
     * @param field   the request field at fault ({@code policy}, {@code artistMessage}, …)
     * @param problem what is wrong with it, e.g. "is required for REJECT"
     */
    public DeskException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    /** The request field at fault. */
    public String field() {
        return field;
    }
}
