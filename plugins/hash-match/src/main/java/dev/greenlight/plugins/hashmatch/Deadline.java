package dev.greenlight.plugins.hashmatch;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CancellationException;

/**
 * The time by which one {@code analyse} call must be done. Immutable; thread-safe.
 *
 * <p>Past it, {@link #check} throws rather than returning partial results: the engine turns the
 * exception into a {@code plugin.error} signal and an escalation, whereas a partial answer could
 * read as "no match" and let banked content through.
 */
final class Deadline {
    private final Clock clock;
    private final Instant at;

    Deadline(Clock clock, Instant at) {
        this.clock = clock;
        this.at = at;
    }

    /** Time left; zero or negative once passed. */
    java.time.Duration remaining() {
        return java.time.Duration.between(clock.instant(), at);
    }

    /**
     * @throws CancellationException when the deadline has passed; the message says what was left undone
     */
    void check(String nextStep) {
        if (clock.instant().isAfter(at)) {
            throw new CancellationException("hash-match: deadline " + at + " passed before " + nextStep);
        }
    }
}
