package dev.greenlight.desk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.desk.Case;
import dev.greenlight.desk.CaseState;
import dev.greenlight.desk.Queue;
import dev.greenlight.desk.QueueStats;
import dev.greenlight.desk.spi.CaseOrigin;
import dev.greenlight.desk.spi.CaseStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** A store written before the SPI's additions (only its abstract methods) still works through the defaults. */
class CaseStoreDefaultsTest {
    static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");

    /** Only the methods a store had to have before insertIfAbsent and origins. */
    static final class OlderStore implements CaseStore {
        final MemoryCaseStore inner = new MemoryCaseStore();

        @Override
        public void insert(Case c) {
            inner.insert(c);
        }

        @Override
        public Optional<Case> get(String caseId, Instant now) {
            return inner.get(caseId, now);
        }

        @Override
        public Optional<Case> undecidedBySubmission(String submissionId, Instant now) {
            return inner.undecidedBySubmission(submissionId, now);
        }

        @Override
        public Optional<Case> claimNext(Queue queue, String account, Instant now, Instant leaseUntil, Predicate<Case> eligible) {
            return inner.claimNext(queue, account, now, leaseUntil, eligible);
        }

        @Override
        public Case update(String caseId, Instant now, Change change) {
            return inner.update(caseId, now, change);
        }

        @Override
        public List<Case> list(Queue queue, CaseState state, int offset, int limit, Instant now) {
            return inner.list(queue, state, offset, limit, now);
        }

        @Override
        public List<QueueStats> stats(Instant now) {
            return inner.stats(now);
        }

        @Override
        public List<Case> all(Instant now) {
            return inner.all(now);
        }
    }

    static Case open(String id, int priority) {
        return new Case(id, "d-" + id, "s-" + id, Queue.REVIEW, CaseState.OPEN, priority, T0, T0.plusSeconds(60), 1, null,
                null, null, "", null);
    }

    @Test
    void insertIfAbsent_addsOnce_originsAreIgnored_updateWithAnOriginUpdates() {
        OlderStore store = new OlderStore();
        CaseOrigin origin = new CaseOrigin("ab".repeat(32), 1, "cd".repeat(32), null);
        assertThat(store.insertIfAbsent(open("c-1", 10), origin)).isTrue();
        assertThat(store.insertIfAbsent(open("c-1", 99))).isFalse();
        assertThat(store.get("c-1", T0).orElseThrow().priority()).isEqualTo(10);
        assertThat(store.origin("c-1")).isEmpty();
        Case moved = store.update("c-1", T0, origin, c -> open("c-1", 20));
        assertThat(moved.priority()).isEqualTo(20);
        assertThat(store.get("c-1", T0)).contains(moved);
    }
}
