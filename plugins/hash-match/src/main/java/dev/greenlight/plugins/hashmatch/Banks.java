package dev.greenlight.plugins.hashmatch;

import java.util.List;
import java.util.Objects;

/**
 * Everything loaded at start: the SHA-256 banks, the PDQ banks and the files they came from.
 * Immutable and thread-safe; no component is {@code null}.
 *
 * @param sha256  exact banks
 * @param pdq     perceptual banks
 * @param video   video banks (frame hashes of known videos)
 * @param sources the files and jar resources loaded, in order (for logs and tests)
 */
record Banks(ExactHashBank sha256, MultiIndexHashBank pdq, VideoBank video, List<String> sources) {
    Banks {
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(pdq, "pdq");
        Objects.requireNonNull(video, "video");
        sources = List.copyOf(sources);
    }
}
