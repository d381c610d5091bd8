package dev.greenlight.ship.postgres;

import dev.greenlight.audit.AuditShipper;
import dev.greenlight.audit.VerifyOptions;
import dev.greenlight.testkit.DecisionRate;
import dev.greenlight.testkit.NodeRates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures, on request only ({@code -Dgreenlight.bench=true}), in one run: the node's own decision
 * rate with a GROUP log ({@link DecisionRate#ofNode}: shipped rules, 64 callers; also with the
 * shipped plugins when their jars are found), the raw GROUP append rate (no rules), how fast that
 * node's log then ships to a real PostgreSQL, the ratios, and how long {@code verify --db} takes.
 * Prints figures; asserts nothing about speed. Options: {@code -Dgreenlight.bench.records=N}
 * (decisions timed, default 50,000), {@code -Dgreenlight.bench.warmup=SECONDS} (8),
 * {@code -Dgreenlight.bench.callers=N} (64), {@code -Dgreenlight.bench.batch=N} (500). Ships twice,
 * with the schema's storage (lz4 where the server has it, else uncompressed: migration V3): with
 * {@code body} left to the view ({@link BodyStorage#VIEW}, the default) and with it stored
 * ({@link BodyStorage#STORED}); and twice more with {@code -Dgreenlight.bench.pglz=true}: each way,
 * the large columns compressed with pglz ({@code STORAGE EXTENDED}, an operator's choice where the
 * server has no lz4: less disk, more CPU). After each, a query that
 * reads every record's jsonb through the view is timed: what the view moves to query time.
 *
 * <pre>
 * mvn -o -pl ship/postgres -am verify -Dtest=ShipToPostgresBench -Dsurefire.failIfNoSpecifiedTests=false -Dgreenlight.bench=true
 * </pre>
 */
@EnabledIfSystemProperty(named = "greenlight.bench", matches = "true")
class ShipToPostgresBench {
    @TempDir
    Path dir;

    private static long jvmCpuNanos() {
        return DecisionRate.processCpuNanos();
    }

    /** How the server stores the large columns: lz4 where V3 could set it, else uncompressed (or pglz, if set back). */
    private static String compression(PgSettings db) throws java.sql.SQLException {
        try (var c = db.connect(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT attstorage, coalesce(nullif(attcompression, ''), 'p') FROM pg_attribute "
                     + "WHERE attrelid = 'greenlight_records'::regclass AND attname = 'line'")) {
            rs.next();
            if (rs.getString(1).equals("e")) {
                return "none (EXTERNAL)";
            }
            return rs.getString(2).equals("l") ? "lz4" : "pglz";
        }
    }

    @Test
    void shippingThroughputAgainstTheNodesOwnDecisionRate() throws Exception {
        NodeRates node = NodeRates.measure(dir);
        Path base = node.log();
        try (RealPostgres pg = new RealPostgres(dir.resolve("pg"))) {
            int batch = Integer.getInteger("greenlight.bench.batch", 500);
            // the first shipping warms up the shipper's JIT (it spent about twice its later CPU a record): not counted
            List<String[]> runs = new ArrayList<>(List.of(new String[] {"view", "default", "warm-up"},
                    new String[] {"view", "default"}, new String[] {"stored", "default"}));
            if (Boolean.getBoolean("greenlight.bench.pglz")) {
                runs.add(new String[] {"view", "EXTENDED"});
                runs.add(new String[] {"stored", "EXTENDED"});
            }
            for (String[] run : runs) {
                BodyStorage body = BodyStorage.parse(run[0]);
                String storage = run[1];
                boolean warmUp = run.length > 2;
                PgSettings db = pg.newDatabase("bench_" + body + "_" + storage.toLowerCase(java.util.Locale.ROOT)
                        + (warmUp ? "_warmup" : ""));
                if (storage.equals("EXTENDED")) {
                    // the operator's other choice where the server has no lz4 (docs/scale-out.md): pglz, less disk, more CPU
                    ShipToPostgresTest.exec(db, "ALTER TABLE greenlight_records ALTER line SET STORAGE EXTENDED, "
                            + "ALTER body SET STORAGE EXTENDED");
                }
                Files.deleteIfExists(base.resolveSibling("audit.jsonl.feed-ship-postgres")); // ship it all again
                long pg0 = pg.cpuNanos();
                long jvm0 = jvmCpuNanos();
                long s0 = System.nanoTime();
                try (AuditShipper shipper = AuditShipper.start(base, new PgShipTarget(db, "bench", body), batch)) {
                    if (!shipper.awaitCaughtUp(600_000)) {
                        throw new IllegalStateException("did not catch up");
                    }
                }
                double shipSeconds = (System.nanoTime() - s0) / 1e9;
                if (warmUp) {
                    System.out.printf("(warm-up shipping, not counted: %.2f s)%n", shipSeconds);
                    continue;
                }
                double pgMicros = (pg.cpuNanos() - pg0) / 1e3 / node.records();
                double jvmMicros = (jvmCpuNanos() - jvm0) / 1e3 / node.records();
                long v0 = System.nanoTime();
                var result = PgChainVerifier.verifyAll(db, VerifyOptions.DEFAULT).get(0);
                double verifySeconds = (System.nanoTime() - v0) / 1e9;
                node.print("PostgreSQL (body " + body + ", batch " + batch + ", storage " + storage + ": " + compression(db) + ")",
                        shipSeconds);
                System.out.printf("CPU a record: PostgreSQL %.0f us, the shipper's JVM %.0f us (reading, parsing, COPY); "
                        + "a decision: %.0f us, so shipping costs %.2f x a decision's CPU%n", pgMicros, jvmMicros,
                        node.cpuMicrosPerDecision(), (pgMicros + jvmMicros) / node.cpuMicrosPerDecision());
                System.out.printf("table size: %,.0f bytes a record%n", (double) ShipToPostgresTest.count(db,
                        "SELECT pg_total_relation_size('greenlight_records')") / node.records());
                System.out.printf("verify --db: %.2f s (%,.0f records/s), intact=%s%n", verifySeconds,
                        node.records() / verifySeconds, result.result().intact());
                // what leaving body to the view moves to query time: a query that reads every record's jsonb
                long q0 = System.nanoTime();
                long versions = ShipToPostgresTest.count(db, "SELECT count(DISTINCT body->'decision'->'ruleset'->>'version') "
                        + "FROM greenlight_records_json WHERE type = 'decision'");
                double querySeconds = (System.nanoTime() - q0) / 1e9;
                System.out.printf("a query reading every record's jsonb through greenlight_records_json: %.2f s (%,.0f records/s; "
                        + "%d ruleset versions)%n", querySeconds, node.records() / querySeconds, versions);
                if (!result.result().intact()) {
                    throw new IllegalStateException(result.describe());
                }
            }
        }
    }
}
