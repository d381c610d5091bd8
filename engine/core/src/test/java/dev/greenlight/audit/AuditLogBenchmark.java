package dev.greenlight.audit;

import dev.greenlight.engine.Greenlight;
import dev.greenlight.engine.GreenlightBuilder;
import dev.greenlight.json.BatchItem;
import dev.greenlight.json.SubmissionReader;
import dev.greenlight.model.Submission;
import dev.greenlight.testing.ShippedPack;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decisions per second on the shared corpus (2,000 submissions, the shipped policy pack, no
 * plugins) with no audit log, and with the log in GROUP, SYNC and NONE modes, with 1 and 64
 * concurrent callers; and how many records shared each fsync. MODES is a comma-separated choice of
 * {@code none} (no log), {@code GROUP}, {@code SYNC}, {@code NONE}. A plain program, not a test (timings
 * on a shared machine are not pass/fail). Run (README, "Audit log"):
 *
 * <pre>
 * mvn -B -o -q -f engine/core/pom.xml test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * java -Dgreenlight.test.rules=rules/policies \
 *     -cp "engine/core/target/test-classes:engine/core/target/classes:$(cat engine/core/target/test-classpath.txt)" \
 *     dev.greenlight.audit.AuditLogBenchmark [DECISIONS [LOG-DIR [MODES]]]
 * </pre>
 */
public final class AuditLogBenchmark {
    private AuditLogBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int decisions = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Path logDir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("greenlight-audit-bench");
        List<Submission> corpus = corpus();
        System.out.printf("corpus: %d submissions; %d decisions per run; rules %s; log in %s; %d CPUs%n", corpus.size(), decisions,
                ShippedPack.rules(), logDir, Runtime.getRuntime().availableProcessors());
        try (Greenlight warm = Greenlight.builder().rulesDirectory(ShippedPack.rules()).build()) {
            for (int i = 0; i < 3; i++) { // warm up the JIT and the rules, single and concurrent
                run(warm, corpus, Math.max(decisions, 4000), 1);
                run(warm, corpus, Math.max(decisions, 4000), 8);
            }
        }
        System.out.printf("%-8s %7s %10s %8s %12s %8s %12s%n", "log", "callers", "decisions", "seconds", "decisions/s", "fsyncs",
                "records/fsync");
        int n = 0;
        String[] modes = args.length > 2 ? args[2].split(",") : new String[] {"none", "GROUP", "SYNC", "NONE"};
        for (String mode : modes) {
            for (int callers : new int[] {1, 64}) {
                CountingFiles files = new CountingFiles();
                GreenlightBuilder b = Greenlight.builder().rulesDirectory(ShippedPack.rules());
                Path base = logDir.resolve("run-" + (++n) + "/audit.jsonl");
                if (!mode.equals("none")) {
                    b.auditLog(AuditConfig.builder(base).durability(Durability.valueOf(mode)).files(files).build());
                }
                long records;
                double seconds;
                try (Greenlight g = b.build()) {
                    seconds = run(g, corpus, decisions, callers);
                }
                records = mode.equals("none") ? 0 : AuditVerifier.verify(base).records();
                if (!mode.equals("none") && records != decisions) {
                    throw new IllegalStateException("expected " + decisions + " records, found " + records);
                }
                long syncs = files.forces.get();
                System.out.printf("%-8s %7d %10d %8.2f %12.0f %8s %12s%n", mode.equals("none") ? "no log" : mode, callers, decisions,
                        seconds, decisions / seconds, mode.equals("none") ? "-" : Long.toString(syncs),
                        syncs == 0 ? "-" : String.format("%.1f", (double) records / syncs));
            }
        }
    }

    /** Decides {@code decisions} submissions from the corpus, round-robin, on {@code callers} threads; returns seconds. */
    private static double run(Greenlight g, List<Submission> corpus, int decisions, int callers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        AtomicInteger next = new AtomicInteger();
        long t0 = System.nanoTime();
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                fs.add(pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < decisions) {
                        g.decide(corpus.get(i % corpus.size()));
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static List<Submission> corpus() throws IOException {
        List<Submission> out = new ArrayList<>();
        try (InputStream in = AuditLogBenchmark.class.getResourceAsStream("/corpus/submissions-2k.jsonl")) {
            new SubmissionReader().readBatch(in, "submissions-2k.jsonl", item -> {
                if (item instanceof BatchItem.Valid v) {
                    out.add(v.submission());
                }
            });
        }
        return out;
    }

    /** The real file system, counting fsyncs of the log's files. */
    private static final class CountingFiles extends ForwardingFiles {
        final AtomicLong forces = new AtomicLong();

        @Override
        public LogFile open(Path file) throws IOException {
            boolean segment = file.getFileName().toString().matches(".*\\.jsonl(\\.\\d+)?");
            return new ForwardingFile(DEFAULT.open(file)) {
                @Override
                public void force() throws IOException {
                    if (segment) {
                        forces.incrementAndGet();
                    }
                    real.force();
                }
            };
        }
    }
}
