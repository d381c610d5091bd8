package dev.greenlight.server.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed sign-ins counted per client address and per account name in a sliding window (by default
 * 5 a minute): beyond, sign-in is refused without checking the password (429) until the oldest
 * failure leaves the window. Counting failures only means a reviewer who types the password right is
 * never held up by their own sign-ins. Thread-safe.
 */
final class LoginLimiter {
    /** Keys remembered at most; beyond, old windows are pruned first. */
    private static final int MAX_KEYS = 100_000;

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    LoginLimiter(int limit, Duration window, Clock clock) {
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    /**
     * How long the caller must wait before trying again, when the address or the account has used
     * up its failures; empty when it may try now.
     */
    Optional<Duration> blocked(String address, String account) {
        Instant now = clock.instant();
        Duration a = wait("addr:" + address, now);
        Duration b = wait("user:" + account, now);
        Duration w = a.compareTo(b) >= 0 ? a : b;
        return w.isZero() ? Optional.empty() : Optional.of(w);
    }

    /** Counts a failed sign-in against both the address and the account name. */
    void failed(String address, String account) {
        Instant now = clock.instant();
        if (failures.size() > MAX_KEYS) {
            prune(now);
        }
        add("addr:" + address, now);
        add("user:" + account, now);
    }

    private void add(String key, Instant now) {
        Deque<Instant> d = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (d) {
            d.addLast(now);
            while (d.size() > limit) {
                d.removeFirst();
            }
        }
    }

    private Duration wait(String key, Instant now) {
        Deque<Instant> d = failures.get(key);
        if (d == null) {
            return Duration.ZERO;
        }
        synchronized (d) {
            Instant cutoff = now.minus(window);
            while (!d.isEmpty() && !d.peekFirst().isAfter(cutoff)) {
                d.removeFirst();
            }
            if (d.size() < limit) {
                return Duration.ZERO;
            }
            return Duration.between(now, d.peekFirst().plus(window));
        }
    }

    private void prune(Instant now) {
        Instant cutoff = now.minus(window);
        failures.values().removeIf(d -> {
            synchronized (d) {
                return d.isEmpty() || !d.peekLast().isAfter(cutoff);
            }
        });
    }
}
