package dev.greenlight.ship.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.audit.AuditLog;
import dev.greenlight.audit.AuditRecord;
import dev.greenlight.audit.AuditShipper;
import dev.greenlight.audit.AuditVerifier;
import dev.greenlight.audit.VerifyOptions;
import dev.greenlight.model.Verdict;
import dev.greenlight.testkit.HandMadeDecisions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Shipping a log to a real PostgreSQL: every record once, in order, verifiable there, through an outage too. */
class ShipToPostgresTest {
    @TempDir
    static Path pgDir;
    static RealPostgres postgres;
    static final AtomicInteger DATABASES = new AtomicInteger();

    @TempDir
    Path dir;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = new RealPostgres(pgDir.resolve("data"));
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    static PgSettings freshDatabase() throws SQLException {
        return postgres.newDatabase("ship" + DATABASES.incrementAndGet());
    }

    @Test
    void shipsEveryRecordOnceWithItsExactBytesAndColumns() throws Exception {
        PgSettings db = freshDatabase();
        Path base = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(base)) {
            HandMadeDecisions.append(log, "a", 1, 300);
            log.review("d-a3", "rev-ana", Verdict.REJECT, "likeness", Instant.parse("2026-11-02T10:00:00Z"));
        }
        try (AuditShipper shipper = AuditShipper.start(base, new PgShipTarget(db, "node-1"), 128)) {
            assertThat(shipper.awaitCaughtUp(20_000)).isTrue();
        }
        List<byte[]> lines = lines(base);
        assertThat(count(db, "SELECT count(*) FROM greenlight_records")).isEqualTo(lines.size());
        assertThat(count(db, "SELECT count(DISTINCT (log_id, seq)) FROM greenlight_records")).isEqualTo(lines.size());
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT line FROM greenlight_records ORDER BY seq")) {
            int i = 0;
            while (rs.next()) {
                assertThat(rs.getBytes(1)).as("record %d", i + 1).isEqualTo(lines.get(i++));
            }
        }
        // indexed columns: the reviewed decision's id finds its decision and its review, across the table
        List<AuditRecord> history = new ArrayList<>();
        PgRecords.readDecision(db, "d-a3", history::add);
        assertThat(history).extracting(AuditRecord::type).containsExactly("decision", "review");
        assertThat(count(db, "SELECT count(*) FROM greenlight_records WHERE verdict = 'ESCALATE' AND type = 'decision'"))
                .isEqualTo(100);
        assertThat(count(db, "SELECT count(*) FROM greenlight_records_json WHERE body->'decision'->>'decisionId' = 'd-a7'"))
                .isEqualTo(1);

        // docs/scale-out.md: every hash recomputed inside PostgreSQL from the stored bytes
        assertThat(count(db, "SELECT count(*) FROM greenlight_records WHERE encode(sha256(substring(line FROM 1 FOR "
                + "length(line) - 75) || '\\x7d'::bytea), 'hex') = hash")).isEqualTo(lines.size());

        List<PgChainVerifier.LogResult> results = PgChainVerifier.verifyAll(db, VerifyOptions.DEFAULT);
        assertThat(results).hasSize(1);
        assertThat(results.get(0).result().intact()).as(results.get(0).describe()).isTrue();
        assertThat(results.get(0).result().lastSeq()).isEqualTo(AuditVerifier.verify(base).lastSeq());
    }

    @Test
    void aRestartedShipperThatLostItsCursorStoresNothingTwice() throws Exception {
        PgSettings db = freshDatabase();
        Path base = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(base)) {
            HandMadeDecisions.append(log, "b", 1, 200);
        }
        try (AuditShipper shipper = AuditShipper.start(base, new PgShipTarget(db, "node-1"), 50)) {
            assertThat(shipper.awaitCaughtUp(20_000)).isTrue();
        }
        // a crash after PostgreSQL committed a batch but before the cursor was saved: here, every batch
        Files.delete(base.resolveSibling("audit.jsonl.feed-ship-postgres"));
        try (AuditLog log = AuditLog.open(base)) {
            HandMadeDecisions.append(log, "b", 201, 50);
        }
        try (AuditShipper shipper = AuditShipper.start(base, new PgShipTarget(db, "node-1"), 50)) {
            assertThat(shipper.awaitCaughtUp(20_000)).isTrue();
            assertThat(shipper.failures()).isZero();
        }
        long records = lines(base).size();
        assertThat(count(db, "SELECT count(*) FROM greenlight_records")).isEqualTo(records);
        assertThat(count(db, "SELECT shipped_seq FROM greenlight_logs")).isEqualTo(records);
        assertThat(PgChainVerifier.verifyAll(db, VerifyOptions.DEFAULT).get(0).result().intact()).isTrue();
    }

    @Test
    void twoNodesShipTheirOwnChainsToOneDatabase() throws Exception {
        PgSettings db = freshDatabase();
        Path a = dir.resolve("a/audit.jsonl");
        Path b = dir.resolve("b/audit.jsonl");
        Files.createDirectories(a.getParent());
        Files.createDirectories(b.getParent());
        try (AuditLog la = AuditLog.open(a); AuditLog lb = AuditLog.open(b);
             AuditShipper sa = AuditShipper.start(a, new PgShipTarget(db, "node-a"), 64);
             AuditShipper sb = AuditShipper.start(b, new PgShipTarget(db, "node-b"), 64)) {
            HandMadeDecisions.append(la, "x", 1, 150);
            HandMadeDecisions.append(lb, "y", 1, 120);
            lb.review("d-y5", "rev-bo", Verdict.APPROVE, "", Instant.parse("2026-11-03T10:00:00Z"));
            assertThat(sa.awaitCaughtUp(20_000)).isTrue();
            assertThat(sb.awaitCaughtUp(20_000)).isTrue();
        }
        List<PgChainVerifier.LogResult> results = PgChainVerifier.verifyAll(db, VerifyOptions.DEFAULT);
        assertThat(results).extracting(PgChainVerifier.LogResult::node).containsExactly("node-a", "node-b");
        assertThat(results).allSatisfy(r -> assertThat(r.result().intact()).as(r.describe()).isTrue());
        // one decision's records found through the index, whichever chain they are on
        List<AuditRecord> history = new ArrayList<>();
        PgRecords.readDecision(db, "d-y5", history::add);
        assertThat(history).extracting(AuditRecord::type).containsExactly("decision", "review");
    }

    @Test
    void postgresDownMidStreamTheNodeKeepsRecordingAndShippingCatchesUpWithNothingLostOrTwice() throws Exception {
        PgSettings db = freshDatabase();
        Path base = dir.resolve("audit.jsonl");
        AuditLog log = AuditLog.open(base);
        try (AuditShipper shipper = AuditShipper.start(base, new PgShipTarget(db, "node-1"), 64)) {
            HandMadeDecisions.append(log, "c", 1, 100);
            assertThat(shipper.awaitCaughtUp(20_000)).isTrue();
            postgres.stop();
            try {
                HandMadeDecisions.append(log, "c", 101, 300); // deciding and recording do not wait for PostgreSQL
                waitUntil(() -> shipper.failures() > 0);
                assertThat(shipper.lag()).isPositive();
                assertThat(shipper.lastProblem()).isPresent();
            } finally {
                postgres.start();
            }
            HandMadeDecisions.append(log, "c", 401, 50);
            log.close(); // its last record: a checkpoint
            assertThat(shipper.awaitCaughtUp(60_000)).isTrue();
        }
        long records = lines(base).size();
        assertThat(count(db, "SELECT count(*) FROM greenlight_records")).isEqualTo(records);
        assertThat(count(db, "SELECT count(*) FROM greenlight_records WHERE type = 'decision'")).isEqualTo(450);
        PgChainVerifier.LogResult r = PgChainVerifier.verifyAll(db, VerifyOptions.DEFAULT).get(0);
        assertThat(r.result().intact()).as(r.describe()).isTrue();
        assertThat(r.result().lastSeq()).isEqualTo(records);
    }

    @Test
    void verifyInPostgresFindsEditedDeletedAndCutRows() throws Exception {
        PgSettings db = freshDatabase();
        Path base = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(base)) {
            HandMadeDecisions.append(log, "t", 1, 60);
        }
        try (AuditShipper shipper = AuditShipper.start(base, new PgShipTarget(db, "node-1"), 100)) {
            assertThat(shipper.awaitCaughtUp(20_000)).isTrue();
        }
        assertThat(problem(db)).isNull();

        exec(db, "UPDATE greenlight_records SET line = overlay(line placing '7'::bytea from 60 for 1) WHERE seq = 10");
        assertThat(problem(db)).startsWith("record seq 10: hash does not match");

        exec(db, "UPDATE greenlight_records r SET line = o.line FROM (SELECT line FROM greenlight_records WHERE seq = 9) o"
                + " WHERE r.seq = 10");
        assertThat(problem(db)).startsWith("record seq 10: sequence number 9 where 10 was expected");

        exec(db, "DELETE FROM greenlight_records WHERE seq = 10");
        assertThat(problem(db)).startsWith("record seq 10: sequence number 11 where 10 was expected");

        PgSettings db2 = freshDatabase();
        Files.delete(base.resolveSibling("audit.jsonl.feed-ship-postgres")); // ship it all again, to db2
        try (AuditShipper shipper = AuditShipper.start(base, new PgShipTarget(db2, "node-1"), 100)) {
            assertThat(shipper.awaitCaughtUp(20_000)).isTrue();
        }
        exec(db2, "DELETE FROM greenlight_records WHERE seq > 50");
        assertThat(problem(db2)).contains("rows were deleted from its end");
    }

    @Test
    void aDifferentRecordUnderAStoredLogIdAndSeqIsRefusedNotOverwritten() throws Exception {
        PgSettings db = freshDatabase();
        Path base = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(base)) {
            HandMadeDecisions.append(log, "k", 1, 20);
        }
        try (AuditShipper shipper = AuditShipper.start(base, new PgShipTarget(db, "node-1"), 100)) {
            assertThat(shipper.awaitCaughtUp(20_000)).isTrue();
        }
        // PostgreSQL's seq 5 now holds another record (say, of a forked or rewritten log)
        exec(db, "UPDATE greenlight_records SET hash = repeat('e', 64) WHERE seq = 5");
        Files.delete(base.resolveSibling("audit.jsonl.feed-ship-postgres"));
        try (AuditShipper shipper = AuditShipper.start(base, new PgShipTarget(db, "node-1"), 100)) {
            waitUntil(() -> shipper.failures() > 0);
            assertThat(shipper.lastProblem()).hasValueSatisfying(p -> assertThat(p).contains("seq 5").contains("disagree"));
            assertThat(shipper.lastShippedSeq()).isZero();
        }
        assertThat(count(db, "SELECT count(*) FROM greenlight_records WHERE hash = repeat('e', 64)")).isEqualTo(1);
    }

    @Test
    void aRowAlreadyThereBeyondTheShippedSeqTurnsTheDirectCopyIntoTheCarefulPathWhichRefusesAnotherRecord() throws Exception {
        PgSettings db = freshDatabase();
        Path base = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(base)) {
            HandMadeDecisions.append(log, "m", 1, 10);
        }
        try (AuditShipper shipper = AuditShipper.start(base, new PgShipTarget(db, "node-1"), 100)) {
            assertThat(shipper.awaitCaughtUp(20_000)).isTrue();
        }
        long stored = lines(base).size();
        try (AuditLog log = AuditLog.open(base)) {
            HandMadeDecisions.append(log, "m", 11, 10);
        }
        // a row for the next seq, put there by something other than this shipper, with another hash:
        // the next batch starts right after shipped_seq, so it tries the direct COPY first
        try (Connection c = db.connect(); var ps = c.prepareStatement("INSERT INTO greenlight_records (log_id, seq, type, "
                + "hash, line) SELECT log_id, ?, 'decision', repeat('e', 64), ? FROM greenlight_logs")) {
            ps.setLong(1, stored + 1);
            ps.setBytes(2, lines(base).get((int) stored));
            ps.executeUpdate();
        }
        try (AuditShipper shipper = AuditShipper.start(base, new PgShipTarget(db, "node-1"), 100)) {
            waitUntil(() -> shipper.failures() > 0);
            assertThat(shipper.lastProblem()).hasValueSatisfying(p -> assertThat(p)
                    .contains("seq " + (stored + 1)).contains("disagree"));
            assertThat(shipper.shipped()).isZero();
        }
        assertThat(count(db, "SELECT count(*) FROM greenlight_records")).isEqualTo(stored + 1);
        assertThat(count(db, "SELECT shipped_seq FROM greenlight_logs")).isEqualTo(stored);

        // the same record as the log's (say, from a restored backup) is taken as stored, once
        exec(db, "UPDATE greenlight_records SET hash = encode(sha256(substring(line FROM 1 FOR length(line) - 75) "
                + "|| '\\x7d'::bytea), 'hex') WHERE seq = " + (stored + 1));
        try (AuditShipper shipper = AuditShipper.start(base, new PgShipTarget(db, "node-1"), 100)) {
            assertThat(shipper.awaitCaughtUp(20_000)).isTrue();
            assertThat(shipper.failures()).isZero();
        }
        assertThat(count(db, "SELECT count(*) FROM greenlight_records")).isEqualTo(lines(base).size());
        assertThat(PgChainVerifier.verifyAll(db, VerifyOptions.DEFAULT).get(0).result().intact()).isTrue();
    }

    @Test
    void aNodeKilledMidBatchAndRestartedLeavesEveryRecordExactlyOnce() throws Exception {
        PgSettings db = freshDatabase();
        Path base = dir.resolve("audit.jsonl");
        Process node = node(base, db, 1, 0);
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(node.getInputStream()))) {
            String line;
            // kill -9 once the shipper has stored some batches and the node is still writing
            while ((line = out.readLine()) != null && !(line.startsWith("shipped ") && Long.parseLong(line.substring(8)) > 300)) {
                // reading on
            }
            assertThat(line).as("the node's output").isNotNull();
            node.destroyForcibly(); // SIGKILL: no shutdown hook, no final checkpoint, cursor as last saved
            node.waitFor();
        }
        long shippedBeforeRestart = count(db, "SELECT count(*) FROM greenlight_records");
        assertThat(shippedBeforeRestart).isPositive();
        Process again = node(base, db, 100_000, 200);
        assertThat(new String(again.getInputStream().readAllBytes())).endsWith("done\n");
        assertThat(again.waitFor()).isZero();

        long records = lines(base).size();
        assertThat(count(db, "SELECT count(*) FROM greenlight_records")).isEqualTo(records);
        PgChainVerifier.LogResult r = PgChainVerifier.verifyAll(db, VerifyOptions.DEFAULT).get(0);
        assertThat(r.result().intact()).as(r.describe()).isTrue();
        assertThat(r.result().lastSeq()).isEqualTo(records);
        assertThat(AuditVerifier.verify(base).intact()).isTrue();
    }

    private static Process node(Path base, PgSettings db, int from, int n) throws java.io.IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), ShippingNode.class.getName(),
                base.toString(), db.url(), "k", Integer.toString(from), Integer.toString(n))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    @ParameterizedTest
    @EnumSource(BodyStorage.class)
    void aRecordThatJsonbCannotHoldShipsWithItsBytesAndNoJsonb(BodyStorage body) throws Exception {
        PgSettings db = freshDatabase();
        Path base = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(base)) {
            HandMadeDecisions.append(log, "z", 1, 2);
            log.append(HandMadeDecisions.decision("z", 3),
                    dev.greenlight.testkit.Submissions.base("s-z3").prompt("a\u0000b \ud800").build());
            HandMadeDecisions.append(log, "z", 4, 2);
        }
        try (AuditShipper shipper = AuditShipper.start(base, new PgShipTarget(db, "node-1", body), 100)) {
            assertThat(shipper.awaitCaughtUp(20_000)).isTrue();
            assertThat(shipper.failures()).isZero();
        }
        long records = lines(base).size();
        assertThat(count(db, "SELECT count(*) FROM greenlight_records")).isEqualTo(records);
        assertThat(count(db, "SELECT count(*) FROM greenlight_records WHERE body IS NULL"))
                .isEqualTo(body == BodyStorage.STORED ? 1 : records);
        // the view: jsonb for every record but that one, whichever way they were shipped
        assertThat(count(db, "SELECT count(*) FROM greenlight_records_json WHERE body IS NULL")).isEqualTo(1);
        assertThat(count(db, "SELECT seq FROM greenlight_records_json WHERE body IS NULL")).isEqualTo(3);
        assertThat(count(db, "SELECT count(*) FROM greenlight_records_json WHERE body->'decision'->>'decisionId' = 'd-z4'"))
                .isEqualTo(1);
        assertThat(PgChainVerifier.verifyAll(db, VerifyOptions.DEFAULT).get(0).result().intact()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(BodyStorage.class)
    void theViewsBodyIsEveryLineAsJsonbWhetherBodyIsStoredOrNot(BodyStorage body) throws Exception {
        PgSettings db = freshDatabase();
        Path base = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(base)) {
            HandMadeDecisions.append(log, "v", 1, 120);
            log.review("d-v3", "rev-ana", Verdict.REJECT, "likeness", Instant.parse("2026-11-02T10:00:00Z"));
        }
        try (AuditShipper shipper = AuditShipper.start(base, new PgShipTarget(db, "node-1", body), 50)) {
            assertThat(shipper.awaitCaughtUp(20_000)).isTrue();
        }
        // the careful path too: the cursor lost, every batch offered again, then new records after them
        Files.delete(base.resolveSibling("audit.jsonl.feed-ship-postgres"));
        try (AuditLog log = AuditLog.open(base)) {
            HandMadeDecisions.append(log, "v", 121, 40);
        }
        try (AuditShipper shipper = AuditShipper.start(base, new PgShipTarget(db, "node-1", body), 50)) {
            assertThat(shipper.awaitCaughtUp(20_000)).isTrue();
            assertThat(shipper.failures()).isZero();
        }
        long records = lines(base).size();
        assertThat(count(db, "SELECT count(*) FROM greenlight_records")).isEqualTo(records);
        assertThat(count(db, "SELECT count(*) FROM greenlight_records WHERE body IS NULL"))
                .isEqualTo(body == BodyStorage.STORED ? 0 : records);
        assertThat(count(db, "SELECT count(*) FROM greenlight_records r JOIN greenlight_records_json v USING (log_id, seq) "
                + "WHERE v.body = convert_from(r.line, 'UTF8')::jsonb AND v.line = r.line AND v.hash = r.hash "
                + "AND v.decision_id IS NOT DISTINCT FROM r.decision_id AND v.recorded_at IS NOT DISTINCT FROM r.recorded_at"))
                .isEqualTo(records);
        assertThat(count(db, "SELECT count(*) FROM greenlight_records_json WHERE type = 'review' "
                + "AND body->'review'->>'reviewer' = 'rev-ana'")).isEqualTo(1);
    }

    @Test
    void anExpressionIndexOverTheViewsBodyServesAQueryOnTheView() throws Exception {
        PgSettings db = freshDatabase();
        Path base = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(base)) {
            HandMadeDecisions.append(log, "x", 1, 200);
        }
        try (AuditShipper shipper = AuditShipper.start(base, new PgShipTarget(db, "node-1"), 100)) {
            assertThat(shipper.awaitCaughtUp(20_000)).isTrue();
        }
        // the recipe of docs/scale-out.md, "Queries of your own": the view's expression, then the path
        exec(db, "CREATE INDEX greenlight_records_body_decision ON greenlight_records "
                + "((coalesce(body, greenlight_body(line))->'decision'->>'decisionId'))");
        exec(db, "ANALYZE greenlight_records");
        String query = "SELECT seq FROM greenlight_records_json WHERE body->'decision'->>'decisionId' = 'd-x42'";
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("SET enable_seqscan = off");
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = s.executeQuery("EXPLAIN " + query)) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            assertThat(plan.toString()).contains("greenlight_records_body_decision");
            try (ResultSet rs = s.executeQuery(query)) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(count(db, "SELECT seq FROM greenlight_records WHERE decision_id = 'd-x42' "
                        + "AND type = 'decision'"));
                assertThat(rs.next()).isFalse();
            }
        }
    }

    static String problem(PgSettings db) throws SQLException {
        PgChainVerifier.LogResult r = PgChainVerifier.verifyAll(db, VerifyOptions.DEFAULT).get(0);
        return r.result().intact() ? null : "record seq " + r.result().badSeq() + ": " + r.result().problem();
    }

    static void exec(PgSettings db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
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

    static List<byte[]> lines(Path base) throws Exception {
        List<byte[]> out = new ArrayList<>();
        byte[] all = Files.readAllBytes(base);
        int start = 0;
        for (int i = 0; i < all.length; i++) {
            if (all[i] == '\n') {
                out.add(java.util.Arrays.copyOfRange(all, start, i));
                start = i + 1;
            }
        }
        return out;
    }

    static long count(PgSettings db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
