package dev.greenlight.audit;

import dev.greenlight.engine.Greenlight;
import dev.greenlight.json.BatchItem;
import dev.greenlight.json.SubmissionReader;
import dev.greenlight.model.Submission;
import dev.greenlight.testing.ShippedPack;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Batch decisions with one durable commit ({@code Greenlight.decideAll}) against no log, on the
 * shared corpus and the shipped pack, one calling thread. Prints decisions per second, the ratio,
 * and records per fsync. Run as AuditLogBenchmark is (see its header), with this class name and
 * optionally the number of batches of 1,000.
 */
public final class BatchCommitBenchmark {
    private BatchCommitBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int batches = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        List<Submission> corpus = new ArrayList<>();
        try (InputStream in = BatchCommitBenchmark.class.getResourceAsStream("/corpus/submissions-2k.jsonl")) {
            new SubmissionReader().readBatch(in, "corpus", item -> {
                if (item instanceof BatchItem.Valid v) {
                    corpus.add(v.submission());
                }
            });
        }
        List<Submission> batch = corpus.subList(0, 1_000);
        Path dir = Files.createTempDirectory("greenlight-batch");
        try (Greenlight none = Greenlight.builder().rulesDirectory(ShippedPack.rules()).build();
             Greenlight logged = Greenlight.builder().rulesDirectory(ShippedPack.rules())
                     .auditLog(dir.resolve("audit.jsonl")).build()) {
            for (int i = 0; i < 5; i++) { // warm-up
                none.decideAll(batch, null);
                logged.decideAll(batch, null);
            }
            AuditStats before = logged.auditStats().orElseThrow();
            double noLog = rate(none, batch, batches);
            double withLog = rate(logged, batch, batches);
            AuditStats after = logged.auditStats().orElseThrow();
            double perSync = (double) (after.records() - before.records()) / Math.max(1, after.syncs() - before.syncs());
            System.out.printf("batches of 1000, %d batches, 1 thread: no log %.0f decisions/s, GROUP log with one commit "
                    + "per batch %.0f decisions/s (%.2f of no-log), %.1f records per fsync%n", batches, noLog, withLog,
                    withLog / noLog, perSync);
        }
    }

    private static double rate(Greenlight g, List<Submission> batch, int batches) {
        long t0 = System.nanoTime();
        for (int i = 0; i < batches; i++) {
            g.decideAll(batch, null);
        }
        return batches * batch.size() / ((System.nanoTime() - t0) / 1e9);
    }
}
