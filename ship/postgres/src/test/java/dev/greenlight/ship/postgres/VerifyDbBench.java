package dev.greenlight.ship.postgres;

import dev.greenlight.audit.AuditConfig;
import dev.greenlight.audit.AuditLog;
import dev.greenlight.audit.AuditShipper;
import dev.greenlight.audit.Durability;
import dev.greenlight.audit.VerifyOptions;
import dev.greenlight.testkit.DecisionRate;
import dev.greenlight.testkit.HandMadeDecisions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures, on request only ({@code -Dgreenlight.bench=true}), {@code audit verify --db}
 * ({@link PgChainVerifier#verifyAll}) over a large chain in a real PostgreSQL: writes a log of
 * {@code -Dgreenlight.bench.verify.records=N} hand-made decisions (1,000,000 by default; about 1 KB a
 * record, in batches of 1,000, durability NONE: filling is not what is measured), ships it with the
 * real shipper (batches of 5,000), then verifies it twice (the second run reads a warm cache) and
 * prints records/s and the CPU each side used. Asserts only that the chain verifies.
 *
 * <pre>
 * mvn -o -pl ship/postgres -am verify -Dtest=VerifyDbBench -Dsurefire.failIfNoSpecifiedTests=false -Dgreenlight.bench=true
 * </pre>
 */
@EnabledIfSystemProperty(named = "greenlight.bench", matches = "true")
class VerifyDbBench {
    @TempDir
    Path dir;

    @Test
    void verifyAMillionRecordsInPostgres() throws Exception {
        int decisions = Integer.getInteger("greenlight.bench.verify.records", 1_000_000);
        Path base = dir.resolve("audit.jsonl");
        long w0 = System.nanoTime();
        try (AuditLog log = AuditLog.open(AuditConfig.builder(base).durability(Durability.NONE).build())) {
            HandMadeDecisions.appendBatched(log, "v", 1, decisions, 1_000);
        }
        System.out.printf("%nlog of %,d decisions written in %.1f s%n", decisions, (System.nanoTime() - w0) / 1e9);
        try (RealPostgres pg = new RealPostgres(dir.resolve("pg"))) {
            PgSettings db = pg.newDatabase("verify");
            long s0 = System.nanoTime();
            try (AuditShipper shipper = AuditShipper.start(base, new PgShipTarget(db, "bench"), 5_000)) {
                if (!shipper.awaitCaughtUp(3_600_000)) {
                    throw new IllegalStateException("did not catch up");
                }
                System.out.printf("shipped %,d records in %.1f s (%,.0f records/s)%n", shipper.shipped(),
                        (System.nanoTime() - s0) / 1e9, shipper.shipped() / ((System.nanoTime() - s0) / 1e9));
            }
            for (int run = 1; run <= 2; run++) {
                long pg0 = pg.cpuNanos();
                long jvm0 = DecisionRate.processCpuNanos();
                long v0 = System.nanoTime();
                PgChainVerifier.LogResult r = PgChainVerifier.verifyAll(db, VerifyOptions.DEFAULT).get(0);
                double seconds = (System.nanoTime() - v0) / 1e9;
                long records = r.result().lastSeq();
                System.out.printf("verify --db, run %d: %,d records in %.2f s = %,.0f records/s; CPU a record: PostgreSQL %.1f us, "
                        + "verifier %.1f us; load average %.1f%n", run, records, seconds, records / seconds,
                        (pg.cpuNanos() - pg0) / 1e3 / records, (DecisionRate.processCpuNanos() - jvm0) / 1e3 / records,
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                if (!r.result().intact()) {
                    throw new AssertionError(r.describe());
                }
            }
        }
    }
}
