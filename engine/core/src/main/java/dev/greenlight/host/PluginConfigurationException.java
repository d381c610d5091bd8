package dev.greenlight.host;

/**
 * The plugin configuration cannot be used: a plugins directory that does not exist, a settings or
 * lock file that cannot be read or is malformed (the message names the file, line and key), or a
 * plugin that failed to start in strict mode. The engine's builder reports it as a
 * {@code GreenlightConfigurationException} with the same message.
 */
public final class PluginConfigurationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PluginConfigurationException(String message) {
        super(message);
    }

    public PluginConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
