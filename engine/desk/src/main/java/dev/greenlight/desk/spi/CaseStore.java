package dev.greenlight.desk.spi;

import dev.greenlight.desk.Case;
import dev.greenlight.desk.CaseState;
import dev.greenlight.desk.Queue;
import dev.greenlight.desk.QueueStats;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Where the review desk keeps its cases, and the one place that hands them out: the in-memory store
 * ships ({@code MemoryCaseStore}); a store on a database shared by several servers implements the
 * same contract (claims with {@code SELECT … FOR UPDATE SKIP LOCKED}, updates in a transaction that
 * holds the case's row lock).
 *
 * <p>Contract, for every implementation (all methods thread-safe):
 * <ul>
 *   <li>A case is {@code CLAIMED} only while its lease runs: a claim whose {@code leaseUntil} is not
 *       after {@code now} counts as {@code OPEN} again (its version raised) in every answer given
 *       with that {@code now}, except while an {@link #update} of it runs.</li>
 *   <li>{@link #claimNext} never hands one case to two callers: of the open cases of the queue that
 *       {@code eligible} accepts, it claims the first in queue order — priority descending, then
 *       {@code openedAt}, then {@code caseId} — atomically.</li>
 *   <li>{@link #update} runs {@code change} on the case with the case locked against every other
 *       update and claim (a row lock), and stores what it returns; what {@code change} throws leaves
 *       the case as it was. The desk writes its audit record inside {@code change}, so a case never
 *       moves without its record, and never moves twice on one record.</li>
 *   <li>The desk raises {@code version} on every transition; the store keeps it as given.</li>
 * </ul>
 * The desk rebuilds a store from the audit log on open ({@link #insert} for each case), so a store
 * need not survive a restart; claims are not recorded and are dropped by a restart. A store shared by
 * several servers outlives each of them: there every server, and a rebuild, may offer the same case
 * again, which {@link #insertIfAbsent} answers (the case already stored wins).
 *
 * <p>Origins: a store may keep, beside each case, where the decision it stands for is recorded
 * ({@link CaseOrigin}), so that a server can show a decision recorded in another server's log. The
 * methods that take or give origins have defaults for a store that keeps none (a single server
 * needs none: every decision is in its own log); both stores of this project keep those given.
 */
public interface CaseStore {
    /** What an update does with the current case: returns the new case, or throws to change nothing. */
    @FunctionalInterface
    interface Change {
        Case apply(Case current);
    }

    /**
     * Adds a new case (its id must be new).
     *
     * @throws IllegalStateException when a case with its id is stored already
     */
    void insert(Case c);

    /**
     * Adds {@code c} unless a case with its id is stored already, in which case the stored case
     * stays as it is (several servers, or a rebuild, may offer the same case). Atomic in every store
     * of this project; the default, for stores written before it, checks then inserts and is not.
     *
     * @return true when {@code c} was added, false when its id was taken
     */
    default boolean insertIfAbsent(Case c) {
        // as of 1970: no lease had lapsed then, so the look-up changes nothing
        if (get(c.caseId(), Instant.EPOCH).isPresent()) {
            return false;
        }
        insert(c);
        return true;
    }

    /**
     * {@link #insertIfAbsent(Case)}, keeping {@code origin} beside the case when it is added (a store
     * that keeps no origins ignores it).
     */
    default boolean insertIfAbsent(Case c, CaseOrigin origin) {
        return insertIfAbsent(c);
    }

    /** Where the decision of case {@code caseId} is recorded, if this store keeps it and has it. */
    default Optional<CaseOrigin> origin(String caseId) {
        return Optional.empty();
    }

    /**
     * The case that stands for decision {@code decisionId} now (the case it opened or joined, whose
     * latest decision it is), if any: how a desk on a shared store, rebuilding from its log, knows a
     * decision's case was made before. The default reads {@link #all}; a large store answers from an index.
     */
    default Optional<Case> byDecision(String decisionId, Instant now) {
        return all(now).stream().filter(c -> c.decisionId().equals(decisionId)).findFirst();
    }

    /**
     * Every case of a submission, open or closed (review and appeal cases), in case id order: how a
     * desk on a shared store, rebuilding, knows that a decision of its log was joined to a case that
     * another node's later decision joined since. The default reads {@link #all}.
     */
    default List<Case> bySubmission(String submissionId, Instant now) {
        return all(now).stream().filter(c -> c.submissionId().equals(submissionId)).toList();
    }

    /** The case as of {@code now} (a lapsed lease reads as open). */
    Optional<Case> get(String caseId, Instant now);

    /**
     * The undecided (open or claimed) review case of a submission, if any: a case whose id starts
     * with {@code c-} (appeal cases, {@code a-…}, are never joined by a new decision).
     */
    Optional<Case> undecidedBySubmission(String submissionId, Instant now);

    /**
     * Claims the first open case of {@code queue} that {@code eligible} accepts for {@code account}
     * until {@code leaseUntil}, raising its version by one.
     */
    Optional<Case> claimNext(Queue queue, String account, Instant now, Instant leaseUntil, Predicate<Case> eligible);

    /**
     * Changes one case under its lock.
     *
     * @return the stored result of {@code change}
     * @throws java.util.NoSuchElementException when there is no such case
     */
    Case update(String caseId, Instant now, Change change);

    /**
     * {@link #update(String, Instant, Change)} that also replaces the case's origin with
     * {@code origin} when {@code change} succeeds, in the same step (a later decision joining the case
     * may be recorded in another chain). A store that keeps no origins ignores it.
     */
    default Case update(String caseId, Instant now, CaseOrigin origin, Change change) {
        return update(caseId, now, change);
    }

    /** Cases of {@code queue} in {@code state} ({@code null}: any) in queue order, from {@code offset}, at most {@code limit}. */
    List<Case> list(Queue queue, CaseState state, int offset, int limit, Instant now);

    /** Counts per queue, in {@link Queue} order. */
    List<QueueStats> stats(Instant now);

    /** Every case (for tests, the CLI and comparisons after a rebuild), in case id order. */
    List<Case> all(Instant now);
}
