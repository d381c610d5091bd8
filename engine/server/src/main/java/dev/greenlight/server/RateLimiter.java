package dev.greenlight.server;

/**
 * A token bucket: {@code perSecond} tokens a second, holding at most {@code perSecond} (one second
 * of burst). Thread-safe; a call costs a short lock.
 */
final class RateLimiter {
    private final double perNano;
    private final double capacity;
    private double tokens;
    private long last;

    RateLimiter(int perSecond) {
        this.perNano = perSecond / 1e9;
        this.capacity = Math.max(1, perSecond);
        this.tokens = capacity;
        this.last = System.nanoTime();
    }

    /** Takes a token; false when none is left (the caller answers 429). */
    synchronized boolean tryAcquire() {
        long now = System.nanoTime();
        tokens = Math.min(capacity, tokens + (now - last) * perNano);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
