package dev.greenlight.plugins.hashmatch;

import java.util.Objects;

/**
 * A PDQ hash and its quality. Immutable and thread-safe.
 *
 * @param bits    the 256-bit hash (never {@code null})
 * @param quality 0–100: how much significant detail the image had; the reference recommends
 *                discarding hashes below {@value PdqHasher#RECOMMENDED_MIN_QUALITY}, which come from
 *                flat or tiny images and match each other too easily
 */
public record PdqHash(Hash256 bits, int quality) {
    /**
     * @throws NullPointerException     when {@code bits} is {@code null}
     * @throws IllegalArgumentException when {@code quality} is outside 0–100
     */
    public PdqHash {
        Objects.requireNonNull(bits, "bits");
        if (quality < 0 || quality > 100) {
            throw new IllegalArgumentException("quality must be 0-100, was " + quality);
        }
    }
}
