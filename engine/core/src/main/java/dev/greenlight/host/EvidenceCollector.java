package dev.greenlight.host;

import dev.greenlight.model.Submission;
import java.nio.file.Path;

/** Gathers the signals for a submission. Implementations are thread-safe and never throw. */
public interface EvidenceCollector extends AutoCloseable {
    /** No plugins: no signals. */
    EvidenceCollector NONE = (submission, mediaRoot) -> Evidence.NONE;

    Evidence collect(Submission submission, Path mediaRoot);

    @Override
    default void close() {
    }
}
