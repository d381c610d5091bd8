package dev.greenlight.bench;

import dev.greenlight.audit.AuditBatch;
import dev.greenlight.audit.AuditConfig;
import dev.greenlight.audit.AuditLog;
import dev.greenlight.audit.AuditReader;
import dev.greenlight.audit.Durability;
import dev.greenlight.desk.Case;
import dev.greenlight.desk.DeskConfig;
import dev.greenlight.desk.PolicyCatalogue;
import dev.greenlight.desk.Queue;
import dev.greenlight.desk.QueueStats;
import dev.greenlight.desk.ReviewDesk;
import dev.greenlight.desk.ReviewRequest;
import dev.greenlight.desk.accounts.Account;
import dev.greenlight.desk.accounts.Role;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Reason;
import dev.greenlight.model.RulesetRef;
import dev.greenlight.model.Submission;
import dev.greenlight.model.Verdict;
import dev.greenlight.testkit.Submissions;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The review desk under a full queue: an audit log with {@code --cases} (100,000) open ESCALATE
 * cases over four policy areas, the desk rebuilt from it (timed), then {@code --threads} reviewers
 * each doing claim-next then decide (APPROVE, one durable review record each) until {@code --ops}
 * decisions are made. Prints p50/p90/p99/max of claim-next and of decide, and the rebuild time.
 * Not a test: nothing is asserted. Engine/bench/README.md has the figures and the command.
 *
 * <pre>java -cp "$CP" dev.greenlight.bench.DeskBench [--cases N] [--ops N] [--threads T]
 *     [--durability GROUP|SYNC|NONE] [--dir DIR]</pre>
 */
public final class DeskBench {
    private static final RulesetRef RULES = new RulesetRef("bench", "sha256:" + "ab".repeat(32));
    private static final String[][] AREAS = {{"MIN-2", "minors"}, {"SH-1", "self-harm"}, {"IP-3", "characters-brands"},
        {"PRG-3", "programme"}};

    private DeskBench() {
    }

    public static void main(String[] args) throws Exception {
        int cases = intArg(args, "--cases", 100_000);
        int ops = intArg(args, "--ops", 20_000);
        int threads = intArg(args, "--threads", 1);
        Durability durability = Durability.valueOf(arg(args, "--durability", "GROUP"));
        String where = arg(args, "--dir", null);
        Path dir = where == null ? Fixtures.tempDir("greenlight-bench-desk") : Path.of(where);
        Path file = dir.resolve("desk-" + System.nanoTime() + ".jsonl");

        long t0 = System.nanoTime();
        try (AuditLog log = AuditLog.open(AuditConfig.builder(file).durability(Durability.NONE).build())) {
            List<Submission> corpus = Fixtures.submissions();
            Instant at = Instant.parse("2026-12-01T00:00:00Z");
            AuditBatch batch = log.batch();
            for (int i = 0; i < cases; i++) {
                String[] area = AREAS[i % AREAS.length];
                Submission s = corpus.get(i % corpus.size());
                Submission sub = Submissions.base("s-" + i).submitter(s.getSubmitter()).intendedUse(s.getIntendedUse())
                        .prompt(s.getPrompt()).build();
                batch.add(new Decision("d-" + i, sub.getId(), Verdict.ESCALATE,
                        List.of(new Reason("review-" + area[1], Verdict.ESCALATE, "A reviewer will look.", area[0])),
                        List.of(), RULES, List.of(), at.plusMillis(i), 100), sub, null);
                if (i % 10_000 == 9_999) {
                    batch.commit();
                    batch = log.batch();
                }
            }
            batch.commit();
        }
        System.out.printf(Locale.ROOT, "log: %,d ESCALATE decisions written in %.1f s (%s)%n", cases,
                (System.nanoTime() - t0) / 1e9, file);

        PolicyCatalogue catalogue = PolicyCatalogue.of(Arrays.stream(AREAS)
                .map(a -> new PolicyCatalogue.Policy(a[0], a[0], a[0], a[1])).toList());
        long[] records = new long[1];
        long s0 = System.nanoTime();
        AuditReader.read(file, rec -> records[0]++);
        System.out.printf(Locale.ROOT, "reading the log alone (hashes checked, records parsed): %.2f s for %,d records%n",
                (System.nanoTime() - s0) / 1e9, records[0]);
        try (AuditLog log = AuditLog.open(AuditConfig.builder(file).durability(durability).build())) {
            long r0 = System.nanoTime();
            ReviewDesk desk = ReviewDesk.open(log, catalogue, DeskConfig.defaults());
            long rebuild = System.nanoTime() - r0;
            QueueStats before = desk.stats().get(0);
            System.out.printf(Locale.ROOT, "desk rebuilt from the log in %.2f s: %,d open in review%n", rebuild / 1e9,
                    before.open());

            long[][] claim = new long[threads][];
            long[][] decide = new long[threads][];
            AtomicLong left = new AtomicLong(ops);
            CountDownLatch done = new CountDownLatch(threads);
            long w0 = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                int me = t;
                Account who = Account.of("bench-" + t, Role.REVIEWER);
                Thread th = new Thread(() -> {
                    long[] c = new long[ops];
                    long[] d = new long[ops];
                    int n = 0;
                    while (left.getAndDecrement() > 0) {
                        long a = System.nanoTime();
                        Optional<Case> k = desk.next(Queue.REVIEW, who);
                        long b = System.nanoTime();
                        if (k.isEmpty()) {
                            break;
                        }
                        desk.decide(k.get().caseId(), new ReviewRequest(Verdict.APPROVE, k.get().area().isEmpty() ? "PRG-3"
                                : policyOf(k.get().area()), null, null, k.get().version()), who);
                        long e = System.nanoTime();
                        c[n] = b - a;
                        d[n] = e - b;
                        n++;
                    }
                    claim[me] = Arrays.copyOf(c, n);
                    decide[me] = Arrays.copyOf(d, n);
                    done.countDown();
                }, "desk-bench-" + t);
                th.start();
            }
            done.await();
            double wall = (System.nanoTime() - w0) / 1e9;
            long[] c = merge(claim);
            long[] d = merge(decide);
            System.out.printf(Locale.ROOT, "%d thread(s), %s durability, %,d claim+decide in %.1f s (%.0f decisions/s)%n",
                    threads, durability, d.length, wall, d.length / wall);
            print("claim-next", c);
            print("decide    ", d);
            System.out.printf(Locale.ROOT, "open in review after: %,d%n", desk.stats().get(0).open());
        }
    }

    private static String policyOf(String area) {
        for (String[] a : AREAS) {
            if (a[1].equals(area)) {
                return a[0];
            }
        }
        return "PRG-3";
    }

    private static long[] merge(long[][] parts) {
        long[] all = Arrays.stream(parts).flatMapToLong(Arrays::stream).toArray();
        Arrays.sort(all);
        return all;
    }

    private static void print(String what, long[] sorted) {
        System.out.printf(Locale.ROOT, "%s  p50 %.3f ms  p90 %.3f ms  p99 %.3f ms  max %.3f ms%n", what,
                pct(sorted, 0.50), pct(sorted, 0.90), pct(sorted, 0.99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    private static String arg(String[] args, String name, String dflt) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return dflt;
    }

    private static int intArg(String[] args, String name, int dflt) {
        return Integer.parseInt(arg(args, name, String.valueOf(dflt)));
    }
}
