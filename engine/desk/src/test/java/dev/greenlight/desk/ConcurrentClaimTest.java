package dev.greenlight.desk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.desk.accounts.Account;
import dev.greenlight.desk.accounts.Role;
import dev.greenlight.model.Verdict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 16 reviewers claim (and decide) concurrently from 1,000 cases: each case is handed out exactly once. */
class ConcurrentClaimTest {
    static final int CASES = 1_000;
    static final int THREADS = 16;

    @TempDir
    Path dir;

    @Test
    void everyCaseIsHandedOutExactlyOnce() throws Exception {
        try (DeskFixture f = new DeskFixture(dir)) {
            String[] tags = {"brand", "minor", "selfharm", "plain"};
            for (int i = 0; i < CASES; i++) {
                f.decide("s-" + i, tags[i % tags.length]);
            }
            assertThat(f.desk.stats().get(0).open()).isEqualTo(CASES);
            ConcurrentHashMap<String, String> handedTo = new ConcurrentHashMap<>();
            AtomicInteger doubles = new AtomicInteger();
            AtomicInteger decided = new AtomicInteger();
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Account who = Account.of("rev-" + t, Role.REVIEWER);
                boolean decides = t % 2 == 0; // half decide what they claim, half only claim
                done.add(pool.submit(() -> {
                    go.await();
                    Optional<Case> c;
                    while ((c = f.desk.next(Queue.REVIEW, who)).isPresent()) {
                        if (handedTo.putIfAbsent(c.get().caseId(), who.name()) != null) {
                            doubles.incrementAndGet();
                        }
                        if (decides) {
                            f.desk.decide(c.get().caseId(), new ReviewRequest(Verdict.APPROVE, "BASE-1", null, null,
                                    c.get().version()), who);
                            decided.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> d : done) {
                d.get(2, TimeUnit.MINUTES);
            }
            pool.shutdown();
            assertThat(doubles.get()).isZero();
            assertThat(handedTo).hasSize(CASES);
            QueueStats review = f.desk.stats().get(0);
            assertThat(review.open()).isZero();
            assertThat(review.claimed()).isEqualTo(CASES - decided.get());
            assertThat(f.desk.list(Queue.REVIEW, CaseState.CLOSED, 0, 1000)).hasSize(decided.get());
        }
    }
}
