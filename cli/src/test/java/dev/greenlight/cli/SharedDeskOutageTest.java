package dev.greenlight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.audit.AuditReader;
import dev.greenlight.desk.DeskConfig;
import dev.greenlight.desk.ReviewDesk;
import dev.greenlight.desk.accounts.Account;
import dev.greenlight.desk.accounts.Accounts;
import dev.greenlight.desk.accounts.Role;
import dev.greenlight.engine.Greenlight;
import dev.greenlight.json.SubmissionReader;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Verdict;
import dev.greenlight.server.GreenlightServer;
import dev.greenlight.ship.postgres.PgSettings;
import dev.greenlight.ship.postgres.desk.PgCaseStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 item 5 for the shared review desk: a {@code serve} node (a real {@link GreenlightServer}
 * with its engine, audit log and desk on a real PostgreSQL, embedded and started here) keeps deciding
 * while PostgreSQL is stopped; the ESCALATE decisions are recorded, {@code /metrics} counts their cases
 * as not yet offered and readiness turns DOWN past the limit; once PostgreSQL is started again on the
 * same data, the desk offers them by itself (no restart): every case is in the store exactly once, the
 * count is 0, readiness is UP, and a reviewer claims each one.
 */
class SharedDeskOutageTest {
    private static final int DURING_OUTAGE = 10;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final String TOKEN = "token-ana-0123456789abcdef0123456789";

    @TempDir
    Path dir;

    int port;
    EmbeddedPostgres pg;
    Greenlight engine;
    PgCaseStore store;
    GreenlightServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close(); // closes the desk and the engine
        }
        if (store != null) {
            store.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    private void startPostgres() throws Exception {
        pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).setCleanDataDirectory(false).setPort(port).start();
    }

    @Test
    void decisionsWhilePostgresIsDown_areRecorded_counted_andOfferedOnceItIsBack() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        startPostgres();
        PgSettings db = new PgSettings("jdbc:postgresql://localhost:" + port + "/postgres", "postgres", null);
        Path log = dir.resolve("node").resolve("audit.jsonl");
        Files.createDirectories(log.getParent());
        var registry = GreenlightServer.newRegistry();
        engine = Greenlight.builder().rulesDirectory(rules(dir)).auditLog(log).meterRegistry(registry).build();
        store = PgCaseStore.open(db, 2);
        ReviewDesk desk = ReviewDesk.openShared(engine, DeskConfig.builder().build(), store);
        server = GreenlightServer.builder(engine).port(0).ratePerSecond(0).desk(desk).accounts(accounts())
                .sinkLagLimit(Duration.ofSeconds(1)).meterRegistry(registry).build().start();
        URI base = server.uri();

        SubmissionReader reader = new SubmissionReader();
        engine.decide(reader.parse(submission(0), "test"));
        assertThat(caseRows(db)).isEqualTo(1);

        pg.close();
        pg = null;
        List<String> decided = new ArrayList<>();
        for (int i = 1; i <= DURING_OUTAGE; i++) {
            Decision d = engine.decide(reader.parse(submission(i), "test"));
            assertThat(d.verdict()).isEqualTo(Verdict.ESCALATE);
            decided.add(d.decisionId());
        }
        // recorded in the node's own log, whatever the store does
        java.util.concurrent.atomic.AtomicInteger recorded = new java.util.concurrent.atomic.AtomicInteger();
        AuditReader.read(log, r -> {
            if (r.isDecision()) {
                recorded.incrementAndGet();
            }
        });
        assertThat(recorded.get()).isEqualTo(DURING_OUTAGE + 1);
        assertThat(desk.unoffered()).isEqualTo(DURING_OUTAGE);
        assertThat(gauge(base)).isEqualTo(DURING_OUTAGE);
        Thread.sleep(1_500); // past the readiness limit
        HttpResponse<String> ready = get(base, "/health/ready");
        assertThat(ready.statusCode()).isEqualTo(503);
        JsonNode check = JSON.readTree(ready.body()).path("checks").path("desk");
        assertThat(check.path("status").asText()).isEqualTo("DOWN");
        assertThat(check.path("unofferedCases").asInt()).isEqualTo(DURING_OUTAGE);

        startPostgres(); // the same data directory and port: the store is back as it was
        long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (desk.unoffered() > 0 && System.nanoTime() < until) {
            Thread.sleep(200);
        }
        assertThat(desk.unoffered()).as("cases not offered 90 s after PostgreSQL came back").isZero();
        assertThat(gauge(base)).isZero();
        assertThat(get(base, "/health/ready").statusCode()).isEqualTo(200);
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT decision_id), count(DISTINCT submission_id),"
                     + " count(*) FILTER (WHERE decision_line IS NOT NULL) FROM desk_case")) {
            rs.next();
            assertThat(rs.getInt(1)).as("cases").isEqualTo(DURING_OUTAGE + 1);
            assertThat(rs.getInt(2)).as("decisions").isEqualTo(DURING_OUTAGE + 1);
            assertThat(rs.getInt(3)).as("submissions").isEqualTo(DURING_OUTAGE + 1);
            assertThat(rs.getInt(4)).as("cases with their decision's bytes").isEqualTo(DURING_OUTAGE + 1);
        }

        // a reviewer claims every one, each once
        Set<String> claimedDecisions = new HashSet<>();
        for (int i = 0; i <= DURING_OUTAGE; i++) {
            HttpResponse<String> next = send(base, "POST", "/v1/cases/next?queue=review");
            assertThat(next.statusCode()).as(next.body()).isEqualTo(200);
            assertThat(claimedDecisions.add(JSON.readTree(next.body()).path("decisionId").asText())).isTrue();
        }
        assertThat(send(base, "POST", "/v1/cases/next?queue=review").statusCode()).isEqualTo(204);
        assertThat(claimedDecisions).containsAll(decided);
    }

    private static int caseRows(PgSettings db) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM desk_case")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** {@code greenlight_desk_unoffered_cases} as /metrics shows it. */
    private static int gauge(URI base) throws Exception {
        HttpResponse<String> m = get(base, "/metrics");
        assertThat(m.statusCode()).isEqualTo(200);
        Matcher g = Pattern.compile("(?m)^greenlight_desk_unoffered_cases(?:\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(m.body());
        assertThat(g.find()).as("greenlight_desk_unoffered_cases in /metrics").isTrue();
        return (int) Double.parseDouble(g.group(1));
    }

    private static HttpResponse<String> get(URI base, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> send(URI base, String method, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + TOKEN).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] submission(int i) {
        return ("{\"id\":\"s-" + i + "\",\"submittedAt\":\"2026-11-02T10:00:00Z\",\"submitter\":{\"id\":\"artist-" + i
                + "\",\"verified\":false},\"intendedUse\":\"portfolio\",\"media\":[{\"type\":\"image\",\"mimeType\":"
                + "\"image/png\",\"path\":\"work.png\",\"width\":64,\"height\":64}]}").getBytes(StandardCharsets.UTF_8);
    }

    private static Accounts accounts() {
        return Accounts.of(List.of(new Accounts.Entry(Account.of("ana", Role.REVIEWER), null, Accounts.tokenSha256(TOKEN))));
    }

    /** A pack whose every decision is ESCALATE under PRG-3, with its catalogue. */
    private static Path rules(Path dir) throws Exception {
        Path rules = dir.resolve("rules");
        Files.createDirectories(rules.resolve("programme"));
        Files.writeString(rules.resolve("programme/review.drl"), """
                package programme;
                import dev.greenlight.model.*;
                global Votes verdict;
                rule "everything is reviewed" @policy("PRG-3")
                when Submission()
                then verdict.escalate("A reviewer will look at this work before it can be shared.");
                end
                """);
        Files.writeString(rules.resolve("catalogue.yaml"), """
                policies:
                  PRG-3:
                    title: Unverified accounts are reviewed
                    text: Work from an account that is not verified yet is checked by a reviewer before it is shared.
                """);
        return rules;
    }
}
