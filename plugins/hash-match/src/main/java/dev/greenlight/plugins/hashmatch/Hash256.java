package dev.greenlight.plugins.hashmatch;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * A 256-bit value: a SHA-256 digest or a PDQ perceptual hash. Immutable and thread-safe.
 *
 * <p>The text form is 64 hex digits, most significant first, as the PDQ reference prints it: the
 * first digit holds bits 255–252 and the last holds bits 3–0. For PDQ, bit {@code k} is DCT
 * coefficient {@code k} (row {@code k / 16}, column {@code k % 16}). For SHA-256 the text form is
 * the usual digest hex, so only equality matters there.
 *
 * <p>Methods never accept {@code null}: they throw {@link NullPointerException}.
 */
public final class Hash256 {
    /** Number of bits. */
    public static final int BITS = 256;

    // words[0] holds bits 0..63 (the last 16 hex digits); words[3] bits 192..255.
    private final long[] words;

    private Hash256(long[] words) {
        this.words = words;
    }

    /** The value with the given four 64-bit words, least significant word first. */
    public static Hash256 ofWords(long w0, long w1, long w2, long w3) {
        return new Hash256(new long[] {w0, w1, w2, w3});
    }

    /**
     * Parses 64 hex digits (either case).
     *
     * @throws IllegalArgumentException when {@code hex} is not exactly 64 hex digits
     */
    public static Hash256 fromHex(String hex) {
        if (!isHex64(hex)) {
            throw new IllegalArgumentException("expected 64 hex digits, was '" + abbreviate(hex) + "'");
        }
        long[] w = new long[4];
        for (int i = 0; i < 4; i++) {
            // Hex digits 0..15 are the most significant word, so they land in words[3].
            w[3 - i] = Long.parseUnsignedLong(hex, i * 16, i * 16 + 16, 16);
        }
        return new Hash256(w);
    }

    /** The value of a 32-byte digest, first byte most significant (so {@link #toHex()} is the usual digest hex). */
    public static Hash256 fromBytes(byte[] digest) {
        if (digest.length != 32) {
            throw new IllegalArgumentException("expected 32 bytes, was " + digest.length);
        }
        long[] w = new long[4];
        for (int i = 0; i < 32; i++) {
            w[3 - i / 8] = (w[3 - i / 8] << 8) | (digest[i] & 0xff);
        }
        return new Hash256(w);
    }

    /** Whether {@code s} is exactly 64 hex digits (either case). */
    public static boolean isHex64(String s) {
        if (s.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Word {@code i} (0–3), least significant first. */
    public long word(int i) {
        return words[i];
    }

    /** Whether bit {@code index} (0–255) is set. */
    public boolean bit(int index) {
        Objects.checkIndex(index, BITS);
        return (words[index >>> 6] >>> (index & 63) & 1L) != 0;
    }

    /** Number of bits set. */
    public int bitCount() {
        return Long.bitCount(words[0]) + Long.bitCount(words[1]) + Long.bitCount(words[2]) + Long.bitCount(words[3]);
    }

    /** Number of bits in which this value and {@code other} differ (0–256). */
    public int hammingDistance(Hash256 other) {
        long[] o = other.words;
        return Long.bitCount(words[0] ^ o[0]) + Long.bitCount(words[1] ^ o[1])
                + Long.bitCount(words[2] ^ o[2]) + Long.bitCount(words[3] ^ o[3]);
    }

    /** 64 lower-case hex digits, most significant first. */
    public String toHex() {
        StringBuilder sb = new StringBuilder(64);
        for (int i = 3; i >= 0; i--) {
            String part = Long.toHexString(words[i]);
            sb.append("0".repeat(16 - part.length())).append(part);
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hash256 h && Arrays.equals(words, h.words);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(words);
    }

    @Override
    public String toString() {
        return toHex();
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
