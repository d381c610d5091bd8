package dev.greenlight.ship.kafka;

import dev.greenlight.audit.AuditConfig;
import dev.greenlight.audit.AuditLog;
import dev.greenlight.audit.AuditShipper;
import dev.greenlight.audit.AuditVerifier;
import dev.greenlight.audit.Durability;
import dev.greenlight.audit.VerifyOptions;
import dev.greenlight.testkit.HandMadeDecisions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures, on request only ({@code -Dgreenlight.bench=true}), how fast a log ships to a real Kafka
 * broker (in this JVM) against how fast the node records it with a GROUP log, and how long
 * {@code verify --kafka} takes. Prints figures; asserts nothing about speed.
 *
 * <pre>
 * mvn -o -pl ship/kafka -am verify -Dtest=ShipToKafkaBench -Dsurefire.failIfNoSpecifiedTests=false -Dgreenlight.bench=true
 * </pre>
 */
@EnabledIfSystemProperty(named = "greenlight.bench", matches = "true")
class ShipToKafkaBench {
    @TempDir
    Path dir;

    @Test
    void shippingThroughputAgainstTheNodesOwnRate() throws Exception {
        int records = Integer.getInteger("greenlight.bench.records", 100_000);
        int callers = 64;
        Path base = dir.resolve("audit.jsonl");
        long t0 = System.nanoTime();
        try (AuditLog log = AuditLog.open(AuditConfig.builder(base).durability(Durability.GROUP).build())) {
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                String prefix = "c" + c + "-";
                Thread t = new Thread(() -> HandMadeDecisions.append(log, prefix, 0, records / callers));
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) {
                t.join();
            }
        }
        double appendSeconds = (System.nanoTime() - t0) / 1e9;
        long lines = AuditVerifier.verify(base).lastSeq();
        try (RealKafka kafka = new RealKafka()) {
            kafka.createTopic("bench", 1);
            long s0 = System.nanoTime();
            try (AuditShipper shipper = AuditShipper.start(base, new KafkaShipTarget(kafka.bootstrap(), "bench", Map.of()), 500)) {
                if (!shipper.awaitCaughtUp(600_000)) {
                    throw new IllegalStateException("did not catch up");
                }
            }
            double shipSeconds = (System.nanoTime() - s0) / 1e9;
            long v0 = System.nanoTime();
            var r = KafkaChainVerifier.verify(kafka.bootstrap(), "bench", VerifyOptions.DEFAULT, Map.of()).get(0);
            double verifySeconds = (System.nanoTime() - v0) / 1e9;
            System.out.printf("%n== Kafka shipping, %d records, %d cores ==%n", lines, Runtime.getRuntime().availableProcessors());
            System.out.printf("node, GROUP log, %d callers: %,.0f records/s%n", callers, lines / appendSeconds);
            System.out.printf("shipped to Kafka (batch 500): %,.0f records/s = %.2f x the node's rate%n", lines / shipSeconds,
                    (lines / shipSeconds) / (lines / appendSeconds));
            System.out.printf("verify --kafka: %.2f s (%,.0f records/s), intact=%s%n", verifySeconds, lines / verifySeconds,
                    r.result().intact());
            System.out.printf("load average: %.1f%n", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                    .getSystemLoadAverage());
        }
    }
}
