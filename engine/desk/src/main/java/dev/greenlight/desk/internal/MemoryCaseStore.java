package dev.greenlight.desk.internal;

import dev.greenlight.desk.Case;
import dev.greenlight.desk.CaseState;
import dev.greenlight.desk.Queue;
import dev.greenlight.desk.QueueStats;
import dev.greenlight.desk.spi.CaseOrigin;
import dev.greenlight.desk.spi.CaseStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * The cases in memory, per queue and state in queue order (priority descending, then age, then id),
 * with the claimed ones also ordered by lease so that lapsed leases are returned in time proportional
 * to their number. One lock guards the indexes; an {@link #update} marks its case busy and runs its
 * change (which writes the audit record) outside the lock, so claims and other cases go on meanwhile.
 * Claim-next is O(log n) plus the cases {@code eligible} turns down. Thread-safe.
 */
public final class MemoryCaseStore implements CaseStore {
    /** Queue order: priority descending, then oldest first, then case id. */
    public static final Comparator<Case> ORDER = Comparator.comparingInt((Case c) -> -c.priority())
            .thenComparing(Case::openedAt).thenComparing(Case::caseId);
    private static final Comparator<Case> BY_LEASE = Comparator.comparing(Case::leaseUntil).thenComparing(Case::caseId);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private final Map<String, Case> cases = new HashMap<>();
    private final Map<String, String> undecidedBySubmission = new HashMap<>();
    private final Set<String> busy = new HashSet<>();
    private final Map<Queue, Map<CaseState, TreeSet<Case>>> index = new EnumMap<>(Queue.class);
    private final TreeSet<Case> leases = new TreeSet<>(BY_LEASE);
    /** Kept only for cases inserted or updated with one (a single server's desk passes none). */
    private final Map<String, CaseOrigin> origins = new HashMap<>();

    public MemoryCaseStore() {
        for (Queue q : Queue.values()) {
            Map<CaseState, TreeSet<Case>> m = new EnumMap<>(CaseState.class);
            for (CaseState s : CaseState.values()) {
                m.put(s, new TreeSet<>(ORDER));
            }
            index.put(q, m);
        }
    }

    @Override
    public void insert(Case c) {
        lock.lock();
        try {
            if (cases.containsKey(c.caseId())) {
                throw new IllegalStateException("case " + c.caseId() + " exists already");
            }
            add(c);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean insertIfAbsent(Case c) {
        return insertIfAbsent(c, null);
    }

    @Override
    public boolean insertIfAbsent(Case c, CaseOrigin origin) {
        lock.lock();
        try {
            if (cases.containsKey(c.caseId())) {
                return false;
            }
            add(c);
            if (origin != null) {
                origins.put(c.caseId(), origin);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<CaseOrigin> origin(String caseId) {
        lock.lock();
        try {
            return Optional.ofNullable(origins.get(caseId));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<Case> get(String caseId, Instant now) {
        lock.lock();
        try {
            expire(now);
            return Optional.ofNullable(cases.get(caseId));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<Case> undecidedBySubmission(String submissionId, Instant now) {
        lock.lock();
        try {
            expire(now);
            String id = undecidedBySubmission.get(submissionId);
            return Optional.ofNullable(id == null ? null : cases.get(id));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<Case> claimNext(Queue queue, String account, Instant now, Instant leaseUntil, Predicate<Case> eligible) {
        lock.lock();
        try {
            expire(now);
            for (Case c : index.get(queue).get(CaseState.OPEN)) {
                if (busy.contains(c.caseId()) || !eligible.test(c)) {
                    continue;
                }
                Case claimed = new Case(c.caseId(), c.decisionId(), c.submissionId(), c.queue(), CaseState.CLAIMED,
                        c.priority(), c.openedAt(), c.dueAt(), c.version() + 1, account, leaseUntil, null, c.area(),
                        c.decidedBy());
                replace(c, claimed);
                return Optional.of(claimed);
            }
            return Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Case update(String caseId, Instant now, Change change) {
        return update(caseId, now, null, change);
    }

    @Override
    public Case update(String caseId, Instant now, CaseOrigin origin, Change change) {
        Case current;
        lock.lock();
        try {
            while (busy.contains(caseId)) {
                idle.awaitUninterruptibly();
            }
            expire(now);
            current = cases.get(caseId);
            if (current == null) {
                throw new NoSuchElementException("no case " + caseId);
            }
            busy.add(caseId);
        } finally {
            lock.unlock();
        }
        Case next = null;
        try {
            // kept only once checked: a result for another case must leave this one as it was
            next = checkedResult(caseId, change.apply(current));
            return next;
        } finally {
            lock.lock();
            try {
                busy.remove(caseId);
                if (next != null && next != current) {
                    replace(cases.get(caseId), next);
                }
                if (next != null && origin != null) {
                    origins.put(caseId, origin);
                }
                idle.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    @Override
    public List<Case> list(Queue queue, CaseState state, int offset, int limit, Instant now) {
        lock.lock();
        try {
            expire(now);
            List<Case> out = new ArrayList<>(Math.min(Math.max(limit, 0), 1000));
            Iterable<Case> source;
            if (state != null) {
                source = index.get(queue).get(state);
            } else {
                TreeSet<Case> merged = new TreeSet<>(ORDER);
                index.get(queue).values().forEach(merged::addAll);
                source = merged;
            }
            int skipped = 0;
            for (Iterator<Case> it = source.iterator(); it.hasNext() && out.size() < limit; ) {
                Case c = it.next();
                if (skipped++ >= offset) {
                    out.add(c);
                }
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<QueueStats> stats(Instant now) {
        lock.lock();
        try {
            expire(now);
            List<QueueStats> out = new ArrayList<>();
            for (Queue q : Queue.values()) {
                TreeSet<Case> open = index.get(q).get(CaseState.OPEN);
                TreeSet<Case> claimed = index.get(q).get(CaseState.CLAIMED);
                Instant oldest = null;
                int pastDue = 0;
                for (TreeSet<Case> set : List.of(open, claimed)) {
                    for (Case c : set) {
                        if (oldest == null || c.openedAt().isBefore(oldest)) {
                            oldest = c.openedAt();
                        }
                        if (c.pastDue(now)) {
                            pastDue++;
                        }
                    }
                }
                Duration age = oldest == null || oldest.isAfter(now) ? Duration.ZERO : Duration.between(oldest, now);
                out.add(new QueueStats(q, open.size(), claimed.size(), age, pastDue));
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Case> all(Instant now) {
        lock.lock();
        try {
            expire(now);
            List<Case> out = new ArrayList<>(cases.values());
            out.sort(Comparator.comparing(Case::caseId));
            return out;
        } finally {
            lock.unlock();
        }
    }

    /** The result of a change, refused when it is missing or names another case. */
    private static Case checkedResult(String caseId, Case result) {
        if (result == null) {
            throw new IllegalStateException("an update of case " + caseId + " returned no case");
        }
        if (!result.caseId().equals(caseId)) {
            throw new IllegalStateException("an update of case " + caseId + " returned case " + result.caseId());
        }
        return result;
    }

    /** Returns every lapsed claim (not being updated) to its queue, raising its version. Under the lock. */
    private void expire(Instant now) {
        if (leases.isEmpty() || leases.first().leaseUntil().isAfter(now)) {
            return;
        }
        List<Case> lapsed = new ArrayList<>();
        for (Case c : leases) {
            if (c.leaseUntil().isAfter(now)) {
                break;
            }
            if (!busy.contains(c.caseId())) {
                lapsed.add(c);
            }
        }
        for (Case c : lapsed) {
            replace(c, new Case(c.caseId(), c.decisionId(), c.submissionId(), c.queue(), CaseState.OPEN, c.priority(),
                    c.openedAt(), c.dueAt(), c.version() + 1, null, null, null, c.area(), c.decidedBy()));
        }
    }

    private void replace(Case old, Case next) {
        remove(old);
        add(next);
    }

    private void add(Case c) {
        cases.put(c.caseId(), c);
        index.get(c.queue()).get(c.state()).add(c);
        if (c.state() == CaseState.CLAIMED) {
            leases.add(c);
        }
        if (c.isOpen() && CaseRules.isReviewCase(c)) {
            undecidedBySubmission.put(c.submissionId(), c.caseId());
        }
    }

    private void remove(Case c) {
        cases.remove(c.caseId());
        index.get(c.queue()).get(c.state()).remove(c);
        if (c.state() == CaseState.CLAIMED) {
            leases.remove(c);
        }
        if (c.isOpen() && CaseRules.isReviewCase(c)) {
            undecidedBySubmission.remove(c.submissionId(), c.caseId());
        }
    }
}
