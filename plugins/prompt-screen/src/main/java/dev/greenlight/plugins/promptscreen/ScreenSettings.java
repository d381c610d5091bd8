package dev.greenlight.plugins.promptscreen;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The plugin's settings, read and checked once at start (see the module README).
 *
 * @param replaceDefaults {@code terms.replaceDefaults}: use only the data directory's term files
 * @param mixedScript {@code mixedScript.enabled}: report words that mix writing systems
 * @param maxSignalsPerTerm {@code maxSignalsPerTerm}: occurrences reported per term and field
 * @param termDirectories {@code terms.directory} and {@code terms.directory.<name>}: directories of
 *        term files besides {@code <data dir>/terms} (each value one path, read whole; a relative one
 *        resolves against the data directory, or the working directory without one), so that a
 *        site's lists need not sit inside the build output
 */
record ScreenSettings(boolean replaceDefaults, boolean mixedScript, int maxSignalsPerTerm, List<Path> termDirectories) {

    static final String REPLACE_DEFAULTS = "terms.replaceDefaults";
    static final String MIXED_SCRIPT = "mixedScript.enabled";
    static final String MAX_SIGNALS_PER_TERM = "maxSignalsPerTerm";
    static final String TERMS_DIRECTORY = "terms.directory";

    private static final Set<String> KNOWN = Set.of(REPLACE_DEFAULTS, MIXED_SCRIPT, MAX_SIGNALS_PER_TERM, TERMS_DIRECTORY);

    ScreenSettings {
        termDirectories = List.copyOf(termDirectories);
    }

    /**
     * Reads the settings; absent keys take their defaults ({@code false}, {@code true}, {@code 10}).
     *
     * @throws IllegalArgumentException naming the key and the value when a value is malformed, or
     *                                  naming an unknown key (a typo must not silently fall back to a default)
     */
    static ScreenSettings from(Map<String, String> settings) {
        return from(settings, Optional.empty());
    }

    /** As {@link #from(Map)}, resolving relative term directories against {@code dataDirectory}. */
    static ScreenSettings from(Map<String, String> settings, Optional<Path> dataDirectory) {
        Optional<String> unknown = settings.keySet().stream().filter(k -> !KNOWN.contains(k) && !isNamedDirectory(k)).sorted().findFirst();
        if (unknown.isPresent()) {
            throw new IllegalArgumentException("prompt-screen: unknown setting '" + unknown.get() + "'; known settings are "
                    + new TreeSet<>(KNOWN) + " and " + TERMS_DIRECTORY + ".<name>");
        }
        List<Path> dirs = new ArrayList<>();
        new TreeSet<>(settings.keySet()).stream().filter(k -> k.equals(TERMS_DIRECTORY) || isNamedDirectory(k)).forEach(k -> {
            String value = settings.get(k);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("prompt-screen setting " + k + " must name a directory, was empty");
            }
            Path p = Path.of(value.strip());
            dirs.add(p.isAbsolute() ? p : dataDirectory.map(d -> d.resolve(p)).orElse(p));
        });
        return new ScreenSettings(bool(settings, REPLACE_DEFAULTS, false), bool(settings, MIXED_SCRIPT, true),
                positive(settings, MAX_SIGNALS_PER_TERM, 10), dirs);
    }

    private static boolean isNamedDirectory(String key) {
        return key.startsWith(TERMS_DIRECTORY + ".") && key.length() > TERMS_DIRECTORY.length() + 1;
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
