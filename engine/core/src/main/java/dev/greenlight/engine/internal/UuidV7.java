package dev.greenlight.engine.internal;

import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Decision ids: RFC 9562 UUIDv7, whose text sorts by time. Within one millisecond a 12-bit counter
 * (the "rand_a" field, seeded at random each millisecond) keeps ids from one generator in order.
 *
 * <p>Thread-safe and lock-free: the only shared state is one word (millisecond and counter)
 * advanced by compare-and-set; the 62 random bits come from the calling thread's own generator.
 * (A synchronized SecureRandom here made every deciding thread queue behind the others.) Ids need to
 * be unique and ordered, not secret: nothing is authorised by knowing one.
 */
public final class UuidV7 implements Supplier<String> {
    private final Clock clock;
    /** {@code millis << 12 | counter} of the last id. */
    private final AtomicLong last = new AtomicLong(-1);

    public UuidV7(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String get() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long now = clock.millis();
        long next;
        while (true) {
            long prev = last.get();
            long prevMillis = prev >> 12;
            if (now > prevMillis) {
                next = (now << 12) | random.nextInt(0x800);
            } else {
                // same (or an earlier) millisecond: count on; an exhausted counter borrows the next millisecond
                next = prev + 1;
            }
            if (last.compareAndSet(prev, next)) {
                break;
            }
        }
        long millis = next >> 12;
        long counter = next & 0xFFF;
        long msb = (millis << 16) | (0x7L << 12) | counter;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }
}
