package dev.greenlight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.audit.AuditLog;
import dev.greenlight.audit.AuditShipper;
import dev.greenlight.model.Verdict;
import dev.greenlight.ship.postgres.PgSettings;
import dev.greenlight.ship.postgres.PgShipTarget;
import dev.greenlight.testkit.HandMadeDecisions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** audit verify / show / stats --db on two nodes' logs shipped to a real PostgreSQL. */
class ShippedLogCommandsTest {
    static EmbeddedPostgres pg;
    static String url;

    @TempDir
    static Path dir;

    @BeforeAll
    static void shipTwoNodes() throws Exception {
        pg = EmbeddedPostgres.builder().start();
        url = pg.getJdbcUrl("postgres", "postgres");
        PgSettings db = new PgSettings(url, "postgres", null);
        for (String node : new String[] {"a", "b"}) {
            Path base = dir.resolve(node + "/audit.jsonl");
            Files.createDirectories(base.getParent());
            try (AuditLog log = AuditLog.open(base)) {
                HandMadeDecisions.append(log, node, 1, 30);
                if (node.equals("b")) {
                    log.review("d-b3", "rev-ana", Verdict.REJECT, "likeness", Instant.parse("2026-11-02T10:00:00Z"));
                }
            }
            try (AuditShipper s = AuditShipper.start(base, new PgShipTarget(db, "node-" + node), 100)) {
                assertThat(s.awaitCaughtUp(30_000)).isTrue();
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        pg.close();
    }

    @Test
    void verifyDb_checksEveryNodesChain_andNamesTheEditedRecord() throws Exception {
        Cli ok = Cli.run("audit", "verify", "--db", url, "--db-user", "postgres");
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("(node node-a): intact, 30 records").contains("(node node-b): intact, 31 records")
                .contains("2 logs, 0 with problems");

        Cli json = Cli.run("audit", "verify", "--db", url, "--db-user", "postgres", "--format", "json");
        assertThat(json.out()).contains("\"intact\":true").contains("\"node\":\"node-a\"");

        String record4 = "seq = 4 AND log_id = (SELECT log_id FROM greenlight_logs WHERE node = 'node-b')";
        exec("CREATE TABLE kept AS SELECT line FROM greenlight_records WHERE " + record4);
        exec("UPDATE greenlight_records SET line = overlay(line placing '7'::bytea from 60 for 1) WHERE " + record4);
        try {
            Cli bad = Cli.run("audit", "verify", "--db", url, "--db-user", "postgres");
            assertThat(bad.exit()).isEqualTo(1);
            assertThat(bad.err()).contains("(node node-b): record seq 4: hash does not match");
            assertThat(bad.out()).contains("(node node-a): intact").contains("2 logs, 1 with problems");
        } finally {
            exec("UPDATE greenlight_records SET line = (SELECT line FROM kept) WHERE " + record4); // for the other tests
            exec("DROP TABLE kept");
        }
    }

    @Test
    void showStatsAndReplayDb_readEveryNodesRecords() {
        Cli show = Cli.run("audit", "show", "--db", url, "--db-user", "postgres", "--decision", "d-b3");
        assertThat(show.exit()).as(show.err()).isZero();
        assertThat(show.out()).contains("decision d-b3").contains("REJECT  by rev-ana").contains("final verdict: REJECT");

        Cli stats = Cli.run("audit", "stats", "--db", url, "--db-user", "postgres", "--format", "json");
        assertThat(stats.exit()).as(stats.err()).isZero();
        assertThat(stats.out()).contains("\"decisions\":60");

        Cli replay = Cli.run("replay", "--db", url, "--db-user", "postgres");
        assertThat(replay.exit()).as(replay.err()).isZero();
        assertThat(replay.out()).contains("replayed 60 decisions from jdbc:postgresql:");

        Cli both = Cli.run("audit", "show", "--db", url, dir.resolve("a/audit.jsonl").toString());
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("not both");
    }

    @Test
    void unreviewedAndQueue_needTheDeskOfOneLogFile_soDbRefusesThem() {
        // --unreviewed means "the desk case is still open"; the desk is rebuilt from one node's file
        for (String[] args : new String[][] {
            {"audit", "show", "--db", url, "--db-user", "postgres", "--unreviewed"},
            {"audit", "stats", "--db", url, "--db-user", "postgres", "--unreviewed"},
            {"replay", "--db", url, "--db-user", "postgres", "--unreviewed"}}) {
            Cli refused = Cli.run(args);
            assertThat(refused.exit()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(refused.err()).contains("--unreviewed rebuilds the review desk from one audit log FILE");
        }
        Cli queue = Cli.run("audit", "show", "--db", url, "--db-user", "postgres", "--queue", "review");
        assertThat(queue.exit()).isEqualTo(2);
        assertThat(queue.err()).contains("--queue rebuilds the review desk from one audit log FILE");

        Cli file = Cli.run("audit", "show", dir.resolve("b/audit.jsonl").toString(), "--unreviewed");
        assertThat(file.exit()).as(file.err()).isZero();
    }

    @Test
    void serveShipping_refusesWithoutAnAuditLog_andABadUrl_andVerifyNeedsOneSource() {
        assertThat(Cli.run("serve", "--help").out()).contains("--ship-db", "--ship-db-body", "--ship-kafka", "--ship-topic",
                "--ship-batch");
        Cli noAudit = Cli.run("serve", "--no-plugins", "--port", "0", "--ship-db", url);
        assertThat(noAudit.exit()).isEqualTo(2);
        assertThat(noAudit.err()).contains("need --audit FILE");
        Cli badUrl = Cli.run("serve", "--no-plugins", "--port", "0", "--audit", dir.resolve("x.jsonl").toString(),
                "--ship-db", "postgres://db/x");
        assertThat(badUrl.exit()).isEqualTo(2);
        assertThat(badUrl.err()).contains("--ship-db").contains("jdbc:postgresql:");
        Cli badBody = Cli.run("serve", "--no-plugins", "--port", "0", "--audit", dir.resolve("x.jsonl").toString(),
                "--ship-db", url, "--ship-db-body", "jsonb");
        assertThat(badBody.exit()).isEqualTo(2);
        assertThat(badBody.err()).contains("--ship-db-body must be stored or view, was jsonb");
        Cli none = Cli.run("audit", "verify");
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("give one of an audit log FILE, --db URL or --kafka");
        Cli topicless = Cli.run("audit", "verify", "--kafka", "localhost:9");
        assertThat(topicless.exit()).isEqualTo(2);
        assertThat(topicless.err()).contains("--kafka and --topic go together");
    }

    private static void exec(String sql) throws Exception {
        try (Connection c = new PgSettings(url, "postgres", null).connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
