package dev.greenlight.plugins.c2pa;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The hash algorithms C2PA names ({@code sha256}, {@code sha384}, {@code sha512}). Stateless;
 * thread-safe.
 */
final class Digests {
    private Digests() {
    }

    /** A new digest for the C2PA name, or {@code null} when the name is not one C2PA allows. */
    static MessageDigest of(String c2paName) {
        String jca = switch (c2paName == null ? "sha256" : c2paName) {
            case "sha256" -> "SHA-256";
            case "sha384" -> "SHA-384";
            case "sha512" -> "SHA-512";
            default -> null;
        };
        try {
            return jca == null ? null : MessageDigest.getInstance(jca);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + jca, e);
        }
    }

    /** Feeds {@code file[from, to)} to {@code md} without copying it onto the heap. */
    static void update(MessageDigest md, ByteBuffer file, long from, long to) {
        if (to > from) {
            md.update(file.duplicate().limit((int) to).position((int) from));
        }
    }
}
