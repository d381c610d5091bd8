package dev.greenlight.spi;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What the engine gives a plugin's extensions when it starts them: the plugin's identity, its
 * settings from the engine's plugin configuration file, and its own data directory (for files such
 * as term lists or hash banks that operators edit).
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface PluginContext {
    /** The plugin's id, as in its manifest. */
    String pluginId();

    /** The plugin's version, as in its manifest. */
    String pluginVersion();

    /** This plugin's settings (never {@code null}; empty when none were configured). */
    Map<String, String> settings();

    /** A setting, or {@code defaultValue} when it is not configured. */
    default String setting(String key, String defaultValue) {
        return settings().getOrDefault(key, defaultValue);
    }

    /**
     * The plugin's data directory ({@code <plugins dir>/<plugin id>/}) when it exists; plugins fall
     * back to defaults shipped inside their jar when it is absent.
     */
    Optional<Path> dataDirectory();
}
