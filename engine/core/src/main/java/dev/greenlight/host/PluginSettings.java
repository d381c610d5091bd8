package dev.greenlight.host;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Per-plugin settings from one properties file: each key is {@code <plugin id>.<setting>}, e.g.
 * {@code prompt-screen.terms.replaceDefaults=true}. Plugin ids hold no dots, so the first dot splits.
 * Immutable.
 */
public final class PluginSettings {
    public static final PluginSettings NONE = new PluginSettings(Map.of());

    private final Map<String, Map<String, String>> byPlugin;

    private PluginSettings(Map<String, Map<String, String>> byPlugin) {
        this.byPlugin = byPlugin;
    }

    /** Settings given directly: plugin id to its settings. */
    public static PluginSettings of(Map<String, Map<String, String>> byPlugin) {
        Map<String, Map<String, String>> copy = new HashMap<>();
        byPlugin.forEach((id, s) -> copy.put(id, Map.copyOf(s)));
        return new PluginSettings(Map.copyOf(copy));
    }

    /**
     * @throws PluginConfigurationException naming the file (and key) when it cannot be read or a
     *     key has no plugin id
     */
    public static PluginSettings load(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new PluginConfigurationException("cannot read plugin settings " + file + ": " + e.getMessage(), e);
        }
        Map<String, Map<String, String>> byPlugin = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            int dot = key.indexOf('.');
            if (dot <= 0 || dot == key.length() - 1) {
                throw new PluginConfigurationException(file + ": key '" + key
                        + "' must be <plugin id>.<setting>, e.g. prompt-screen.terms.replaceDefaults");
            }
            byPlugin.computeIfAbsent(key.substring(0, dot), k -> new TreeMap<>()).put(key.substring(dot + 1), p.getProperty(key));
        }
        return of(byPlugin);
    }

    /** The settings of one plugin; empty when none. */
    public Map<String, String> forPlugin(String id) {
        return byPlugin.getOrDefault(id, Map.of());
    }
}
