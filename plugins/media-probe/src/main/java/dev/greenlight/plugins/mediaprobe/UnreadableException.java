package dev.greenlight.plugins.mediaprobe;

import java.io.IOException;

/**
 * A file could not be read, for a {@link Problem} with a plain reason a reviewer can act on.
 *
 * <p>It extends {@link IOException} so that it passes through {@link java.io.InputStream}s handed
 * to third-party readers; catch it before any plain {@code IOException}. Reasons never contain
 * absolute paths, because they end up in decisions that submitters see.
 */
final class UnreadableException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Problem problem;

    UnreadableException(Problem problem, String reason) {
        super(reason);
        this.problem = problem;
    }

    Problem problem() {
        return problem;
    }

    String reason() {
        return getMessage();
    }
}
