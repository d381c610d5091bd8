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
 * @param video         how videos are sampled and matched ({@code video.*})
 * @param pdqDecoder    {@code imageio} (default: the JDK, in process) or {@code ffmpeg} (in a worker
 *                      process, at reduced resolution; faster, and reads WebP and TIFF too)
 * @param workers       FFmpeg worker processes ({@code workers}, default 1), started only when needed
 * @param workerMemoryMegabytes resident memory of a worker beyond which it is stopped
 * @param maxMatches    most matches reported for one looked-up hash, nearest first ({@code maxMatches}, 1–1,000, default 16)
 *                      ({@code workerMemoryMegabytes}, default 1024)
 */
record HashMatchSettings(List<Path> bankPaths, Examples examples, int pdqThreshold, int pdqMinQuality, long pdqMaxPixels,
        Video video, Decoder pdqDecoder, int workers, int workerMemoryMegabytes, int maxMatches) {

    /**
     * Video hashing and matching settings.
     *
     * @param intervalSeconds frames sampled per second's worth of video ({@code video.intervalSeconds}, default 1)
     * @param submissionShare share of the submission's frames that must match a known video ({@code video.submissionShare}, default 0.5)
     * @param bankShare       share of the known video's times that must be matched ({@code video.bankShare}, default 0)
     * @param maxFrames       frames hashed at most per video ({@code video.maxFrames}, default 3600)
     */
    record Video(double intervalSeconds, double submissionShare, double bankShare, int maxFrames) {
    }

    /** How images are decoded for PDQ ({@code pdq.decoder}). */
    enum Decoder { IMAGEIO, FFMPEG }

    /** When to load the example banks. */
    enum Examples { AUTO, TRUE, FALSE }

    static final Set<String> KEYS = Set.of("banks", "examples", "pdq.threshold", "pdq.minQuality", "pdq.maxPixels",
            "pdq.decoder", "video.intervalSeconds", "video.submissionShare", "video.bankShare", "video.maxFrames", "workers",
            "workerMemoryMegabytes", "maxMatches");
    /** Keys under which one bank path each may be given ({@code banks.<name>}), commas and all. */
    static final String BANK_PREFIX = "banks.";

    HashMatchSettings {
        bankPaths = List.copyOf(bankPaths);
    }

    /**
     * Parses {@code settings}.
     *
     * @throws IllegalArgumentException naming the setting and its value when a value is malformed
     *                                  or out of range, or naming an unknown setting (a typo must not
     *                                  silently fall back to a default)
     */
    static HashMatchSettings parse(Map<String, String> settings, Optional<Path> dataDirectory) {
        Set<String> unknown = unknownKeys(settings);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown setting '" + unknown.iterator().next() + "'; known settings are "
                    + new TreeSet<>(KEYS));
        }
        List<String> named = new ArrayList<>();
        for (String part : settings.getOrDefault("banks", "").split(",")) {
            named.add(part);
        }
        // banks.<name>=PATH names one file or directory, read whole: a path with a comma in it is fine there
        new TreeSet<>(settings.keySet()).stream().filter(k -> k.startsWith(BANK_PREFIX) && k.length() > BANK_PREFIX.length())
                .forEach(k -> named.add(settings.get(k)));
        List<Path> banks = new ArrayList<>();
        for (String part : named) {
            if (part != null && !part.isBlank()) {
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
                number(settings, "pdq.maxPixels", 100_000_000L, 1, Long.MAX_VALUE),
                new Video(decimal(settings, "video.intervalSeconds", 1.0, 0.1, 60),
                        decimal(settings, "video.submissionShare", 0.5, 0, 1),
                        decimal(settings, "video.bankShare", 0.0, 0, 1),
                        (int) number(settings, "video.maxFrames", 3600, 1, 100_000)),
                decoder(settings.getOrDefault("pdq.decoder", "imageio").strip()),
                (int) number(settings, "workers", 1, 1, 64),
                (int) number(settings, "workerMemoryMegabytes", 1024, 128, 65536),
                (int) number(settings, "maxMatches", 16, 1, 1000));
    }

    private static Decoder decoder(String value) {
        return switch (value) {
            case "imageio" -> Decoder.IMAGEIO;
            case "ffmpeg" -> Decoder.FFMPEG;
            default -> throw new IllegalArgumentException("setting 'pdq.decoder' must be imageio or ffmpeg, was '" + value + "'");
        };
    }

    private static double decimal(Map<String, String> settings, String key, double defaultValue, double min, double max) {
        String raw = settings.get(key);
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        double value;
        try {
            value = Double.parseDouble(raw.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting '" + key + "' must be a number, was '" + raw + "'", e);
        }
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException("setting '" + key + "' must be between " + min + " and " + max + ", was " + raw.strip());
        }
        return value;
    }

    /** The keys in {@code settings} that this plugin does not know (likely typos), sorted. */
    static Set<String> unknownKeys(Map<String, String> settings) {
        Set<String> unknown = new TreeSet<>(settings.keySet());
        unknown.removeAll(KEYS);
        unknown.removeIf(k -> k.startsWith(BANK_PREFIX) && k.length() > BANK_PREFIX.length());
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
