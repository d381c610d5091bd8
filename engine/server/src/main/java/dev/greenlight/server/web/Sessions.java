package dev.greenlight.server.web;

import dev.greenlight.desk.accounts.Account;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signed-in reviewers, in memory: a random 256-bit session id (the cookie) maps to the account and
 * the session's CSRF token. A session ends when idle too long, when too old whatever its use
 * (absolute expiry), or on sign-out. A restart signs everybody out, which is the safe side.
 * Thread-safe.
 */
final class Sessions {
    /** Sessions kept at most; the oldest are dropped beyond (sign-in is rate-limited, so this is a backstop). */
    static final int MAX_SESSIONS = 10_000;

    private final Map<String, Session> byId = new ConcurrentHashMap<>();
    private final Duration idle;
    private final Duration absolute;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    Sessions(Duration idle, Duration absolute, Clock clock) {
        this.idle = idle;
        this.absolute = absolute;
        this.clock = clock;
    }

    /** One signed-in account; {@code csrf} is compared in constant time by {@link FormGuard}. */
    static final class Session {
        final String id;
        final Account account;
        final String csrf;
        final Instant created;
        private volatile Instant lastSeen;
        private volatile String flash;

        Session(String id, Account account, String csrf, Instant created) {
            this.id = id;
            this.account = account;
            this.csrf = csrf;
            this.created = created;
            this.lastSeen = created;
        }

        /** Keeps a one-line message for the next page this session sees (what the last action did). */
        void flash(String message) {
            this.flash = message;
        }

        /** The message kept by {@link #flash}, once; null when none. */
        String takeFlash() {
            String f = flash;
            flash = null;
            return f;
        }
    }

    /** A new session for {@code account}, with a fresh id and CSRF token. */
    Session create(Account account) {
        if (byId.size() >= MAX_SESSIONS) {
            sweep();
            byId.values().stream().min((a, b) -> a.lastSeen.compareTo(b.lastSeen)).ifPresent(s -> byId.remove(s.id));
        }
        Instant now = clock.instant();
        Session s = new Session(token(), account, token(), now);
        byId.put(s.id, s);
        return s;
    }

    /** The live session with this id, its idle time restarted; empty when unknown or expired (then it is gone). */
    Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session s = byId.get(id);
        if (s == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (expired(s, now)) {
            byId.remove(id);
            return Optional.empty();
        }
        s.lastSeen = now;
        return Optional.of(s);
    }

    /** Ends the session (sign-out). */
    void remove(String id) {
        if (id != null) {
            byId.remove(id);
        }
    }

    /** Drops expired sessions; returns how many. */
    int sweep() {
        Instant now = clock.instant();
        int[] n = {0};
        byId.values().removeIf(s -> expired(s, now) && ++n[0] > 0);
        return n[0];
    }

    /** How long a session may last at most; the cookie's Max-Age. */
    Duration absolute() {
        return absolute;
    }

    private boolean expired(Session s, Instant now) {
        return !now.isBefore(s.lastSeen.plus(idle)) || !now.isBefore(s.created.plus(absolute));
    }

    /** 256 random bits, URL-safe Base64 without padding (43 characters). */
    private String token() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
