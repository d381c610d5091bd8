package dev.greenlight.plugins.mediaprobe;

import dev.greenlight.media.worker.WorkerPool;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The plugin's settings, parsed and checked once at start. Immutable.
 *
 * @param maxBytes                 files larger than this are refused unread ({@code too-large})
 * @param hash                     whether to compute each file's SHA-256 (reads the whole file)
 * @param durationToleranceSeconds how far a declared duration may be from the file's
 * @param frameRateTolerance       how far a declared frame rate may be from the file's
 * @param workers                  probe worker processes (files probed at once)
 * @param workerHeapMegabytes      Java heap of each worker
 * @param workerMemoryMegabytes    resident memory (heap and FFmpeg's native buffers) beyond which a
 *                                 worker is stopped and its file reported {@code out-of-memory}
 */
record ProbeSettings(long maxBytes, boolean hash, double durationToleranceSeconds, double frameRateTolerance,
        int workers, int workerHeapMegabytes, int workerMemoryMegabytes) {

    static final ProbeSettings DEFAULTS = new ProbeSettings(4L * 1024 * 1024 * 1024, true, 0.05, 0.01, 2, 96, 1024);

    private static final Set<String> KEYS = Set.of("maxBytes", "hash", "durationToleranceSeconds", "frameRateTolerance",
            "workers", "workerHeapMegabytes", "workerMemoryMegabytes");

    /** How the probe workers for these settings are started and limited. */
    WorkerPool.WorkerConfig workerConfig() {
        return new WorkerPool.WorkerConfig(workers, workerHeapMegabytes, workerMemoryMegabytes * 1024L * 1024L);
    }

    /**
     * Settings from the engine's plugin configuration; absent keys keep their defaults.
     *
     * @throws IllegalArgumentException naming the setting, for an unknown key or a bad value (a
     *                                  typo must not silently fall back to a default)
     */
    static ProbeSettings from(Map<String, String> settings) {
        for (String key : settings.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("media-probe: unknown setting '" + key + "'; known settings are "
                        + new TreeSet<>(KEYS));
            }
        }
        long maxBytes = settings.containsKey("maxBytes") ? parseLong("maxBytes", settings.get("maxBytes")) : DEFAULTS.maxBytes;
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("media-probe: setting 'maxBytes' must be positive, was " + maxBytes);
        }
        return new ProbeSettings(maxBytes,
                settings.containsKey("hash") ? parseBoolean(settings.get("hash")) : DEFAULTS.hash,
                tolerance(settings, "durationToleranceSeconds", DEFAULTS.durationToleranceSeconds),
                tolerance(settings, "frameRateTolerance", DEFAULTS.frameRateTolerance),
                count(settings, "workers", DEFAULTS.workers, 1, 64),
                count(settings, "workerHeapMegabytes", DEFAULTS.workerHeapMegabytes, 32, 16384),
                count(settings, "workerMemoryMegabytes", DEFAULTS.workerMemoryMegabytes, 128, 65536));
    }

    private static int count(Map<String, String> settings, String key, int defaultValue, int min, int max) {
        if (!settings.containsKey(key)) {
            return defaultValue;
        }
        int value;
        try {
            value = Integer.parseInt(settings.get(key).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("media-probe: setting '" + key + "' must be a whole number, was '" + settings.get(key) + "'");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("media-probe: setting '" + key + "' must be from " + min + " to " + max + ", was " + value);
        }
        return value;
    }

    private static long parseLong(String key, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("media-probe: setting '" + key + "' must be a whole number of bytes, was '" + value + "'");
        }
    }

    private static boolean parseBoolean(String value) {
        String v = value.trim();
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new IllegalArgumentException("media-probe: setting 'hash' must be true or false, was '" + value + "'");
    }

    private static double tolerance(Map<String, String> settings, String key, double defaultValue) {
        if (!settings.containsKey(key)) {
            return defaultValue;
        }
        double value;
        try {
            value = Double.parseDouble(settings.get(key).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("media-probe: setting '" + key + "' must be a number, was '" + settings.get(key) + "'");
        }
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("media-probe: setting '" + key + "' must be zero or more, was " + settings.get(key));
        }
        return value;
    }
}
