package dev.greenlight.plugins.mediaprobe;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * The instant an analysis call must give up by. Immutable and thread-safe.
 *
 * <p>The engine stops waiting at this instant whether or not we notice; checking it between reads
 * lets a probe of a huge or endless file end on its own instead of running on in the background.
 */
final class Deadline {
    private final Clock clock;
    private final Instant at;

    Deadline(Clock clock, Instant at) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.at = Objects.requireNonNull(at, "at");
    }

    /** Time left, zero or negative once passed. */
    java.time.Duration remaining() {
        return java.time.Duration.between(clock.instant(), at);
    }

    boolean hasPassed() {
        return !clock.instant().isBefore(at);
    }

    /** @throws UnreadableException ({@link Problem#TIMEOUT}) once the deadline has passed */
    void check() throws UnreadableException {
        if (hasPassed()) {
            throw new UnreadableException(Problem.TIMEOUT, "gave up reading the file at the analysis deadline");
        }
    }
}
