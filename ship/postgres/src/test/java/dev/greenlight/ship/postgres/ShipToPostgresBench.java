package dev.greenlight.ship.postgres;

import dev.greenlight.audit.AuditConfig;
import dev.greenlight.audit.AuditLog;
import dev.greenlight.audit.AuditShipper;
import dev.greenlight.audit.Durability;
import dev.greenlight.audit.VerifyOptions;
import dev.greenlight.testkit.HandMadeDecisions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures, on request only ({@code -Dgreenlight.bench=true}), how fast a log ships to a real
 * PostgreSQL against how fast the node records it with a GROUP log, and how long {@code verify --db}
 * takes. Prints figures; asserts nothing about speed. Size: {@code -Dgreenlight.bench.records=N}.
 *
 * <pre>
 * mvn -o -pl ship/postgres -am verify -Dtest=ShipToPostgresBench -Dsurefire.failIfNoSpecifiedTests=false -Dgreenlight.bench=true
 * </pre>
 */
@EnabledIfSystemProperty(named = "greenlight.bench", matches = "true")
class ShipToPostgresBench {
    @TempDir
    Path dir;

    @Test
    void shippingThroughputAgainstTheNodesOwnRate() throws Exception {
        int records = Integer.getInteger("greenlight.bench.records", 100_000);
        int callers = 64;
        Path base = dir.resolve("audit.jsonl");
        // the node's own rate: 64 callers appending one decision each at a time to a GROUP log (the
        // log alone, no rules: faster than a node decides, so a strict bar to compare shipping with)
        long t0 = System.nanoTime();
        try (AuditLog log = AuditLog.open(AuditConfig.builder(base).durability(Durability.GROUP).build())) {
            List<Thread> threads = new ArrayList<>();
            int each = records / callers;
            for (int c = 0; c < callers; c++) {
                String prefix = "c" + c + "-";
                Thread t = new Thread(() -> HandMadeDecisions.append(log, prefix, 0, each));
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) {
                t.join();
            }
        }
        double appendSeconds = (System.nanoTime() - t0) / 1e9;
        long lines = dev.greenlight.audit.AuditVerifier.verify(base).lastSeq();
        long bytes = 0;
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().matches("audit\\.jsonl(\\.\\d+)?")).toList()) {
                bytes += Files.size(f);
            }
        }

        try (RealPostgres pg = new RealPostgres(dir.resolve("pg"))) {
            for (int batch : new int[] {500, 5000}) {
                PgSettings db = pg.newDatabase("bench" + batch);
                Files.deleteIfExists(base.resolveSibling("audit.jsonl.feed-ship-postgres")); // ship it all again
                long s0 = System.nanoTime();
                try (AuditShipper shipper = AuditShipper.start(base, new PgShipTarget(db, "bench"), batch)) {
                    if (!shipper.awaitCaughtUp(600_000)) {
                        throw new IllegalStateException("did not catch up");
                    }
                }
                double shipSeconds = (System.nanoTime() - s0) / 1e9;
                long v0 = System.nanoTime();
                var result = PgChainVerifier.verifyAll(db, VerifyOptions.DEFAULT).get(0);
                double verifySeconds = (System.nanoTime() - v0) / 1e9;
                System.out.printf("%n== PostgreSQL shipping, %d records (%.0f bytes each), %d cores ==%n", lines,
                        (double) bytes / lines, Runtime.getRuntime().availableProcessors());
                System.out.printf("node, GROUP log, %d callers: %,.0f records/s%n", callers, lines / appendSeconds);
                System.out.printf("shipped to PostgreSQL (batch %d): %,.0f records/s = %.2f x the node's rate%n", batch,
                        lines / shipSeconds, (lines / shipSeconds) / (lines / appendSeconds));
                System.out.printf("verify --db: %.2f s (%,.0f records/s), intact=%s%n", verifySeconds,
                        lines / verifySeconds, result.result().intact());
                System.out.printf("load average: %.1f%n", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage());
            }
        }
    }
}
