package dev.greenlight.host;

import dev.greenlight.spi.AnalysisContext;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/** What one provider call gets: the media root and the deadline. */
record CallContext(Path root, Instant deadline) implements AnalysisContext {
    @Override
    public Optional<Path> mediaRoot() {
        return Optional.ofNullable(root);
    }
}
