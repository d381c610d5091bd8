package dev.greenlight.plugins.mediaprobe;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Streams a file's SHA-256 through one block-sized buffer; the source checks the deadline before
 * each read, so hashing a huge file gives up in time. Stateless.
 */
final class Hasher {
    /** The SHA-256 of no bytes. */
    static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private Hasher() {
    }

    /** Lower-case hex SHA-256 of the source's bytes, from the first to its size. */
    static String sha256(MediaSource source) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[MediaSource.BLOCK_SIZE];
        long position = 0;
        while (position < source.size()) {
            int n = source.read(position, buffer, 0, buffer.length);
            digest.update(buffer, 0, n);
            position += n;
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
