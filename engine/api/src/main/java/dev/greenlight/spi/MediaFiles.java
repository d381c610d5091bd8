package dev.greenlight.spi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds a media item's file under the media root without ever leaving it: the one check every
 * provider that opens media files makes, written once here (providers usually call
 * {@link AnalysisContext#mediaFile}). Stateless and thread-safe; never throws for a bad path, and
 * {@code null} arguments throw {@link NullPointerException}.
 */
public final class MediaFiles {
    private MediaFiles() {
    }

    /**
     * The real path of the regular file that {@code relative} names under {@code root}; empty when
     * {@code relative} is empty, absolute, climbs out with {@code ..}, leads (through a symbolic
     * link) outside the root, or does not name a readable regular file. Submissions are untrusted,
     * so every way out of the root is refused, not just the obvious one.
     */
    public static Optional<Path> resolve(Path root, String relative) {
        if (relative.isEmpty()) {
            return Optional.empty();
        }
        Path path;
        try {
            path = root.getFileSystem().getPath(relative);
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        Path normalized = path.normalize();
        if (path.isAbsolute() || path.getRoot() != null || normalized.toString().isEmpty()
                || normalized.startsWith("..")) {
            return Optional.empty();
        }
        try {
            Path realRoot = root.toRealPath();
            // toRealPath follows symbolic links, so the containment check sees where the file really is.
            Path real = realRoot.resolve(normalized).toRealPath();
            if (!real.startsWith(realRoot) || !Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)
                    || !Files.isReadable(real)) {
                return Optional.empty();
            }
            return Optional.of(real);
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }
}
