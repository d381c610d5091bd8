package dev.greenlight.ship.postgres;

import dev.greenlight.audit.AuditShipper;
import dev.greenlight.audit.VerifyOptions;
import dev.greenlight.testkit.DecisionRate;
import dev.greenlight.testkit.NodeRates;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * {@code -Dgreenlight.bench.callers=N} (64), {@code -Dgreenlight.bench.batches=500,5000}.
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
    void shippingThroughputAgainstTheNodesOwnDecisionRate() throws Exception {
        NodeRates node = NodeRates.measure(dir);
        Path base = node.log();
        try (RealPostgres pg = new RealPostgres(dir.resolve("pg"))) {
            for (String b : System.getProperty("greenlight.bench.batches", "500").split(",")) {
                int batch = Integer.parseInt(b.trim());
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
                node.print("PostgreSQL (batch " + batch + ")", shipSeconds);
                System.out.printf("verify --db: %.2f s (%,.0f records/s), intact=%s%n", verifySeconds,
                        node.records() / verifySeconds, result.result().intact());
                if (!result.result().intact()) {
                    throw new IllegalStateException(result.describe());
                }
            }
        }
    }
}
