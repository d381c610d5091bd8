package dev.greenlight.plugins.promptscreen;

import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin's settings, read and checked once at start (see the module README).
 *
 * @param replaceDefaults {@code terms.replaceDefaults}: use only the data directory's term files
 * @param mixedScript {@code mixedScript.enabled}: report words that mix writing systems
 * @param maxSignalsPerTerm {@code maxSignalsPerTerm}: occurrences reported per term and field
 */
record ScreenSettings(boolean replaceDefaults, boolean mixedScript, int maxSignalsPerTerm) {

    static final String REPLACE_DEFAULTS = "terms.replaceDefaults";
    static final String MIXED_SCRIPT = "mixedScript.enabled";
    static final String MAX_SIGNALS_PER_TERM = "maxSignalsPerTerm";

    private static final Logger LOG = LoggerFactory.getLogger(ScreenSettings.class);
    private static final Set<String> KNOWN = Set.of(REPLACE_DEFAULTS, MIXED_SCRIPT, MAX_SIGNALS_PER_TERM);

    /**
     * Reads the settings; absent keys take their defaults ({@code false}, {@code true}, {@code 10}).
     *
     * @throws IllegalArgumentException naming the key and the value when a value is malformed
     */
    static ScreenSettings from(Map<String, String> settings) {
        settings.keySet().stream().filter(k -> !KNOWN.contains(k)).sorted().forEach(k ->
                LOG.warn("prompt-screen: unknown setting '{}' ignored; known settings are {}", k, KNOWN));
        return new ScreenSettings(bool(settings, REPLACE_DEFAULTS, false), bool(settings, MIXED_SCRIPT, true),
                positive(settings, MAX_SIGNALS_PER_TERM, 10));
    }

    private static boolean bool(Map<String, String> settings, String key, boolean fallback) {
        String value = settings.get(key);
        if (value == null) {
            return fallback;
        }
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("prompt-screen setting " + key + " must be true or false, was '"
                    + value + "'");
        };
    }

    private static int positive(Map<String, String> settings, String key, int fallback) {
        String value = settings.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the value
        }
        throw new IllegalArgumentException("prompt-screen setting " + key + " must be a whole number of at least 1, was '"
                + value + "'");
    }
}
