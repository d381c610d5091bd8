package dev.greenlight.engine;

import dev.greenlight.audit.FulfilmentRecord;
import dev.greenlight.model.Condition;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Fulfilment;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The conditions this engine has set on recorded decisions and not yet seen fulfilled, for the open
 * and overdue gauges. Counts what happened since the engine started: the audit log is the record
 * (an operator lists every open condition with {@code greenlight audit conditions}). Bounded: past
 * {@link #CAPACITY} conditions, new ones are not tracked (and {@link #untracked()} says how many).
 * Thread-safe.
 */
final class OpenConditions implements GreenlightListener {
    static final int CAPACITY = 1_000_000;
    /** Stands for "no deadline": never before now. */
    private static final Instant NEVER = Instant.MAX;

    private final Map<String, Instant> open = new ConcurrentHashMap<>();
    private final Clock clock;
    private final AtomicLong untracked = new AtomicLong();

    OpenConditions(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void decided(Decision decision, long nanos) {
        for (Condition c : decision.conditions()) {
            if (open.size() >= CAPACITY) {
                untracked.incrementAndGet();
                continue;
            }
            open.put(key(decision.decisionId(), c.id()), c.dueAt() == null ? NEVER : c.dueAt());
        }
    }

    @Override
    public void conditionsFulfilled(FulfilmentRecord fulfilment) {
        for (Fulfilment f : fulfilment.conditions()) {
            open.remove(key(fulfilment.decisionId(), f.id()));
        }
    }

    /** Conditions set and not yet fulfilled. */
    int open() {
        return open.size();
    }

    /** Of which past their deadline now. */
    int overdue() {
        Instant now = clock.instant();
        return (int) open.values().stream().filter(due -> due.isBefore(now)).count();
    }

    /** Conditions not tracked because the bound was reached. */
    long untracked() {
        return untracked.get();
    }

    private static String key(String decisionId, String conditionId) {
        return decisionId + '\u0000' + conditionId;
    }
}
