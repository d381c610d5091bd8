package dev.greenlight.bench.scale;

import dev.greenlight.audit.AuditConfig;
import dev.greenlight.audit.AuditLog;
import dev.greenlight.audit.AuditReader;
import dev.greenlight.audit.Durability;
import dev.greenlight.desk.Case;
import dev.greenlight.desk.CaseState;
import dev.greenlight.desk.DeskConfig;
import dev.greenlight.desk.PolicyCatalogue;
import dev.greenlight.desk.Queue;
import dev.greenlight.desk.QueueStats;
import dev.greenlight.desk.ReviewDesk;
import dev.greenlight.desk.internal.DeskCore;
import dev.greenlight.desk.internal.DeskSnapshot;
import dev.greenlight.desk.internal.LogRebuild;
import dev.greenlight.desk.internal.MemoryCaseStore;
import dev.greenlight.desk.spi.CaseStore;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Reason;
import dev.greenlight.model.RulesetRef;
import dev.greenlight.model.Submission;
import dev.greenlight.model.Verdict;
import dev.greenlight.testkit.Submissions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Times one step, in this (fresh) JVM, on a log from {@link LogGenerator}: how long the review desk
 * takes to open, and how long a time range takes to read. Run each step in a new JVM: the first
 * open is the one a restart pays.
 *
 * <ul>
 *   <li>{@code --step rebuild}: the desk rebuilt from the whole log, as before snapshots (a store the
 *       snapshot does not apply to, so none is read or saved);</li>
 *   <li>{@code --step save}: the snapshot deleted, the desk rebuilt and its snapshot saved (what the
 *       first open after this change pays);</li>
 *   <li>{@code --step open}: the desk opened from its snapshot and the records after it;</li>
 *   <li>{@code --step append --count N}: N more decisions appended (a tail for {@code open} to read);</li>
 *   <li>{@code --step range --since T --hours H}: the records of H hours read through the index by
 *       time, then the same found by reading the whole log.</li>
 * </ul>
 *
 * <pre>java -cp "$CP" dev.greenlight.bench.scale.DeskOpenTimer --log /tmp/big/audit.jsonl --step open</pre>
 */
public final class DeskOpenTimer {
    private DeskOpenTimer() {
    }

    public static void main(String[] args) throws Exception {
        Path log = Path.of(arg(args, "--log", null));
        String step = arg(args, "--step", "open");
        PolicyCatalogue catalogue = PolicyCatalogue.empty();
        DeskConfig config = DeskConfig.defaults();
        long t0 = System.nanoTime();
        switch (step) {
            case "rebuild" -> {
                DeskCore core = new DeskCore(config, catalogue, new Unsnapshotted(new MemoryCaseStore()), null, log);
                long last = LogRebuild.rebuild(core, log);
                report("desk rebuilt from the whole log (no snapshot)", t0, last, core.stats());
            }
            case "save" -> {
                Files.deleteIfExists(DeskSnapshot.file(log, config, catalogue));
                try (ReviewDesk desk = ReviewDesk.read(log, catalogue, config)) {
                    report("desk rebuilt from the whole log, snapshot saved (" + Files.size(DeskSnapshot.file(log, config, catalogue)) / 1024
                            + " KiB)", t0, -1, desk.stats());
                }
            }
            case "open" -> {
                if (!Files.exists(DeskSnapshot.file(log, config, catalogue))) {
                    throw new IllegalStateException("no snapshot: run --step save first");
                }
                try (ReviewDesk desk = ReviewDesk.read(log, catalogue, config)) {
                    report("desk opened from its snapshot and the records after it", t0, -1, desk.stats());
                }
            }
            case "append" -> append(log, Integer.parseInt(arg(args, "--count", "10000")));
            case "range" -> range(log, Instant.parse(arg(args, "--since", "2026-01-06T00:00:00Z")),
                    Integer.parseInt(arg(args, "--hours", "1")));
            default -> throw new IllegalArgumentException("unknown --step " + step);
        }
    }

    private static void report(String what, long t0, long lastSeq, List<QueueStats> stats) {
        long open = stats.stream().mapToLong(s -> s.open() + s.claimed()).sum();
        System.out.printf(Locale.ROOT, "%s: %.2f s (%,d undecided cases%s)%n", what, (System.nanoTime() - t0) / 1e9, open,
                lastSeq < 0 ? "" : String.format(Locale.ROOT, ", last seq %,d", lastSeq));
    }

    private static void append(Path log, int count) {
        RulesetRef rules = new RulesetRef("programme-policy", "sha256:" + "ab".repeat(32));
        long t0 = System.nanoTime();
        try (AuditLog l = AuditLog.open(AuditConfig.builder(log).durability(Durability.NONE).build())) {
            Instant at = Instant.now();
            for (int i = 0; i < count; i++) {
                Verdict v = i % 7 == 0 ? Verdict.ESCALATE : Verdict.APPROVE;
                Submission s = Submissions.base("tail-" + System.nanoTime()).build();
                l.append(new Decision("tail-" + i + "-" + System.nanoTime(), s.getId(), v,
                        List.of(new Reason("rule-tail", v, "A generated reason.", "GEN-1")), List.of(), rules, List.of(),
                        at.plusMillis(i), 3), s);
            }
        }
        System.out.printf(Locale.ROOT, "appended %,d decisions in %.1f s%n", count, (System.nanoTime() - t0) / 1e9);
    }

    private static void range(Path log, Instant since, int hours) throws Exception {
        Instant until = since.plus(Duration.ofHours(hours));
        for (int round = 1; round <= 2; round++) {
            long[] n = new long[1];
            long t0 = System.nanoTime();
            AuditReader.readTimeRange(log, since, until, rec -> n[0]++);
            System.out.printf(Locale.ROOT, "readTimeRange [%s, %s), round %d: %,d records in %.1f ms%n", since, until, round,
                    n[0], (System.nanoTime() - t0) / 1e6);
        }
        long[] n = new long[1];
        long t0 = System.nanoTime();
        AuditReader.read(log, rec -> {
            Instant at = rec.isDecision() ? rec.decidedAt() : null;
            if (at != null && !at.isBefore(since) && at.isBefore(until)) {
                n[0]++;
            }
        });
        System.out.printf(Locale.ROOT, "the same range's decisions by reading the whole log: %,d in %.1f ms%n", n[0],
                (System.nanoTime() - t0) / 1e6);
    }

    private static String arg(String[] args, String name, String dflt) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        if (dflt == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return dflt;
    }

    /** The in-memory store behind another type, so the rebuild neither reads nor saves a snapshot (as before them). */
    private record Unsnapshotted(CaseStore store) implements CaseStore {
        @Override
        public void insert(Case c) {
            store.insert(c);
        }

        @Override
        public Optional<Case> get(String caseId, Instant now) {
            return store.get(caseId, now);
        }

        @Override
        public Optional<Case> undecidedBySubmission(String submissionId, Instant now) {
            return store.undecidedBySubmission(submissionId, now);
        }

        @Override
        public Optional<Case> claimNext(Queue queue, String account, Instant now, Instant leaseUntil, Predicate<Case> eligible) {
            return store.claimNext(queue, account, now, leaseUntil, eligible);
        }

        @Override
        public Case update(String caseId, Instant now, Change change) {
            return store.update(caseId, now, change);
        }

        @Override
        public List<Case> list(Queue queue, CaseState state, int offset, int limit, Instant now) {
            return store.list(queue, state, offset, limit, now);
        }

        @Override
        public List<QueueStats> stats(Instant now) {
            return store.stats(now);
        }

        @Override
        public List<Case> all(Instant now) {
            return store.all(now);
        }
    }
}
