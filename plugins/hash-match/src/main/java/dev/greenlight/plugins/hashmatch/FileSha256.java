package dev.greenlight.plugins.hashmatch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Streams a file through SHA-256. Stateless; thread-safe. */
final class FileSha256 {
    // Large enough for fast sequential reads, small enough to check the deadline often on big videos.
    private static final int BUFFER = 1 << 20;

    private FileSha256() {
    }

    /**
     * The SHA-256 of {@code file}'s bytes, checking {@code deadline} between reads.
     *
     * @throws IOException when the file cannot be read
     * @throws java.util.concurrent.CancellationException when the deadline passes
     */
    static Hash256 of(Path file, Deadline deadline) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
                deadline.check("finishing the SHA-256 of " + file.getFileName());
            }
        }
        return Hash256.fromBytes(digest.digest());
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
