package dev.greenlight.ship.kafka;

import dev.greenlight.audit.AuditShipper;
import dev.greenlight.audit.VerifyOptions;
import dev.greenlight.testkit.DecisionRate;
import dev.greenlight.testkit.NodeRates;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures, on request only ({@code -Dgreenlight.bench=true}), in one run: the node's own decision
 * rate with a GROUP log and the raw GROUP append rate ({@link NodeRates}; options there), how fast
 * that node's log then ships to a real Kafka broker (in this JVM), the ratios, and how long
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
    void shippingThroughputAgainstTheNodesOwnDecisionRate() throws Exception {
        NodeRates node = NodeRates.measure(dir);
        Path base = node.log();
        try (RealKafka kafka = new RealKafka()) {
            kafka.createTopic("bench", 1);
            long jvm0 = DecisionRate.processCpuNanos();
            long s0 = System.nanoTime();
            try (AuditShipper shipper = AuditShipper.start(base, new KafkaShipTarget(kafka.bootstrap(), "bench", Map.of()),
                    Integer.getInteger("greenlight.bench.batch", 500))) {
                if (!shipper.awaitCaughtUp(600_000)) {
                    throw new IllegalStateException("did not catch up");
                }
            }
            double shipSeconds = (System.nanoTime() - s0) / 1e9;
            double jvmMicros = (DecisionRate.processCpuNanos() - jvm0) / 1e3 / node.records();
            long v0 = System.nanoTime();
            var r = KafkaChainVerifier.verify(kafka.bootstrap(), "bench", VerifyOptions.DEFAULT, Map.of()).get(0);
            double verifySeconds = (System.nanoTime() - v0) / 1e9;
            node.print("Kafka (batch " + Integer.getInteger("greenlight.bench.batch", 500) + ")", shipSeconds);
            System.out.printf("CPU a record: %.0f us (shipper and broker: one JVM); a decision: %.0f us%n", jvmMicros,
                    node.cpuMicrosPerDecision());
            System.out.printf("verify --kafka: %.2f s (%,.0f records/s), intact=%s%n", verifySeconds,
                    node.records() / verifySeconds, r.result().intact());
        }
    }
}
