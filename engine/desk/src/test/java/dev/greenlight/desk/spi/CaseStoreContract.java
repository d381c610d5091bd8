package dev.greenlight.desk.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greenlight.desk.Case;
import dev.greenlight.desk.CaseState;
import dev.greenlight.desk.Queue;
import dev.greenlight.desk.QueueStats;
import dev.greenlight.model.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link CaseStore} contract, run against every implementation: a subclass says how to make an
 * empty store. Shipped in engine/desk's test-jar so that stores in other modules (PostgreSQL) run the
 * very same checks as the in-memory store.
 *
 * <p>Instants carry nanoseconds on purpose: a store must give back exactly the case it was given.
 */
public abstract class CaseStoreContract {
    /** A fixed moment with nanoseconds, so that rounding in a store shows. */
    protected static final Instant T0 = Instant.parse("2026-11-02T10:00:00.123456789Z");
    protected static final String LOG = "ab".repeat(32);

    protected CaseStore store;

    /** A new, empty store. */
    protected abstract CaseStore newStore() throws Exception;

    @BeforeEach
    void emptyStore() throws Exception {
        store = newStore();
    }

    /** An open review case {@code c-<n>} of submission {@code s-<n>}, opened {@code n} seconds after T0. */
    protected static Case open(long n, int priority) {
        return open("c-" + n, "s-" + n, Queue.REVIEW, priority, T0.plusSeconds(n));
    }

    protected static Case open(String caseId, String submissionId, Queue queue, int priority, Instant openedAt) {
        return new Case(caseId, "d-" + caseId, submissionId, queue, CaseState.OPEN, priority, openedAt,
                openedAt.plus(Duration.ofHours(4)), 1_000_000L, null, null, null, "minors", null);
    }

    protected static Case with(Case c, CaseState state, long version, String claimedBy, Instant leaseUntil, Verdict verdict) {
        return new Case(c.caseId(), c.decisionId(), c.submissionId(), c.queue(), state, c.priority(), c.openedAt(),
                c.dueAt(), version, claimedBy, leaseUntil, verdict, c.area(), c.decidedBy());
    }

    protected static CaseOrigin origin(long seq, String line) {
        return new CaseOrigin(LOG, seq, "cd".repeat(32), line == null ? null : line.getBytes(StandardCharsets.UTF_8));
    }

    // ---- insert and get ---------------------------------------------------------------------------

    @Test
    void insert_thenGet_givesBackExactlyTheCase() {
        Case c = new Case("c-1", "d-1", "s-1", Queue.LEAD, CaseState.CLAIMED, 30, T0, T0.plusNanos(7), 5_000_001L,
                "rev-ana", T0.plusSeconds(600).plusNanos(1), null, "self-harm", "rev-bo");
        Case closed = new Case("c-2", "d-2", "s-2", Queue.REVIEW, CaseState.CLOSED, 0, T0, T0, 7L, null, null,
                Verdict.APPROVE_WITH_CONDITIONS, "", null);
        store.insert(c);
        store.insert(closed);
        assertThat(store.get("c-1", T0)).contains(c);
        assertThat(store.get("c-2", T0)).contains(closed);
        assertThat(store.get("c-3", T0)).isEmpty();
    }

    @Test
    void insert_ofATakenId_isRefused_andInsertIfAbsentKeepsTheStoredCase() {
        Case first = open(1, 10);
        store.insert(first);
        Case other = with(open(1, 99), CaseState.OPEN, 9, null, null, null);
        assertThatThrownBy(() -> store.insert(other)).isInstanceOf(IllegalStateException.class).hasMessageContaining("c-1");
        assertThat(store.insertIfAbsent(other)).isFalse();
        assertThat(store.insertIfAbsent(other, origin(9, "x"))).isFalse();
        assertThat(store.get("c-1", T0)).contains(first);
        assertThat(store.insertIfAbsent(open(2, 10))).isTrue();
        assertThat(store.all(T0)).extracting(Case::caseId).containsExactly("c-1", "c-2");
    }

    @Test
    void origins_areKeptWithTheCase_andReplacedByAnUpdateThatNamesOne() {
        store.insertIfAbsent(open(1, 10), origin(7, "{\"seq\":7,\"é\":\"\\u0000\"}"));
        store.insertIfAbsent(open(2, 10), origin(8, null));
        store.insert(open(3, 10));
        assertThat(store.origin("c-1")).contains(origin(7, "{\"seq\":7,\"é\":\"\\u0000\"}"));
        assertThat(store.origin("c-2")).contains(origin(8, null));
        assertThat(store.origin("c-3")).isEmpty();
        assertThat(store.origin("c-4")).isEmpty();

        store.update("c-1", T0, origin(12, "later"), c -> with(c, CaseState.OPEN, 12_000_000L, null, null, null));
        assertThat(store.origin("c-1")).contains(origin(12, "later"));
        // a change that throws changes neither the case nor its origin
        assertThatThrownBy(() -> store.update("c-1", T0, origin(13, "never"), c -> {
            throw new IllegalArgumentException("no");
        })).hasMessage("no");
        assertThat(store.origin("c-1")).contains(origin(12, "later"));
        assertThat(store.get("c-1", T0).orElseThrow().version()).isEqualTo(12_000_000L);
    }

    // ---- claim-next -------------------------------------------------------------------------------

    @Test
    void claimNext_takesPriorityThenAgeThenId_andRaisesTheVersion() {
        store.insert(open(1, 10));
        store.insert(open(2, 50));
        store.insert(open("c-0", "s-0", Queue.REVIEW, 10, T0.plusSeconds(1))); // same age as c-1: the id decides
        store.insert(open("c-9", "s-9", Queue.LEAD, 99, T0));
        store.insert(with(open(3, 80), CaseState.CLOSED, 3, null, null, Verdict.REJECT));
        Instant lease = T0.plusSeconds(3600).plusNanos(3);

        Case first = store.claimNext(Queue.REVIEW, "rev-ana", T0, lease, c -> true).orElseThrow();
        assertThat(first).isEqualTo(with(open(2, 50), CaseState.CLAIMED, 1_000_001L, "rev-ana", lease, null));
        assertThat(store.get("c-2", T0)).contains(first);
        assertThat(store.claimNext(Queue.REVIEW, "rev-bo", T0, lease, c -> true).orElseThrow().caseId()).isEqualTo("c-0");
        assertThat(store.claimNext(Queue.REVIEW, "rev-bo", T0, lease, c -> true).orElseThrow().caseId()).isEqualTo("c-1");
        assertThat(store.claimNext(Queue.REVIEW, "rev-bo", T0, lease, c -> true)).isEmpty();
        assertThat(store.claimNext(Queue.APPEAL, "rev-bo", T0, lease, c -> true)).isEmpty();
        assertThat(store.claimNext(Queue.LEAD, "lead-cy", T0, lease, c -> true).orElseThrow().caseId()).isEqualTo("c-9");
    }

    @Test
    void claimNext_skipsWhatEligibleTurnsDown_andClaimsTheFirstItAccepts() {
        for (int i = 1; i <= 300; i++) {
            store.insert(open(i, 10));
        }
        Instant lease = T0.plusSeconds(60);
        // turned down by all but the last: a store that pages through candidates must go on to the end
        Optional<Case> c = store.claimNext(Queue.REVIEW, "rev-ana", T0, lease, x -> x.caseId().equals("c-300"));
        assertThat(c).map(Case::caseId).contains("c-300");
        assertThat(store.claimNext(Queue.REVIEW, "rev-ana", T0, lease, x -> false)).isEmpty();
        assertThat(store.get("c-1", T0).orElseThrow().state()).isEqualTo(CaseState.OPEN);
        assertThat(store.get("c-1", T0).orElseThrow().version()).isEqualTo(1_000_000L);
    }

    @Test
    void aLapsedLease_readsAsOpenWithARaisedVersion_andCanBeClaimedAgain() {
        store.insert(open(1, 10));
        Instant lease = T0.plusSeconds(60);
        Case claimed = store.claimNext(Queue.REVIEW, "rev-ana", T0, lease, c -> true).orElseThrow();
        assertThat(claimed.version()).isEqualTo(1_000_001L);
        // the lease runs until (not through) leaseUntil
        assertThat(store.get("c-1", lease.minusNanos(1))).contains(claimed);
        Case lapsed = with(open(1, 10), CaseState.OPEN, 1_000_002L, null, null, null);
        assertThat(store.get("c-1", lease)).contains(lapsed);
        assertThat(store.undecidedBySubmission("s-1", lease)).contains(lapsed);
        assertThat(store.list(Queue.REVIEW, CaseState.OPEN, 0, 10, lease)).containsExactly(lapsed);
        assertThat(store.list(Queue.REVIEW, CaseState.CLAIMED, 0, 10, lease)).isEmpty();
        assertThat(store.all(lease)).containsExactly(lapsed);
        assertThat(store.stats(lease).get(0)).isEqualTo(new QueueStats(Queue.REVIEW, 1, 0, Duration.ofSeconds(59), 0));

        Instant lease2 = lease.plusSeconds(60);
        Case again = store.claimNext(Queue.REVIEW, "rev-bo", lease, lease2, c -> true).orElseThrow();
        assertThat(again).isEqualTo(with(open(1, 10), CaseState.CLAIMED, 1_000_003L, "rev-bo", lease2, null));
        assertThat(store.get("c-1", lease)).contains(again);
    }

    @Test
    void aLapsedLease_isWhatAnUpdateSees() {
        store.insert(open(1, 10));
        Instant lease = T0.plusSeconds(60);
        store.claimNext(Queue.REVIEW, "rev-ana", T0, lease, c -> true).orElseThrow();
        Case[] seen = new Case[1];
        store.update("c-1", lease.plusSeconds(1), c -> {
            seen[0] = c;
            return c;
        });
        assertThat(seen[0]).isEqualTo(with(open(1, 10), CaseState.OPEN, 1_000_002L, null, null, null));
        assertThat(store.get("c-1", lease.plusSeconds(1))).contains(seen[0]);
    }

    // ---- update -----------------------------------------------------------------------------------

    @Test
    void update_storesWhatTheChangeReturns() {
        store.insert(open(1, 10));
        Case closed = with(open(1, 10), CaseState.CLOSED, 2_000_000L, null, null, Verdict.REJECT);
        Case[] seen = new Case[1];
        Case result = store.update("c-1", T0, c -> {
            seen[0] = c;
            return closed;
        });
        assertThat(seen[0]).isEqualTo(open(1, 10));
        assertThat(result).isEqualTo(closed);
        assertThat(store.get("c-1", T0)).contains(closed);
        assertThat(store.undecidedBySubmission("s-1", T0)).isEmpty();
        assertThat(store.claimNext(Queue.REVIEW, "rev-ana", T0, T0.plusSeconds(60), c -> true)).isEmpty();
    }

    @Test
    void update_thatThrows_leavesTheCaseAsItWas_andTheExceptionPassesUnchanged() {
        store.insert(open(1, 10));
        RuntimeException boom = new IllegalStateException("the audit log refused the record");
        assertThatThrownBy(() -> store.update("c-1", T0, c -> {
            throw boom;
        })).isSameAs(boom);
        // a result for another case is refused, and neither case changes
        assertThatThrownBy(() -> store.update("c-1", T0, c -> open(2, 10))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("c-2");
        assertThat(store.get("c-1", T0)).contains(open(1, 10));
        assertThat(store.get("c-2", T0)).isEmpty();
        // and the case is not left locked
        assertThat(store.claimNext(Queue.REVIEW, "rev-ana", T0, T0.plusSeconds(60), c -> true)).isPresent();
    }

    @Test
    void update_ofNoCase_isNoSuchElement() {
        assertThatThrownBy(() -> store.update("c-404", T0, c -> c)).isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining("c-404");
    }

    @Test
    void update_canMoveACaseToAnotherQueue() {
        store.insert(open(1, 10));
        Case lead = new Case("c-1", "d-c-1", "s-1", Queue.LEAD, CaseState.OPEN, 10, T0.plusSeconds(1), T0.plusSeconds(99),
                2_000_000L, null, null, null, "minors", "rev-ana");
        store.update("c-1", T0, c -> lead);
        assertThat(store.list(Queue.REVIEW, null, 0, 10, T0)).isEmpty();
        assertThat(store.list(Queue.LEAD, null, 0, 10, T0)).containsExactly(lead);
        assertThat(store.claimNext(Queue.LEAD, "lead-cy", T0, T0.plusSeconds(60), c -> true)).map(Case::caseId).contains("c-1");
    }

    // ---- look-ups, lists, counts --------------------------------------------------------------------

    @Test
    void undecidedBySubmission_findsOnlyAnUndecidedReviewCase() {
        store.insert(open(1, 10));
        store.insert(open("a-1", "s-1", Queue.APPEAL, 10, T0)); // an appeal case is never joined
        store.insert(open("a-2", "s-2", Queue.APPEAL, 10, T0));
        store.insert(with(open("c-3", "s-3", Queue.REVIEW, 10, T0), CaseState.CLOSED, 4, null, null, Verdict.APPROVE));
        Case claimed = with(open("c-4", "s-4", Queue.LEAD, 10, T0), CaseState.CLAIMED, 4, "lead-cy", T0.plusSeconds(9), null);
        store.insert(claimed);
        assertThat(store.undecidedBySubmission("s-1", T0)).map(Case::caseId).contains("c-1");
        assertThat(store.undecidedBySubmission("s-2", T0)).isEmpty();
        assertThat(store.undecidedBySubmission("s-3", T0)).isEmpty();
        assertThat(store.undecidedBySubmission("s-4", T0)).contains(claimed);
        assertThat(store.undecidedBySubmission("s-5", T0)).isEmpty();
    }

    @Test
    void list_givesQueueOrder_byState_fromAnOffset() {
        for (int i = 1; i <= 6; i++) {
            store.insert(open(i, i % 2 == 0 ? 50 : 10));
        }
        store.insert(with(open(7, 60), CaseState.CLOSED, 8, null, null, Verdict.APPROVE));
        store.claimNext(Queue.REVIEW, "rev-ana", T0, T0.plusSeconds(600), c -> c.caseId().equals("c-4"));
        assertThat(store.list(Queue.REVIEW, null, 0, 100, T0)).extracting(Case::caseId)
                .containsExactly("c-7", "c-2", "c-4", "c-6", "c-1", "c-3", "c-5");
        assertThat(store.list(Queue.REVIEW, CaseState.OPEN, 0, 100, T0)).extracting(Case::caseId)
                .containsExactly("c-2", "c-6", "c-1", "c-3", "c-5");
        assertThat(store.list(Queue.REVIEW, CaseState.OPEN, 1, 2, T0)).extracting(Case::caseId).containsExactly("c-6", "c-1");
        assertThat(store.list(Queue.REVIEW, CaseState.CLAIMED, 0, 100, T0)).extracting(Case::caseId).containsExactly("c-4");
        assertThat(store.list(Queue.REVIEW, CaseState.CLOSED, 0, 100, T0)).extracting(Case::caseId).containsExactly("c-7");
        assertThat(store.list(Queue.REVIEW, CaseState.OPEN, 5, 100, T0)).isEmpty();
        assertThat(store.list(Queue.REVIEW, CaseState.OPEN, 0, 0, T0)).isEmpty();
        assertThat(store.list(Queue.LEAD, null, 0, 100, T0)).isEmpty();
    }

    @Test
    void stats_countPerQueueInQueueOrder() {
        Instant now = T0.plusSeconds(3600 * 5);
        store.insert(open(1, 10)); // due at T0+1s+4h: past due at now
        store.insert(open("c-2", "s-2", Queue.REVIEW, 10, now.minusSeconds(10)));
        store.insert(with(open(3, 10), CaseState.CLOSED, 4, null, null, Verdict.APPROVE)); // closed: not counted
        store.insert(open("a-4", "s-4", Queue.APPEAL, 10, now.plusSeconds(5))); // opened "after" now: age zero
        store.claimNext(Queue.REVIEW, "rev-ana", now, now.plusSeconds(60), c -> c.caseId().equals("c-2"));
        List<QueueStats> stats = store.stats(now);
        assertThat(stats).containsExactly(
                new QueueStats(Queue.REVIEW, 1, 1, Duration.between(T0.plusSeconds(1), now), 1),
                new QueueStats(Queue.LEAD, 0, 0, Duration.ZERO, 0),
                new QueueStats(Queue.APPEAL, 1, 0, Duration.ZERO, 0));
    }

    @Test
    void all_isInCaseIdOrder() {
        for (String id : List.of("c-10", "a-2", "c-9", "c-1", "c-100")) {
            store.insert(open(id, "s-" + id, Queue.REVIEW, 10, T0));
        }
        assertThat(store.all(T0)).extracting(Case::caseId).containsExactly("a-2", "c-1", "c-10", "c-100", "c-9");
    }
}
