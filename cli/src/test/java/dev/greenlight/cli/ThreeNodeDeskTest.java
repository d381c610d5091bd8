package dev.greenlight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.greenlight.audit.AuditShipper;
import dev.greenlight.desk.CaseState;
import dev.greenlight.desk.DeskConfig;
import dev.greenlight.desk.ReviewDesk;
import dev.greenlight.desk.accounts.Account;
import dev.greenlight.desk.accounts.Accounts;
import dev.greenlight.desk.accounts.Role;
import dev.greenlight.engine.Greenlight;
import dev.greenlight.json.SubmissionReader;
import dev.greenlight.model.Submission;
import dev.greenlight.server.GreenlightServer;
import dev.greenlight.ship.postgres.PgSettings;
import dev.greenlight.ship.postgres.PgShipTarget;
import dev.greenlight.ship.postgres.desk.PgCaseStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18's acceptance for the shared review desk: three {@code serve} nodes (each a real
 * {@link GreenlightServer} with its own engine, audit log, shipper and desk) on one real PostgreSQL
 * (embedded, started here), 8 reviewers each signed in to one node (in turn), claiming and deciding over
 * the HTTP JSON API until every case is closed; some give cases back, some let a lease lapse. No case
 * is held by two reviewers at once, every case is closed by exactly one review record across all
 * chains (counted in PostgreSQL once shipping caught up), {@code audit verify --db} passes with the
 * links between chains, and each node's own {@code audit verify} passes.
 *
 * <p>Here, in cli's tests, because it needs the server, the desk, ship/postgres (PgCaseStore and the
 * shipper) and the {@code audit verify} command together; no other module sees them all. The nodes
 * share one JVM: none of those parts keeps static state.
 */
class ThreeNodeDeskTest {
    private static final int NODES = 3;
    private static final int REVIEWERS = 8;
    private static final int CASES = 300;
    /** Submissions decided a second time on another node: they join their case there. */
    private static final int RESUBMITTED = 30;
    private static final Duration LEASE = Duration.ofSeconds(2);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    EmbeddedPostgres pg;
    final List<Node> nodes = new ArrayList<>();

    /** One serve node: engine and log, shipper, the desk on the shared store, the HTTP server. */
    static final class Node implements AutoCloseable {
        final Path log;
        final Greenlight engine;
        final PgCaseStore store;
        final ReviewDesk desk;
        final AuditShipper shipper;
        final GreenlightServer server;

        Node(Path dir, Path rules, PgSettings db, String name, Accounts accounts) throws Exception {
            log = dir.resolve(name).resolve("audit.jsonl");
            Files.createDirectories(log.getParent());
            var registry = GreenlightServer.newRegistry();
            engine = Greenlight.builder().rulesDirectory(rules).auditLog(log).meterRegistry(registry).build();
            // fewer connections than reviewers may use a node at once: a decision holds one connection
            // (and the case's row lock) while it writes its record, and must not wait for a second
            store = PgCaseStore.open(db, 2);
            desk = ReviewDesk.openShared(engine, DeskConfig.builder().lease(LEASE).build(), store);
            shipper = AuditShipper.start(log, new PgShipTarget(db, name), 100);
            server = GreenlightServer.builder(engine).port(0).ratePerSecond(0).desk(desk).accounts(accounts)
                    .meterRegistry(registry).build().start();
        }

        @Override
        public void close() throws Exception {
            server.close(); // closes the desk and the engine
            store.close();
            shipper.close();
        }
    }

    /**
     * One claim as a reviewer saw it, with bounds on when it began and ended (the test cannot see the
     * database's instant). It began after {@code granted}, the desk's "now" for the claim
     * ({@code leaseUntil - LEASE}; it may have waited for a connection after that), and before
     * {@code answered}, when the reviewer had the answer. It ended (decided or given back) after
     * {@code endAsked}, when the reviewer sent the request, and before {@code endDone}, when it had
     * the answer; a lapsed lease ended at {@code leaseUntil}, the desk's time.
     */
    record Claim(String caseId, String reviewer, Instant granted, Instant answered, Instant leaseUntil, String end,
                 Instant endAsked, Instant endDone) {
        /**
         * True when this claim and {@code other}, of the same case, surely overlapped: both had begun
         * before either began to end; or one began after the other had closed the case.
         */
        boolean overlaps(Claim other) {
            Instant bothBegun = answered.isAfter(other.answered) ? answered : other.answered;
            Instant firstEnding = endAsked.isBefore(other.endAsked) ? endAsked : other.endAsked;
            return bothBegun.isBefore(firstEnding)
                    || end.equals("decided") && other.granted.isAfter(endDone)
                    || other.end.equals("decided") && granted.isAfter(other.endDone);
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (Node n : nodes) {
            try {
                n.close();
            } catch (RuntimeException e) {
                // stopped by the test already
            }
        }
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void threeNodes_eightReviewers_noCaseHeldTwice_everyCaseClosedOnceAcrossChains() throws Exception {
        pg = EmbeddedPostgres.builder().start();
        String url = pg.getJdbcUrl("postgres", "postgres");
        PgSettings db = new PgSettings(url, "postgres", null);
        Path rules = rules(dir);
        Accounts accounts = accounts();
        for (int i = 1; i <= NODES; i++) {
            nodes.add(new Node(dir, rules, db, "node-" + i, accounts));
        }

        // 300 submissions decided ESCALATE, spread over the nodes; 30 of them decided again on the next node
        SubmissionReader reader = new SubmissionReader();
        for (int i = 0; i < CASES; i++) {
            nodes.get(i % NODES).engine.decide(reader.parse(submission(i), "test"));
        }
        for (int i = 0; i < RESUBMITTED; i++) {
            nodes.get((i + 1) % NODES).engine.decide(reader.parse(submission(i), "test"));
        }
        assertThat(nodes.get(0).store.all(Instant.now())).hasSize(CASES)
                .allMatch(c -> c.state() == CaseState.OPEN && c.caseId().matches("c-[0-9a-f]{12}-[0-9]+"));

        Map<String, List<Claim>> claims = new ConcurrentHashMap<>();
        AtomicInteger closed = new AtomicInteger();
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        CyclicBarrier start = new CyclicBarrier(REVIEWERS);
        ExecutorService pool = Executors.newFixedThreadPool(REVIEWERS);
        List<Future<int[]>> done = new ArrayList<>();
        Random seeds = new Random(18);
        for (int r = 1; r <= REVIEWERS; r++) {
            String name = String.format("r%02d", r);
            long seed = seeds.nextLong();
            done.add(pool.submit(() -> review(name, seed, start, claims, closed, problems)));
        }
        int[] totals = new int[4];
        for (Future<int[]> f : done) {
            int[] t = f.get();
            for (int i = 0; i < t.length; i++) {
                totals[i] += t[i];
            }
        }
        pool.shutdown();
        System.out.printf("8 reviewers on 3 nodes: %d decided, %d released, %d leases lapsed, %d claims%n",
                totals[0], totals[1], totals[2], totals[3]);
        assertThat(problems).as("unexpected answers").isEmpty();

        // no case held by two reviewers at once; a decided case is never handed out again
        List<String> overlaps = new ArrayList<>();
        for (List<Claim> cs : claims.values()) {
            for (int i = 0; i < cs.size(); i++) {
                for (int j = i + 1; j < cs.size(); j++) {
                    if (cs.get(i).overlaps(cs.get(j))) {
                        overlaps.add(cs.get(i).caseId() + ": " + cs.get(i) + " and " + cs.get(j));
                    }
                }
            }
        }
        assertThat(overlaps).as("cases held by two reviewers at once").isEmpty();
        assertThat(totals[0]).isEqualTo(CASES);
        assertThat(totals[1]).as("some cases were given back").isPositive();
        assertThat(totals[2]).as("some leases lapsed").isPositive();
        assertThat(nodes.get(0).store.all(Instant.now())).hasSize(CASES)
                .allMatch(c -> c.state() == CaseState.CLOSED);

        // every case closed by exactly one review record, across all chains, once shipping caught up
        for (Node n : nodes) {
            assertThat(n.shipper.awaitCaughtUp(60_000)).isTrue();
        }
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT count(DISTINCT body->'review'->>'caseId'), count(*),"
                    + " count(*) FILTER (WHERE body->'review'->'decision' ? 'log'), count(DISTINCT log_id)"
                    + " FROM greenlight_records_json WHERE type = 'review' AND verdict IN ('APPROVE', 'REJECT')")) {
                rs.next();
                assertThat(rs.getLong(1)).as("cases closed").isEqualTo(CASES);
                assertThat(rs.getLong(2)).as("closing review records").isEqualTo(CASES);
                assertThat(rs.getLong(3)).as("reviews of another node's decision").isPositive();
                assertThat(rs.getLong(4)).as("chains holding reviews").isEqualTo(NODES);
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM greenlight_records_json WHERE type = 'review'")) {
                rs.next();
                assertThat(rs.getLong(1)).as("every review record closes a case").isEqualTo(CASES);
            }
            // audit show --db: a decision of one chain, reviewed on another, with its final verdict
            try (ResultSet rs = st.executeQuery("SELECT decision_id, verdict, log_id FROM greenlight_records_json WHERE type = 'review'"
                    + " AND body->'review'->'decision'->>'log' IS NOT NULL ORDER BY log_id, seq LIMIT 1")) {
                rs.next();
                String decisionId = rs.getString(1);
                Cli show = Cli.run("audit", "show", "--db", url, "--db-user", "postgres", "--decision", decisionId);
                assertThat(show.exit()).as(show.err()).isZero();
                assertThat(show.out()).contains("decision " + decisionId).contains("  review  " + rs.getString(2))
                        .contains("final verdict: " + rs.getString(2));
            }
        }

        Cli verifyDb = Cli.run("audit", "verify", "--db", url, "--db-user", "postgres");
        assertThat(verifyDb.exit()).as(verifyDb.out() + verifyDb.err()).isZero();
        assertThat(verifyDb.out()).contains("3 logs, 0 with problems").containsPattern("[1-9][0-9]* links between chains "
                + "\\(reviews of decisions in other logs\\): all hold");
        for (Node n : List.copyOf(nodes)) {
            n.close();
            nodes.remove(n);
            Cli local = Cli.run("audit", "verify", n.log.toString());
            assertThat(local.exit()).as(local.out() + local.err()).isZero();
            assertThat(local.out()).contains("checked by verify --db");
        }
    }

    /**
     * One reviewer on one node: claims the next case, then decides it (APPROVE or REJECT), or
     * gives it back (one claim in ten), or — once, for the first three reviewers — lets the lease
     * lapse and finds its decision refused. Until every case is closed.
     *
     * @return decided, released, lapsed, claims
     */
    private int[] review(String name, long seed, CyclicBarrier start, Map<String, List<Claim>> claims, AtomicInteger closed,
                         List<String> problems) throws Exception {
        Random random = new Random(seed);
        // signed in to nodes in turn, so that each node has reviewers who decide (r01-r03 lapse first)
        URI base = nodes.get((Integer.parseInt(name.substring(1)) - 1) % NODES).server.uri();
        String token = token(name);
        boolean lapseOnce = name.compareTo("r04") < 0;
        int[] n = new int[4];
        start.await();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (closed.get() < CASES && System.nanoTime() < deadline) {
            Answer a = send(base, token, "POST", "/v1/cases/next?queue=review", null);
            if (a.status == 204) {
                Thread.sleep(50); // the rest is claimed; a lapse or a release may give one back
                continue;
            }
            if (a.status != 200 || !name.equals(a.json.path("claimedBy").asText())) {
                problems.add(name + " claim: " + a);
                continue;
            }
            n[3]++;
            Instant answered = Instant.now();
            String caseId = a.json.path("caseId").asText();
            long version = a.json.path("version").asLong();
            Instant leaseUntil = Instant.parse(a.json.path("leaseUntil").asText());
            Instant granted = leaseUntil.minus(LEASE);
            List<Claim> mine = claims.computeIfAbsent(caseId, k -> Collections.synchronizedList(new ArrayList<>()));
            if (lapseOnce) {
                lapseOnce = false;
                Thread.sleep(LEASE.toMillis() + 500);
                Answer late = send(base, token, "POST", "/v1/cases/" + caseId + "/decision", decision(version, random));
                if (late.status != 409) {
                    problems.add(name + " decided after its lease lapsed: " + late);
                }
                mine.add(new Claim(caseId, name, granted, answered, leaseUntil, "lapsed", leaseUntil, leaseUntil));
                n[2]++;
                continue;
            }
            if (random.nextInt(10) == 0) {
                Instant asked = Instant.now();
                Answer back = send(base, token, "POST", "/v1/cases/" + caseId + "/release", null);
                if (back.status != 200) {
                    problems.add(name + " release: " + back);
                }
                mine.add(new Claim(caseId, name, granted, answered, leaseUntil, "released", asked, Instant.now()));
                n[1]++;
                continue;
            }
            Instant asked = Instant.now();
            Answer d = send(base, token, "POST", "/v1/cases/" + caseId + "/decision", decision(version, random));
            if (d.status != 200 || !"closed".equals(d.json.path("state").asText())) {
                problems.add(name + " decision on " + caseId + ": " + d);
                mine.add(new Claim(caseId, name, granted, answered, leaseUntil, "refused", asked, Instant.now()));
                continue;
            }
            mine.add(new Claim(caseId, name, granted, answered, leaseUntil, "decided", asked, Instant.now()));
            closed.incrementAndGet();
            n[0]++;
        }
        return n;
    }

    private static String decision(long version, Random random) {
        var o = JSON.createObjectNode();
        if (random.nextBoolean()) {
            o.put("verdict", "APPROVE").put("policy", "PRG-3");
        } else {
            o.put("verdict", "REJECT").put("policy", "PRG-3").put("artistMessage", "This work cannot be shared here.");
        }
        return o.put("version", version).toString();
    }

    private record Answer(int status, JsonNode json, String body) {
        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private static Answer send(URI base, String token, String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = r.body().isEmpty() ? MissingNode.getInstance() : JSON.readTree(r.body());
        return new Answer(r.statusCode(), json, r.body());
    }

    private static byte[] submission(int i) {
        return ("{\"id\":\"s-" + i + "\",\"submittedAt\":\"2026-11-02T10:00:00Z\",\"submitter\":{\"id\":\"artist-" + i
                + "\",\"verified\":false},\"intendedUse\":\"portfolio\",\"media\":[{\"type\":\"image\",\"mimeType\":"
                + "\"image/png\",\"path\":\"work.png\",\"width\":64,\"height\":64}]}").getBytes(StandardCharsets.UTF_8);
    }

    private static String token(String name) {
        return "token-" + name + "-0123456789abcdef0123456789";
    }

    /** Token-only reviewers r01…r08 (no password: no PBKDF2 work in the test). */
    private static Accounts accounts() {
        List<Accounts.Entry> entries = new ArrayList<>();
        for (int i = 1; i <= REVIEWERS; i++) {
            String name = String.format("r%02d", i);
            entries.add(new Accounts.Entry(Account.of(name, Role.REVIEWER), null, Accounts.tokenSha256(token(name))));
        }
        return Accounts.of(entries);
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
