package dev.greenlight.server;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per client address, for the public routes that need no login (the status pages):
 * one client guessing tokens is slowed down without slowing the others. The table is bounded: past
 * {@value #MAX_ADDRESSES} addresses it starts afresh (a flood of addresses still meets the global
 * limit). Thread-safe.
 */
final class AddressRateLimiter {
    static final int MAX_ADDRESSES = 10_000;
    private final int perSecond;
    private final ConcurrentHashMap<String, RateLimiter> buckets = new ConcurrentHashMap<>();

    AddressRateLimiter(int perSecond) {
        this.perSecond = perSecond;
    }

    /** Takes a token for {@code address}; false when its bucket is empty (answer 429). */
    boolean tryAcquire(String address) {
        if (buckets.size() > MAX_ADDRESSES) {
            buckets.clear();
        }
        return buckets.computeIfAbsent(address, a -> new RateLimiter(perSecond)).tryAcquire();
    }
}
