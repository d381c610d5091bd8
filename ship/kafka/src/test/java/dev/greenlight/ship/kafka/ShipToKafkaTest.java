package dev.greenlight.ship.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.audit.AuditLog;
import dev.greenlight.audit.AuditShipper;
import dev.greenlight.audit.VerifyOptions;
import dev.greenlight.model.Verdict;
import dev.greenlight.testkit.HandMadeDecisions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publishing logs to a real Kafka broker: every record at least once, in order per log, and each chain verifiable there. */
class ShipToKafkaTest {
    static RealKafka kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = new RealKafka();
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    @Test
    void twoLogsOnOneTopicEachFollowedAcrossItsPartition() throws Exception {
        kafka.createTopic("audit-two", 3);
        Path a = dir.resolve("a/audit.jsonl");
        Path b = dir.resolve("b/audit.jsonl");
        Files.createDirectories(a.getParent());
        Files.createDirectories(b.getParent());
        AuditLog la = AuditLog.open(a);
        AuditLog lb = AuditLog.open(b);
        try (AuditShipper sa = AuditShipper.start(a, new KafkaShipTarget(kafka.bootstrap(), "audit-two", Map.of()), 100);
             AuditShipper sb = AuditShipper.start(b, new KafkaShipTarget(kafka.bootstrap(), "audit-two", Map.of()), 100)) {
            HandMadeDecisions.append(la, "a", 1, 250);
            HandMadeDecisions.append(lb, "b", 1, 150);
            lb.review("d-b3", "rev-ana", Verdict.REJECT, "", Instant.parse("2026-11-02T10:00:00Z"));
            la.close();
            lb.close();
            assertThat(sa.awaitCaughtUp(30_000)).isTrue();
            assertThat(sb.awaitCaughtUp(30_000)).isTrue();
        }
        List<KafkaChainVerifier.LogResult> results = KafkaChainVerifier.verify(kafka.bootstrap(), "audit-two",
                VerifyOptions.DEFAULT, Map.of());
        assertThat(results).hasSize(2);
        assertThat(results).allSatisfy(r -> assertThat(r.result().intact()).as(r.describe()).isTrue());
        assertThat(results).extracting(r -> r.result().decisions()).containsExactlyInAnyOrder(250L, 150L);
        assertThat(results).extracting(r -> r.result().reviews()).containsExactlyInAnyOrder(0L, 1L);
    }

    @Test
    void aBrokerRestartAndAResentHistoryLeaveEveryRecordAtLeastOnceAndTheChainsVerify() throws Exception {
        kafka.createTopic("audit-restart", 1);
        Path base = dir.resolve("audit.jsonl");
        AuditLog log = AuditLog.open(base);
        try (AuditShipper shipper = AuditShipper.start(base, new KafkaShipTarget(kafka.bootstrap(), "audit-restart",
                Map.of("delivery.timeout.ms", "3000", "request.timeout.ms", "1000", "max.block.ms", "1000")), 100)) {
            HandMadeDecisions.append(log, "r", 1, 200);
            assertThat(shipper.awaitCaughtUp(30_000)).isTrue();
            kafka.stopBroker();
            try {
                HandMadeDecisions.append(log, "r", 201, 300); // the node keeps deciding and recording
                waitUntil(() -> shipper.failures() > 0);
                assertThat(shipper.lag()).isPositive();
            } finally {
                kafka.startBroker();
            }
            log.close();
            assertThat(shipper.awaitCaughtUp(60_000)).isTrue();
        }
        // a crash before the cursor was saved: the shipper sends the whole history again
        Files.delete(base.resolveSibling("audit.jsonl.feed-ship-kafka"));
        try (AuditShipper shipper = AuditShipper.start(base, new KafkaShipTarget(kafka.bootstrap(), "audit-restart",
                Map.of()), 100)) {
            assertThat(shipper.awaitCaughtUp(30_000)).isTrue();
        }
        KafkaChainVerifier.LogResult r = KafkaChainVerifier.verify(kafka.bootstrap(), "audit-restart", VerifyOptions.DEFAULT,
                Map.of()).get(0);
        assertThat(r.result().intact()).as(r.describe()).isTrue();
        assertThat(r.result().decisions()).isEqualTo(500);
        assertThat(r.repeats()).isGreaterThanOrEqualTo(r.result().records() + r.result().checkpoints());
    }

    @Test
    void aMissingOrChangedMessageIsFound() throws Exception {
        Path base = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(base)) {
            HandMadeDecisions.append(log, "m", 1, 20);
        }
        List<byte[]> lines = new java.util.ArrayList<>();
        for (String l : Files.readAllLines(base, java.nio.charset.StandardCharsets.UTF_8)) {
            lines.add(l.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        String logId = dev.greenlight.audit.AuditFeed.logId(base).orElseThrow();

        kafka.createTopic("audit-missing", 1);
        publish("audit-missing", logId, lines.subList(0, 4), lines.subList(5, lines.size()));
        assertThat(problemIn("audit-missing")).isEqualTo("record seq 5 is missing from the topic (records 6 to " + lines.size()
                + " are there)");

        kafka.createTopic("audit-changed", 1);
        List<byte[]> changed = new java.util.ArrayList<>(lines);
        changed.set(7, new String(lines.get(7), java.nio.charset.StandardCharsets.UTF_8).replace("APPROVE", "REJECT")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        publish("audit-changed", logId, changed);
        assertThat(problemIn("audit-changed")).startsWith("hash does not match");

        // a sound record 8, but another one (of another log): sent again under this log's key
        Path other = dir.resolve("other.jsonl");
        try (AuditLog log = AuditLog.open(other)) {
            HandMadeDecisions.append(log, "o", 1, 10);
        }
        byte[] otherEighth = Files.readAllLines(other).get(7).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        kafka.createTopic("audit-twice", 1);
        publish("audit-twice", logId, lines.subList(0, 10), List.of(otherEighth), lines.subList(10, lines.size()));
        assertThat(problemIn("audit-twice")).startsWith("a repeated message for seq 8 carries another record");
    }

    @SafeVarargs
    private static void publish(String topic, String key, List<byte[]>... parts) throws Exception {
        try (var p = new org.apache.kafka.clients.producer.KafkaProducer<String, byte[]>(Map.of("bootstrap.servers",
                kafka.bootstrap()), new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            for (List<byte[]> part : parts) {
                for (byte[] line : part) {
                    p.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, key, line)).get();
                }
            }
        }
    }

    private static String problemIn(String topic) {
        KafkaChainVerifier.LogResult r = KafkaChainVerifier.verify(kafka.bootstrap(), topic, VerifyOptions.DEFAULT, Map.of()).get(0);
        return r.result().problem();
    }

    static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.sleep(20);
        }
    }
}
