package dev.greenlight.bench.scale;

import dev.greenlight.audit.AuditConfig;
import dev.greenlight.audit.AuditLog;
import dev.greenlight.audit.Durability;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Reason;
import dev.greenlight.model.RulesetRef;
import dev.greenlight.model.Signal;
import dev.greenlight.model.Submission;
import dev.greenlight.model.Verdict;
import dev.greenlight.testkit.CorpusGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Writes an audit log of {@code --decisions N} decisions, as the engine records them (generated
 * submissions with their signals and reasons, about 1.4 KB a record like a real log), one a second
 * of log time, and a review of every 50th decision 100 decisions later. Durability NONE (a
 * generator need not wait for the disk); segments and checkpoints at their defaults. Prints the
 * ids of a few decisions to look up.
 *
 * <pre>java -cp "$CP" dev.greenlight.bench.scale.LogGenerator --out /tmp/big/audit.jsonl --decisions 1000000</pre>
 */
public final class LogGenerator {
    private static final int CORPUS = 4096;
    private static final long SEED = 42;

    private LogGenerator() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(arg(args, "--out", "/tmp/greenlight-scale/audit.jsonl"));
        int n = Integer.parseInt(arg(args, "--decisions", "1000000"));
        if (Files.exists(out)) {
            throw new IllegalArgumentException(out + " exists: give a new path");
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        List<Submission> subs = CorpusGenerator.submissions(CORPUS, SEED);
        List<List<Signal>> signals = subs.stream().map(s -> CorpusGenerator.signals(s, 5, SEED)).toList();
        RulesetRef rules = new RulesetRef("programme-policy", "sha256:" + "ab".repeat(32));
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        long start = System.nanoTime();
        try (AuditLog log = AuditLog.open(AuditConfig.builder(out).durability(Durability.NONE).build())) {
            for (int i = 1; i <= n; i++) {
                Submission s = subs.get(i % CORPUS);
                Verdict v = i % 7 == 0 ? Verdict.ESCALATE : i % 5 == 0 ? Verdict.REJECT : Verdict.APPROVE;
                Decision d = new Decision(id(i), s.getId(), v,
                        List.of(new Reason("meets-programme-policy", Verdict.APPROVE, "This work meets the programme's publication policy.", "BASE-1"),
                                new Reason("rule-" + (i % 40), v, "A generated reason for the artist, in plain words, with its policy id.", "GEN-" + (i % 40))),
                        signals.get(i % CORPUS), rules, List.of(), t0.plusSeconds(i), 12);
                log.append(d, s);
                if (i > 100 && (i - 100) % 50 == 0) {
                    log.review(id(i - 100), "rev-" + (i % 9), Verdict.REJECT, "generated review", t0.plusSeconds(i));
                }
                if (i % 100_000 == 0) {
                    System.err.printf("%,d decisions, %.0f s%n", i, (System.nanoTime() - start) / 1e9);
                }
            }
        }
        System.out.printf("wrote %,d decisions to %s in %.1f s; look up e.g. %s (reviewed), %s, %s%n", n, out,
                (System.nanoTime() - start) / 1e9, id(50), id(n / 2), id(n));
    }

    static String id(int i) {
        return String.format("d-%08d", i);
    }

    private static String arg(String[] args, String name, String otherwise) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return otherwise;
    }
}
