package dev.greenlight.engine.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Decision ids: RFC 9562 UUIDv7, whose text sorts by time. Within one millisecond a 12-bit counter
 * (the "rand_a" field, seeded at random each millisecond) keeps ids from one generator in order.
 * Thread-safe.
 */
public final class UuidV7 implements Supplier<String> {
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private long lastMillis = -1;
    private int counter;

    public UuidV7(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized String get() {
        long millis = clock.millis();
        if (millis <= lastMillis) {
            millis = lastMillis;
            if (++counter > 0xFFF) {
                millis++; // counter exhausted: borrow the next millisecond rather than lose order
                counter = random.nextInt(0x800);
            }
        } else {
            counter = random.nextInt(0x800);
        }
        lastMillis = millis;
        long msb = (millis << 16) | (0x7L << 12) | counter;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }
}
