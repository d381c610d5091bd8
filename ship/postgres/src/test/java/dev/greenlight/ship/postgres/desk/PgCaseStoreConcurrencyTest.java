package dev.greenlight.ship.postgres.desk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.desk.Case;
import dev.greenlight.desk.CaseState;
import dev.greenlight.desk.Queue;
import dev.greenlight.desk.QueueStats;
import dev.greenlight.model.Verdict;
import dev.greenlight.ship.postgres.PgSettings;
import java.time.Duration;
import java.time.Instant;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two PgCaseStores on one database, each with its own pool: two "nodes" sharing one queue. Claims
 * from both never hand a case out twice; updates hold the case against claims and other updates.
 */
class PgCaseStoreConcurrencyTest {
    static final Instant T0 = Instant.parse("2026-11-02T10:00:00.5Z");

    PgSettings db;
    PgCaseStore nodeA;
    PgCaseStore nodeB;

    @BeforeEach
    void twoNodes() throws Exception {
        db = TestDatabase.fresh();
        nodeA = PgCaseStore.open(db, 8);
        nodeB = PgCaseStore.open(db, 8);
    }

    @AfterEach
    void close() {
        nodeA.close();
        nodeB.close();
    }

    static Case open(int n, int priority) {
        Instant at = T0.plusMillis(n);
        return new Case("c-" + n, "d-" + n, "s-" + n, Queue.REVIEW, CaseState.OPEN, priority, at, at.plus(Duration.ofHours(4)),
                n * 1_000_000L, null, null, null, "minors", null);
    }

    @Test
    void sixteenClaimersOnTwoNodes_handOutEveryCaseOnce() throws Exception {
        int cases = 2_000;
        for (int i = 1; i <= cases; i++) {
            (i % 2 == 0 ? nodeA : nodeB).insert(open(i, i % 4 * 10));
        }
        ConcurrentHashMap<String, String> handedTo = new ConcurrentHashMap<>();
        AtomicInteger doubles = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(16);
        List<Future<Integer>> done = new ArrayList<>();
        Instant lease = T0.plusSeconds(3600);
        for (int t = 0; t < 16; t++) {
            PgCaseStore node = t % 2 == 0 ? nodeA : nodeB;
            String who = "rev-" + t;
            done.add(threads.submit(() -> {
                go.await();
                int mine = 0;
                Optional<Case> c;
                while ((c = node.claimNext(Queue.REVIEW, who, T0, lease, x -> true)).isPresent()) {
                    assertThat(c.get().claimedBy()).isEqualTo(who);
                    if (handedTo.putIfAbsent(c.get().caseId(), who) != null) {
                        doubles.incrementAndGet();
                    }
                    mine++;
                }
                return mine;
            }));
        }
        go.countDown();
        int total = 0;
        List<Integer> perThread = new ArrayList<>();
        for (Future<Integer> f : done) {
            int n = f.get(120, TimeUnit.SECONDS);
            perThread.add(n);
            total += n;
        }
        threads.shutdown();
        assertThat(doubles.get()).isZero();
        assertThat(total).isEqualTo(cases);
        assertThat(handedTo).hasSize(cases);
        assertThat(perThread).as("every claimer got cases: they did not queue behind one another").allMatch(n -> n > 0);
        // the store agrees: each case claimed once, by whom the claimer was told, its version raised once
        List<Case> all = nodeA.all(T0);
        assertThat(all).hasSize(cases).allMatch(c -> c.state() == CaseState.CLAIMED
                && c.claimedBy().equals(handedTo.get(c.caseId()))
                && c.version() == Long.parseLong(c.caseId().substring(2)) * 1_000_000L + 1);
        // (every case opened after T0: age zero)
        assertThat(nodeB.stats(T0).get(0)).isEqualTo(new QueueStats(Queue.REVIEW, 0, cases, Duration.ZERO, 0));
    }

    @Test
    void bothNodesOfferingTheSameCases_storeEachOnce_andTheFirstOneStays() throws Exception {
        int cases = 300;
        ExecutorService threads = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<String>>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            PgCaseStore node = t % 2 == 0 ? nodeA : nodeB;
            int priority = t; // so that which offer was stored shows
            done.add(threads.submit(() -> {
                go.await();
                List<String> added = new ArrayList<>();
                for (int i = 1; i <= cases; i++) {
                    if (node.insertIfAbsent(open(i, priority))) {
                        added.add("c-" + i + "@" + priority);
                    }
                }
                return added;
            }));
        }
        go.countDown();
        List<String> added = new ArrayList<>();
        for (Future<List<String>> f : done) {
            added.addAll(f.get(120, TimeUnit.SECONDS));
        }
        threads.shutdown();
        assertThat(added).hasSize(cases);
        // the row stored is the offer that was told it was added
        assertThat(nodeA.all(T0)).extracting(c -> c.caseId() + "@" + c.priority()).containsExactlyInAnyOrderElementsOf(added);
    }

    @Test
    void aLeaseThatLapsedOnOneNode_isClaimedOnTheOther_withTheVersionRaisedTwice() {
        nodeA.insert(open(1, 10));
        Instant lease = T0.plusSeconds(60);
        Case mine = nodeA.claimNext(Queue.REVIEW, "rev-ana", T0, lease, c -> true).orElseThrow();
        assertThat(nodeB.claimNext(Queue.REVIEW, "rev-bo", lease.minusNanos(1), lease.plusSeconds(60), c -> true)).isEmpty();
        Case theirs = nodeB.claimNext(Queue.REVIEW, "rev-bo", lease, lease.plusSeconds(60), c -> true).orElseThrow();
        assertThat(theirs.caseId()).isEqualTo("c-1");
        assertThat(theirs.version()).isEqualTo(mine.version() + 2);
        assertThat(nodeA.get("c-1", lease).orElseThrow().heldBy("rev-bo", lease)).isTrue();
        assertThat(nodeA.get("c-1", lease).orElseThrow().heldBy("rev-ana", lease)).isFalse();
    }

    @Test
    void anUpdateHoldsItsCase_claimsPassItOver_andAnotherUpdateWaitsForIt() throws Exception {
        nodeA.insert(open(1, 90));
        nodeA.insert(open(2, 10));
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        Case closed = new Case("c-1", "d-1", "s-1", Queue.REVIEW, CaseState.CLOSED, 90, open(1, 90).openedAt(),
                open(1, 90).dueAt(), 5_000_000L, null, null, Verdict.REJECT, "minors", "rev-ana");
        // node A decides c-1; its change (where the desk writes its audit record) takes its time
        Future<Case> decide = threads.submit(() -> nodeA.update("c-1", T0, c -> {
            inside.countDown();
            await(release);
            return closed;
        }));
        assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();

        // a claim on node B passes over the held case (it does not wait) and takes the next one
        Optional<Case> claimed = nodeB.claimNext(Queue.REVIEW, "rev-bo", T0, T0.plusSeconds(60), c -> true);
        assertThat(claimed).map(Case::caseId).contains("c-2");
        // an update on node B waits for node A's, then sees what it stored
        Case[] seen = new Case[1];
        Future<Case> second = threads.submit(() -> nodeB.update("c-1", T0, c -> {
            seen[0] = c;
            return c;
        }));
        Thread.sleep(300); // gives the second update time to run ahead, were it not held
        assertThat(second.isDone()).as("the second update waits for the first").isFalse();
        release.countDown();
        assertThat(decide.get(30, TimeUnit.SECONDS)).isEqualTo(closed);
        assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo(closed);
        assertThat(seen[0]).isEqualTo(closed);
        assertThat(nodeB.claimNext(Queue.REVIEW, "rev-cy", T0, T0.plusSeconds(60), c -> true)).isEmpty();
        threads.shutdown();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
