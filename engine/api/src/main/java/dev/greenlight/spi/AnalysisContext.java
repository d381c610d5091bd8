package dev.greenlight.spi;

import dev.greenlight.model.Media;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Per-call information for a {@link SignalProvider}. Immutable.
 */
public interface AnalysisContext {
    /**
     * The directory that relative media paths resolve against (the input file's directory, or the
     * engine's configured media root). Empty when the submission came without one, in which case
     * media files cannot be opened. A provider must never open a file outside this root.
     */
    Optional<Path> mediaRoot();

    /**
     * The real path of the regular, readable file that {@code item}'s {@code path} names under the
     * media root; empty when there is no root, the item names no file, or its path leads anywhere
     * outside the root ({@link MediaFiles#resolve}). This is how a provider should find a file.
     */
    default Optional<Path> mediaFile(Media item) {
        return mediaRoot().flatMap(root -> MediaFiles.resolve(root, item.getPath()));
    }

    /**
     * When the engine stops waiting for this call. Long work should check it and give up; the
     * engine records a timeout whether or not the provider notices.
     */
    Instant deadline();
}
