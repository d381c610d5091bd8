package dev.greenlight.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

class UuidV7Test {
    @Test
    void fixedClock_idsAreVersion7_orderedAsText_andBorrowTheNextMillisecondWhenTheCounterRunsOut() {
        Instant t = Instant.parse("2026-11-25T10:00:00Z");
        UuidV7 ids = new UuidV7(Clock.fixed(t, ZoneOffset.UTC));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) { // more than one millisecond's 4,096 counter values
            out.add(ids.get());
        }
        assertThat(out).isSorted().doesNotHaveDuplicates();
        UUID first = UUID.fromString(out.get(0));
        assertThat(first.version()).isEqualTo(7);
        assertThat(first.variant()).isEqualTo(2);
        assertThat(first.getMostSignificantBits() >>> 16).isEqualTo(t.toEpochMilli());
    }

    @Test
    void manyThreads_idsAreUnique_andEachThreadsIdsAreOrdered() throws InterruptedException {
        UuidV7 ids = new UuidV7(Clock.systemUTC());
        ConcurrentLinkedQueue<String> all = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        List<List<String>> perThread = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            List<String> mine = new ArrayList<>();
            perThread.add(mine);
            threads.add(new Thread(() -> {
                for (int i = 0; i < 20_000; i++) {
                    String id = ids.get();
                    mine.add(id);
                    all.add(id);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread th : threads) {
            th.join();
        }
        Set<String> unique = new HashSet<>(all);
        assertThat(unique).hasSize(160_000);
        perThread.forEach(list -> assertThat(list).isSorted());
    }
}
