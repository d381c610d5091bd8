package dev.greenlight.server.desk;

import dev.greenlight.desk.Case;
import dev.greenlight.desk.CaseState;
import dev.greenlight.desk.DeskMetrics;
import dev.greenlight.desk.Queue;
import dev.greenlight.desk.QueueStats;
import dev.greenlight.desk.ReviewDesk;
import dev.greenlight.desk.accounts.Account;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * The review desk in {@code /metrics} (Prometheus names in brackets):
 * <ul>
 *   <li>cases not closed per queue and state [{@code greenlight_desk_cases{queue,state}}], state {@code open} or {@code claimed};
 *   <li>age of the oldest undecided case per queue [{@code greenlight_desk_oldest_age_seconds{queue}}];
 *   <li>undecided cases past their due time per queue [{@code greenlight_desk_past_due{queue}}];
 *   <li>time from a case opening to its closing, for cases closed through this server since it started, as a
 *       histogram [{@code greenlight_desk_time_to_decision_seconds_bucket{queue}}], and the desk's own p50/p90
 *       over the whole audit log [{@code greenlight_desk_decision_time_quantile_seconds{quantile}}];
 *   <li>reviews recorded per reviewer over the whole log [{@code greenlight_desk_decisions_total{reviewer}}]: the
 *       label is an account name of the users file, so the set stays as small as the team; reviews by names the
 *       users file does not hold (older reviews from the command line) count under {@code reviewer="other"};
 *   <li>recorded decisions, appeals and reviews a shared case store (PostgreSQL) could not take yet; the desk
 *       offers them again until it does [{@code greenlight_desk_unoffered_cases}];
 *   <li>the share of lead decisions that overturned the earlier human verdict [{@code greenlight_desk_lead_overturn_ratio}].
 * </ul>
 * The gauges read one snapshot of the desk's counts at most once a second, however many there are.
 * Thread-safe.
 */
public final class DeskMeters {
    /** The label of reviews by names that are not accounts. */
    static final String OTHER = "other";
    private static final long SNAPSHOT_NANOS = 1_000_000_000L;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DeskMeters.class);

    private final ReviewDesk desk;
    private final MeterRegistry registry;
    private final Predicate<String> isAccount;
    private final Set<String> reviewers = ConcurrentHashMap.newKeySet();
    private final Map<Queue, Timer> timeToDecision = new ConcurrentHashMap<>();
    private volatile Snapshot snapshot;

    private record Snapshot(long at, List<QueueStats> stats, DeskMetrics metrics) {
    }

    private DeskMeters(ReviewDesk desk, MeterRegistry registry, Predicate<String> isAccount) {
        this.desk = desk;
        this.registry = registry;
        this.isAccount = isAccount;
    }

    /**
     * Registers the desk's meters in {@code registry}, with a reviews counter for each of
     * {@code accounts} (the users file's names: only those get a label of their own).
     */
    public static DeskMeters bind(ReviewDesk desk, MeterRegistry registry, java.util.Collection<String> accounts) {
        Set<String> names = Set.copyOf(accounts);
        DeskMeters m = new DeskMeters(desk, registry, names::contains);
        names.forEach(m::reviewer);
        for (Queue q : Queue.values()) {
            String id = q.id();
            m.gauge("greenlight.desk.cases", "cases not closed, by queue and state", null, s -> m.queue(q, QueueStats::open),
                    "queue", id, "state", CaseState.OPEN.id());
            m.gauge("greenlight.desk.cases", "cases not closed, by queue and state", null, s -> m.queue(q, QueueStats::claimed),
                    "queue", id, "state", CaseState.CLAIMED.id());
            m.gauge("greenlight.desk.oldest.age", "how long the oldest undecided case of the queue has been open", "seconds",
                    s -> m.queue(q, x -> x.oldestAge() == null ? 0 : x.oldestAge().toMillis() / 1000.0), "queue", id);
            m.gauge("greenlight.desk.past.due", "undecided cases past their due time", null, s -> m.queue(q, QueueStats::pastDue), "queue", id);
        }
        m.gauge("greenlight.desk.decision.time.quantile", "time from a case opening to its closing, over the whole audit log",
                "seconds", s -> seconds(m.metrics().timeToDecisionP50()), "quantile", "0.5");
        m.gauge("greenlight.desk.decision.time.quantile", "time from a case opening to its closing, over the whole audit log",
                "seconds", s -> seconds(m.metrics().timeToDecisionP90()), "quantile", "0.9");
        m.gauge("greenlight.desk.lead.overturn.ratio", "lead decisions that overturned the earlier human verdict, of all lead decisions",
                null, s -> m.metrics().leadOverturnRate());
        // read live, not from the snapshot: it is what an operator watches while PostgreSQL is down
        Gauge.builder("greenlight.desk.unoffered.cases", desk, ReviewDesk::unoffered)
                .description("recorded decisions, appeals and reviews the shared case store has not taken into their case yet (it failed)")
                .register(registry);
        m.reviewer(OTHER);
        m.metrics().decisionsByReviewer().keySet().forEach(m::reviewer);
        return m;
    }

    /**
     * Counts one decision made through this server: times the case when it closed (from its opening
     * to {@code decidedAt}, the review record's time), and makes sure its reviewer has a counter.
     * {@code before} is the case as it was, {@code after} as it is now.
     */
    public void decided(Case before, Case after, Instant decidedAt, Account who) {
        if (after.state() == CaseState.CLOSED) {
            Duration open = Duration.between(before.openedAt(), decidedAt);
            timer(before.queue()).record(open.isNegative() ? Duration.ZERO : open);
        }
        reviewer(who.name());
        snapshot = null; // the next scrape sees this decision
    }

    private Timer timer(Queue q) {
        return timeToDecision.computeIfAbsent(q, k -> Timer.builder("greenlight.desk.time.to.decision")
                .description("time from a case opening to its closing, for cases closed through this server since it started")
                .tag("queue", k.id()).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofSeconds(10)).maximumExpectedValue(Duration.ofDays(7))
                .register(registry));
    }

    /** A counter for {@code name} when it is an account (or {@link #OTHER}); the names are as few as the accounts. */
    private void reviewer(String name) {
        if (!name.equals(OTHER) && !isAccount.test(name) || !reviewers.add(name)) {
            return;
        }
        FunctionCounter.builder("greenlight.desk.decisions", this, m -> m.decisionsBy(name))
                .description("reviews recorded, by reviewer (an account name; 'other' for names that are not accounts)")
                .tag("reviewer", name).register(registry);
    }

    private double decisionsBy(String name) {
        Map<String, Long> by = metrics().decisionsByReviewer();
        if (!name.equals(OTHER)) {
            return by.getOrDefault(name, 0L);
        }
        long other = 0;
        for (Map.Entry<String, Long> e : by.entrySet()) {
            if (!isAccount.test(e.getKey())) {
                other += e.getValue();
            }
        }
        return other;
    }

    private void gauge(String name, String description, String unit, ToDoubleFunction<DeskMeters> value, String... tags) {
        Gauge.builder(name, this, value).description(description).baseUnit(unit).tags(tags).register(registry);
    }

    /** A queue's figure; NaN while the case store cannot be read (PostgreSQL down): unknown, not zero. */
    private double queue(Queue q, ToDoubleFunction<QueueStats> figure) {
        QueueStats s = stat(q);
        return s == null ? Double.NaN : figure.applyAsDouble(s);
    }

    private QueueStats stat(Queue q) {
        List<QueueStats> stats = current().stats();
        if (stats == null) {
            return null;
        }
        for (QueueStats s : stats) {
            if (s.queue() == q) {
                return s;
            }
        }
        return new QueueStats(q, 0, 0, Duration.ZERO, 0);
    }

    private DeskMetrics metrics() {
        return current().metrics();
    }

    /** The desk's counts, read again when older than a second: a scrape of many gauges costs one read. */
    private Snapshot current() {
        Snapshot s = snapshot;
        long now = System.nanoTime();
        if (s == null || now - s.at() > SNAPSHOT_NANOS) {
            List<QueueStats> stats;
            try {
                stats = desk.stats();
            } catch (RuntimeException e) {
                // a shared case store that is down must not take /metrics down with it (the count of
                // cases it lacks is what an operator needs then); tried again a second later, not per gauge
                if (s == null || s.stats() != null) {
                    LOG.warn("the review desk's queues cannot be read for /metrics: {}", e.toString());
                }
                stats = null;
            }
            // stamped after the read: a read that waited for the database must not be stale at once
            s = new Snapshot(System.nanoTime(), stats, desk.metrics());
            snapshot = s;
        }
        return s;
    }

    private static double seconds(Duration d) {
        return d == null ? 0 : d.toMillis() / 1000.0;
    }
}
