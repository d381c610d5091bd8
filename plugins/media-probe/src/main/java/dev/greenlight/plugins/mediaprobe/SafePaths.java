package dev.greenlight.plugins.mediaprobe;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * Resolves a submission's media path inside one media root, refusing anything that would lead
 * out of it. Immutable and thread-safe.
 *
 * <p>Rules, in order: the path is first resolved and normalised as text, and a path that leaves
 * the root that way ({@code ../x}, an absolute path elsewhere) is refused without touching the
 * file system, so a probe cannot even learn whether such a file exists. Then every symbolic link
 * is followed ({@link Path#toRealPath}) and the real path must still lie inside the real root.
 * Last, the target must be a regular file: FIFOs, devices, sockets and directories are refused
 * before anything opens them, because opening a FIFO blocks until a writer appears.
 *
 * <p>Reasons name the path as the submission wrote it, never the root, which is server detail.
 */
final class SafePaths {
    private final Path root;

    /** A checked file: its real path and its size when checked. */
    record Resolved(Path file, long size) {
    }

    SafePaths(Path root) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    }

    /**
     * The regular file {@code declared} names inside the root.
     *
     * @throws UnreadableException with {@link Problem#OUTSIDE_ROOT}, {@link Problem#NOT_FOUND},
     *                             {@link Problem#NOT_A_FILE} or {@link Problem#IO_ERROR}
     */
    Resolved resolve(String declared) throws UnreadableException {
        Path realRoot = realRoot();
        Path candidate;
        try {
            Path path = root.getFileSystem().getPath(declared);
            candidate = (path.isAbsolute() ? path : root.resolve(path)).normalize();
        } catch (InvalidPathException e) {
            throw new UnreadableException(Problem.NOT_FOUND, "'" + declared + "' is not a valid file path");
        }
        if (!candidate.startsWith(root) && !candidate.startsWith(realRoot)) {
            throw outside(declared, "leads outside the media root");
        }
        Path real;
        try {
            real = candidate.toRealPath();
        } catch (NoSuchFileException e) {
            throw new UnreadableException(Problem.NOT_FOUND, "no file at '" + declared + "'");
        } catch (AccessDeniedException e) {
            throw new UnreadableException(Problem.IO_ERROR, "'" + declared + "' cannot be read: access denied");
        } catch (IOException e) {
            throw new UnreadableException(Problem.IO_ERROR, "'" + declared + "' cannot be resolved (" + e.getClass().getSimpleName() + ")");
        }
        if (!real.startsWith(realRoot)) {
            throw outside(declared, "is a symbolic link (or passes through one) to a place outside the media root");
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new UnreadableException(Problem.IO_ERROR, "'" + declared + "' cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        if (!attributes.isRegularFile()) {
            throw new UnreadableException(Problem.NOT_A_FILE, "'" + declared + "' is "
                    + (attributes.isDirectory() ? "a directory" : "a special file (FIFO, device or socket)")
                    + ", not a regular file");
        }
        return new Resolved(real, attributes.size());
    }

    private Path realRoot() throws UnreadableException {
        try {
            return root.toRealPath();
        } catch (IOException e) {
            throw new UnreadableException(Problem.NOT_FOUND, "the media root does not exist or cannot be read");
        }
    }

    private static UnreadableException outside(String declared, String why) {
        return new UnreadableException(Problem.OUTSIDE_ROOT, "'" + declared + "' " + why + "; it was not opened");
    }
}
