package dev.greenlight.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploaded media, stored by content: {@code <media root>/uploads/<sha256>}. A client uploads a file
 * with {@code PUT /v1/media/<sha256>} and then names it in a submission as
 * {@code "path":"uploads/<sha256>","sha256":"<sha256>"}, so the plugins read it from the media root
 * like any other file. The declared hash is checked against the bytes before the file appears under
 * its name (it is written to a temporary file and moved in atomically), so a name always matches its
 * content. Files older than the retention period (by the time of their last upload) are deleted by
 * {@link #sweep}.
 *
 * <p>Thread-safe: uploads write distinct temporary files; the same content uploaded twice ends as
 * one file.
 */
final class MediaSpool {
    /** The spool's directory under the media root, and the prefix of the paths that name uploads. */
    static final String DIRECTORY = "uploads";
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final String PARTIAL = ".part";
    private static final Logger LOG = LoggerFactory.getLogger(MediaSpool.class);

    private final Path dir;
    private final long maxBytes;
    private final Duration retention;
    private final Clock clock;

    /**
     * @throws UncheckedIOException when the spool directory cannot be created
     */
    MediaSpool(Path mediaRoot, long maxBytes, Duration retention, Clock clock) {
        this.dir = mediaRoot.resolve(DIRECTORY);
        this.maxBytes = maxBytes;
        this.retention = retention;
        this.clock = clock;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the upload spool " + dir + ": " + e.getMessage(), e);
        }
    }

    long maxBytes() {
        return maxBytes;
    }

    Duration retention() {
        return retention;
    }

    /** True when {@code hex} is a SHA-256 as the spool names files: 64 lower-case hex digits. */
    static boolean isSha256(String hex) {
        return SHA256.matcher(hex).matches();
    }

    /** True when the upload named {@code sha256} is in the spool. */
    boolean contains(String sha256) {
        return isSha256(sha256) && Files.isRegularFile(dir.resolve(sha256));
    }

    /**
     * Starts an upload declared to hash to {@code sha256}.
     *
     * @throws Reply.Failure 400 when {@code sha256} is not 64 lower-case hex digits
     * @throws IOException   when the temporary file cannot be created
     */
    Upload begin(String sha256) throws IOException {
        if (!isSha256(sha256)) {
            throw new Reply.Failure(400, "invalid-sha256", "The upload's name is not a SHA-256",
                    "upload to /v1/media/<sha256 of the content, 64 lower-case hex digits>, not /v1/media/" + sha256);
        }
        return new Upload(sha256, Files.createTempFile(dir, "upload-", PARTIAL));
    }

    /**
     * Deletes uploads last uploaded more than the retention period ago, and abandoned partial
     * uploads as old. Never throws: a file that cannot be deleted is logged and tried next time.
     *
     * @return how many files were deleted
     */
    int sweep() {
        Instant cutoff = clock.instant().minus(retention);
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (!isSha256(name) && !name.endsWith(PARTIAL)) {
                    continue; // not the spool's: leave it
                }
                try {
                    if (Files.getLastModifiedTime(f).toInstant().isBefore(cutoff) && Files.deleteIfExists(f)) {
                        deleted++;
                    }
                } catch (IOException e) {
                    LOG.warn("could not delete the expired upload {}: {}", f, e.toString());
                }
            }
        } catch (IOException e) {
            LOG.warn("could not sweep the upload spool {}: {}", dir, e.toString());
        }
        if (deleted > 0) {
            LOG.info("deleted {} uploads older than {}", deleted, retention);
        }
        return deleted;
    }

    /** One upload in progress: hashes and writes the chunks it is given. Used by one thread at a time. */
    final class Upload implements BodyReader.Sink {
        private final String declared;
        private final Path partial;
        private final FileChannel out;
        private final MessageDigest digest;

        private Upload(String declared, Path partial) throws IOException {
            this.declared = declared;
            this.partial = partial;
            this.out = FileChannel.open(partial, StandardOpenOption.WRITE);
            try {
                this.digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JVM has no SHA-256", e);
            }
        }

        @Override
        public void write(ByteBuffer chunk) throws IOException {
            digest.update(chunk.duplicate());
            while (chunk.hasRemaining()) {
                out.write(chunk);
            }
        }

        /**
         * Checks the hash and moves the file in under its name.
         *
         * @return true when the content was new, false when the spool had it already (its retention then starts again)
         * @throws Reply.Failure 422 when the content does not hash to the declared SHA-256 (nothing is kept)
         */
        boolean finish() throws IOException {
            out.close();
            String actual = HexFormat.of().formatHex(digest.digest());
            if (!actual.equals(declared)) {
                Files.deleteIfExists(partial);
                throw new Reply.Failure(422, "sha256-mismatch", "The upload does not match its SHA-256",
                        "the content's SHA-256 is " + actual + ", not the declared " + declared + "; nothing was stored");
            }
            Path target = dir.resolve(declared);
            if (Files.isRegularFile(target)) {
                Files.deleteIfExists(partial);
                Files.setLastModifiedTime(target, FileTime.from(clock.instant()));
                return false;
            }
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                Files.deleteIfExists(partial); // the same content arrived at the same time
                return false;
            }
            return true;
        }

        /** Discards a failed upload. Never throws. */
        void abort() {
            try {
                out.close();
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                LOG.debug("could not delete the partial upload {}", partial, e);
            }
        }
    }
}
