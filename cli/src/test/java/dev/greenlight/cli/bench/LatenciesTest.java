package dev.greenlight.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LatenciesTest {
    @Test
    void latencies_areNearestRankPercentiles() {
        long[] nanos = new long[100];
        for (int i = 0; i < 100; i++) {
            nanos[i] = (100 - i) * 1_000L; // 1..100 us, unsorted
        }
        Latencies l = Latencies.of(List.of(nanos));
        assertThat(l.p50()).isEqualTo(50.0);
        assertThat(l.p90()).isEqualTo(90.0);
        assertThat(l.p99()).isEqualTo(99.0);
        assertThat(l.max()).isEqualTo(100.0);
    }
}
