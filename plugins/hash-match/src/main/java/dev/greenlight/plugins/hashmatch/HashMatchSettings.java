package dev.greenlight.plugins.hashmatch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The plugin's settings, parsed and checked once at start. Immutable; no component is {@code null}.
 *
 * @param bankPaths     extra bank files or directories ({@code banks}, comma-separated; relative
 *                      paths resolve against the data directory, or the working directory without one)
 * @param examples      whether to load the example banks shipped in the jar ({@code examples}:
 *                      {@code auto}, the default, loads them only when no other bank file is found)
 * @param pdqThreshold  largest Hamming distance that counts as a PDQ match ({@code pdq.threshold},
 *                      0–63, default 31, the reference's recommendation)
 * @param pdqMinQuality images whose PDQ quality is below this are not looked up
 *                      ({@code pdq.minQuality}, 0–100, default 50)
 * @param pdqMaxPixels  larger images are not PDQ-hashed at all ({@code pdq.maxPixels}, default
 *                      100,000,000): decoding them would take longer than a decision may
 */
record HashMatchSettings(List<Path> bankPaths, Examples examples, int pdqThreshold, int pdqMinQuality, long pdqMaxPixels) {

    /** When to load the example banks. */
    enum Examples { AUTO, TRUE, FALSE }

    static final Set<String> KEYS = Set.of("banks", "examples", "pdq.threshold", "pdq.minQuality", "pdq.maxPixels");

    HashMatchSettings {
        bankPaths = List.copyOf(bankPaths);
    }

    /**
     * Parses {@code settings}.
     *
     * @throws IllegalArgumentException naming the setting and its value when a value is malformed
     *                                  or out of range
     */
    static HashMatchSettings parse(Map<String, String> settings, Optional<Path> dataDirectory) {
        List<Path> banks = new ArrayList<>();
        for (String part : settings.getOrDefault("banks", "").split(",")) {
            if (!part.isBlank()) {
                Path p = Path.of(part.strip());
                banks.add(p.isAbsolute() ? p : dataDirectory.map(d -> d.resolve(p)).orElse(p));
            }
        }
        String examples = settings.getOrDefault("examples", "auto").strip();
        Examples mode = switch (examples) {
            case "auto" -> Examples.AUTO;
            case "true" -> Examples.TRUE;
            case "false" -> Examples.FALSE;
            default -> throw new IllegalArgumentException("setting 'examples' must be auto, true or false, was '" + examples + "'");
        };
        return new HashMatchSettings(banks, mode,
                (int) number(settings, "pdq.threshold", 31, 0, 63),
                (int) number(settings, "pdq.minQuality", PdqHasher.RECOMMENDED_MIN_QUALITY, 0, 100),
                number(settings, "pdq.maxPixels", 100_000_000L, 1, Long.MAX_VALUE));
    }

    /** The keys in {@code settings} that this plugin does not know (likely typos), sorted. */
    static Set<String> unknownKeys(Map<String, String> settings) {
        Set<String> unknown = new TreeSet<>(settings.keySet());
        unknown.removeAll(KEYS);
        return unknown;
    }

    private static long number(Map<String, String> settings, String key, long defaultValue, long min, long max) {
        String raw = settings.get(key);
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        long value;
        try {
            value = Long.parseLong(raw.strip().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting '" + key + "' must be a whole number, was '" + raw + "'", e);
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("setting '" + key + "' must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }
}
