package dev.greenlight.engine.internal;

/**
 * The rule files cannot be read: no such directory, nothing at a classpath location, or an I/O
 * error. The engine reports it as a configuration error; it is not a problem in the rules.
 */
public final class RuleSourceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RuleSourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
