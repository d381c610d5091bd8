package dev.greenlight.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.desk.accounts.Account;
import dev.greenlight.desk.accounts.Role;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionsTest {
    final LoginLimiterTest.Hand clock = new LoginLimiterTest.Hand();
    final Sessions sessions = new Sessions(Duration.ofMinutes(30), Duration.ofHours(12), clock);
    final Account ana = new Account("ana", Set.of(Role.REVIEWER));

    @Test
    void aSession_hasA256BitIdAndItsOwnCsrfToken() {
        Sessions.Session a = sessions.create(ana);
        Sessions.Session b = sessions.create(ana);
        assertThat(a.id).hasSize(43).isNotEqualTo(b.id).isNotEqualTo(a.csrf);
        assertThat(a.csrf).hasSize(43).isNotEqualTo(b.csrf);
        assertThat(FormGuard.tokenMatches(a, a.csrf)).isTrue();
        assertThat(FormGuard.tokenMatches(a, b.csrf)).isFalse();
        assertThat(FormGuard.tokenMatches(a, "")).isFalse();
        assertThat(FormGuard.tokenMatches(a, null)).isFalse();
    }

    @Test
    void anIdleSession_ends_andUseKeepsItAlive() {
        Sessions.Session s = sessions.create(ana);
        clock.now = clock.now.plus(Duration.ofMinutes(29));
        assertThat(sessions.find(s.id)).isPresent(); // used: idle time starts again
        clock.now = clock.now.plus(Duration.ofMinutes(29));
        assertThat(sessions.find(s.id)).isPresent();
        clock.now = clock.now.plus(Duration.ofMinutes(30));
        assertThat(sessions.find(s.id)).isEmpty();
    }

    @Test
    void aBusySession_endsAtItsAbsoluteLifetime() {
        Sessions.Session s = sessions.create(ana);
        for (int i = 0; i < 12 * 3 - 1; i++) {
            clock.now = clock.now.plus(Duration.ofMinutes(20));
            assertThat(sessions.find(s.id)).as("after %d min", (i + 1) * 20).isPresent();
        }
        clock.now = clock.now.plus(Duration.ofMinutes(20));
        assertThat(sessions.find(s.id)).isEmpty();
    }

    @Test
    void signOut_andSweep_forgetSessions() {
        Sessions.Session s = sessions.create(ana);
        sessions.remove(s.id);
        assertThat(sessions.find(s.id)).isEmpty();
        sessions.create(ana);
        clock.now = clock.now.plus(Duration.ofHours(1));
        assertThat(sessions.sweep()).isEqualTo(1);
    }
}
