package dev.greenlight.engine;

/** The engine's configuration cannot work (e.g. a rules directory that does not exist). */
public final class GreenlightConfigurationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public GreenlightConfigurationException(String message) {
        super(message);
    }

    public GreenlightConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
