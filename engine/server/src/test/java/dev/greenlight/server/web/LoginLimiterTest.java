package dev.greenlight.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginLimiterTest {
    /** A clock the test moves by hand. */
    static final class Hand extends Clock {
        Instant now = Instant.parse("2026-12-06T05:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final Hand clock = new Hand();
    final LoginLimiter limiter = new LoginLimiter(5, Duration.ofMinutes(1), clock);

    @Test
    void fiveFailuresFromOneAddress_blockTheSixthUntilTheFirstLeavesTheWindow() {
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.blocked("10.0.0.1", "user" + i)).isEmpty();
            limiter.failed("10.0.0.1", "user" + i);
            clock.now = clock.now.plusSeconds(10);
        }
        // the first failure was 50 s ago: 10 s to go
        assertThat(limiter.blocked("10.0.0.1", "someone")).contains(Duration.ofSeconds(10));
        assertThat(limiter.blocked("10.0.0.2", "someone")).isEmpty();
        clock.now = clock.now.plusSeconds(10);
        assertThat(limiter.blocked("10.0.0.1", "someone")).isEmpty();
    }

    @Test
    void fiveFailuresForOneAccount_blockItFromEveryAddress() {
        for (int i = 0; i < 5; i++) {
            limiter.failed("10.0.0." + i, "ana");
        }
        assertThat(limiter.blocked("192.168.1.1", "ana")).contains(Duration.ofMinutes(1));
        assertThat(limiter.blocked("192.168.1.1", "ben")).isEmpty();
    }
}
