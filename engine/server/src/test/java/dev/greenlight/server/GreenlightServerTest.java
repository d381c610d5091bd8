package dev.greenlight.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.audit.AuditReader;
import dev.greenlight.audit.AuditVerifier;
import dev.greenlight.audit.AuditStats;
import dev.greenlight.engine.Greenlight;
import dev.greenlight.testkit.Submissions;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP API end to end over a real loopback socket (docs/reliability.md I1 included). */
class GreenlightServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "t0ken-for-tests-0123456789abcdef0123";
    private static final String RULES = """
            package a;
            import dev.greenlight.model.*;
            global Votes verdict;
            rule "commercial" @policy("C-1") when Submission( intendedUse == "commercial" ) then verdict.reject("Commercial use is closed."); end
            rule "ok" @policy("B-1") when Submission() then verdict.approve("Fine."); end
            """;

    @TempDir
    Path dir;
    Path rules;
    Path audit;
    GreenlightServer server;
    Greenlight engine;
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws IOException {
        rules = dir.resolve("rules");
        Files.createDirectories(rules);
        Files.writeString(rules.resolve("a.drl"), RULES);
        audit = dir.resolve("audit.jsonl");
        server = start(TOKEN, 0);
    }

    /** A server on a free loopback port with a 512 KiB body limit and batches of at most 100. */
    private GreenlightServer start(String token, int ratePerSecond) throws IOException {
        PrometheusMeterRegistry registry = GreenlightServer.newRegistry();
        engine = Greenlight.builder().rulesDirectory(rules).auditLog(audit).meterRegistry(registry).build();
        return GreenlightServer.builder(engine).port(0).token(token).maxBodyBytes(512 * 1024).maxBatchItems(100)
                .ratePerSecond(ratePerSecond).meterRegistry(registry).build().start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static String submission(String id, String use) {
        return Submissions.json(id, use);
    }

    private HttpResponse<String> post(String path, byte[] body, String contentType, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri().resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return post(path, body.getBytes(StandardCharsets.UTF_8), "application/json", TOKEN);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri().resolve(path)).timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }

    /** A problem document naming {@code pointer} among its errors. */
    private static void assertProblem(HttpResponse<String> r, int status, String pointer) throws IOException {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode p = json(r);
        assertThat(p.path("status").asInt()).isEqualTo(status);
        assertThat(p.path("type").asText()).isNotEmpty();
        assertThat(p.path("title").asText()).isNotEmpty();
        if (pointer != null) {
            assertThat(p.path("errors")).anySatisfy(e -> assertThat(e.path("pointer").asText()).isEqualTo(pointer));
        }
    }

    @Test
    void decide_one_returnsTheContractDecision_recordedInTheAuditLog() throws Exception {
        HttpResponse<String> r = post("/v1/decisions", submission("s-1", "commercial"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode d = json(r);
        assertThat(d.path("submissionId").asText()).isEqualTo("s-1");
        assertThat(d.path("verdict").asText()).isEqualTo("REJECT");
        assertThat(d.path("ruleset").path("version").asText()).startsWith("sha256:");
        for (String f : List.of("decisionId", "reasons", "signals", "plugins", "decidedAt", "elapsedMicros")) {
            assertThat(d.has(f)).as(f).isTrue();
        }
        Set<String> logged = loggedDecisionIds();
        assertThat(logged).contains(d.path("decisionId").asText());
    }

    @Test
    void decide_batch_decidesEveryGoodItem_andReportsEachBadOneWithItsPointer() throws Exception {
        String batch = "[" + submission("b-1", "portfolio") + ",{\"id\":\"b-2\"}," + submission("b-3", "commercial") + "]";
        HttpResponse<String> r = post("/v1/decisions", batch);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode out = json(r);
        assertThat(out.path("decided").asInt()).isEqualTo(2);
        assertThat(out.path("invalid").asInt()).isEqualTo(1);
        JsonNode results = out.path("results");
        assertThat(results.get(0).path("decision").path("verdict").asText()).isEqualTo("APPROVE");
        assertThat(results.get(1).path("index").asInt()).isEqualTo(1);
        assertThat(results.get(1).path("problem").path("errors")).anySatisfy(e ->
                assertThat(e.path("pointer").asText()).isEqualTo("/submittedAt"));
        assertThat(results.get(2).path("decision").path("verdict").asText()).isEqualTo("REJECT");

        String lines = submission("l-1", "portfolio") + "\n" + submission("l-2", "press") + "\n";
        HttpResponse<String> nd = post("/v1/decisions", lines.getBytes(StandardCharsets.UTF_8), "application/x-ndjson", TOKEN);
        assertThat(json(nd).path("decided").asInt()).isEqualTo(2);

        StringBuilder big = new StringBuilder("[");
        for (int i = 0; i < 101; i++) {
            big.append(i == 0 ? "" : ",").append(submission("x-" + i, "private"));
        }
        assertProblem(post("/v1/decisions", big.append("]").toString()), 413, null);
    }

    @Test
    void decide_batch_isOneDurableCommit_andEveryDecisionIsInTheLogInOrder() throws Exception {
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 50; i++) {
            batch.append(i == 0 ? "" : ",").append(i == 7 ? "{\"id\":\"bad\"}" : submission("o-" + i, i % 2 == 0 ? "commercial" : "private"));
        }
        AuditStats before = engine.auditStats().orElseThrow();
        HttpResponse<String> r = post("/v1/decisions", batch.append("]").toString());
        AuditStats after = engine.auditStats().orElseThrow();
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode out = json(r);
        assertThat(out.path("decided").asInt()).isEqualTo(49);
        assertThat(out.path("invalid").asInt()).isEqualTo(1);
        assertThat(out.path("failed").asInt()).isZero();
        assertThat(out.path("results").get(7).path("problem").path("status").asInt()).isEqualTo(400);
        assertThat(after.records() - before.records()).as("records of the batch").isGreaterThanOrEqualTo(49);
        assertThat(after.syncs() - before.syncs()).as("fsyncs for the whole batch (a checkpoint may ride along)")
                .isBetween(1L, 2L);
        List<String> answered = new ArrayList<>();
        out.path("results").forEach(x -> {
            if (x.has("decision")) {
                answered.add(x.path("decision").path("decisionId").asText());
            }
        });
        List<String> logged = new ArrayList<>();
        AuditReader.read(audit, rec -> {
            if (rec.isDecision()) {
                logged.add(rec.decisionId());
            }
        });
        assertThat(logged).containsSubsequence(answered);
    }

    @Test
    void builder_refusesOptionsOutOfRange_andAServerStartsOnce() {
        assertThatThrownBy(() -> GreenlightServer.builder(engine).port(70_000).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port");
        assertThatThrownBy(() -> GreenlightServer.builder(engine).maxThreads(2).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GreenlightServer.builder(engine).token(" ").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("token");
        assertThatThrownBy(() -> server.start()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void I1_hostileInputs_areEachRejectedWithAProblemNamingIt_andTheServerServesOn() throws Exception {
        String ok = submission("i-1", "portfolio");
        // oversized body
        byte[] huge = new byte[600 * 1024];
        java.util.Arrays.fill(huge, (byte) ' ');
        assertProblem(post("/v1/decisions", huge, "application/json", TOKEN), 413, null);
        // deep nesting
        String deep = "{\"attributes\":" + "{\"a\":".repeat(40) + "1" + "}".repeat(40) + "}";
        assertProblem(post("/v1/decisions", deep), 400, null);
        // huge strings: over the parser's 64 Ki limit, and over a field's limit
        assertProblem(post("/v1/decisions", ok.replace("\"intendedUse\"", "\"prompt\":\"" + "x".repeat(70_000) + "\",\"intendedUse\"")), 400, null);
        assertProblem(post("/v1/decisions", ok.replace("\"intendedUse\"", "\"prompt\":\"" + "x".repeat(20_001) + "\",\"intendedUse\"")), 400, "/prompt");
        // duplicate keys
        assertProblem(post("/v1/decisions", ok.replace("{\"id\":\"i-1\",", "{\"id\":\"i-1\",\"id\":\"i-2\",")), 400, null);
        // trailing garbage
        assertProblem(post("/v1/decisions", ok + " trailing"), 400, null);
        // a lone surrogate
        assertProblem(post("/v1/decisions", ok.replace("\"intendedUse\"", "\"prompt\":\"a\\ud800b\",\"intendedUse\"")), 400, null);
        // invalid UTF-8
        byte[] bad = ok.replace("\"intendedUse\"", "\"prompt\":\"ab\",\"intendedUse\"").getBytes(StandardCharsets.UTF_8);
        int at = new String(bad, StandardCharsets.ISO_8859_1).indexOf("ab\"");
        bad[at] = (byte) 0xC3;
        bad[at + 1] = (byte) 0x28;
        assertProblem(post("/v1/decisions", bad, "application/json", TOKEN), 400, null);
        // unknown fields
        assertProblem(post("/v1/decisions", ok.replace("{\"id\"", "{\"mood\":\"sunny\",\"id\"")), 400, "/mood");
        // path traversal in media paths
        assertProblem(post("/v1/decisions", ok.replace("{\"type\":\"image\"", "{\"type\":\"image\",\"path\":\"../../etc/passwd\"")), 400,
                "/media/0/path");
        assertProblem(post("/v1/decisions", ok.replace("{\"type\":\"image\"", "{\"type\":\"image\",\"path\":\"/etc/passwd\"")), 400,
                "/media/0/path");
        // not JSON at all, wrong media type, wrong method, no such route
        assertProblem(post("/v1/decisions", "\u0000\u0001"), 400, null);
        assertProblem(post("/v1/decisions", ok.getBytes(StandardCharsets.UTF_8), "text/plain", TOKEN), 415, null);
        HttpResponse<String> wrongMethod = get("/v1/decisions", TOKEN);
        assertProblem(wrongMethod, 405, null);
        assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("POST");
        assertProblem(get("/v1/nothing", TOKEN), 404, null);
        // and it still decides
        assertThat(post("/v1/decisions", ok).statusCode()).isEqualTo(200);
    }

    @Test
    void unauthorised_requestsAreRefused_butHealthAndTheApiDocumentAreOpen() throws Exception {
        HttpResponse<String> none = post("/v1/decisions", submission("u-1", "portfolio").getBytes(StandardCharsets.UTF_8),
                "application/json", null);
        assertProblem(none, 401, null);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertProblem(post("/v1/decisions", submission("u-2", "portfolio").getBytes(StandardCharsets.UTF_8),
                "application/json", "wrong"), 401, null);
        assertProblem(get("/metrics", null), 401, null);
        assertProblem(get("/v1/ruleset", "wrong"), 401, null);
        assertThat(get("/health/live", null).statusCode()).isEqualTo(200);
        assertThat(get("/health/ready", null).statusCode()).isEqualTo(200);
        JsonNode api = json(get("/openapi.json", null));
        assertThat(api.path("openapi").asText()).startsWith("3.");
        assertThat(api.path("paths").has("/v1/decisions")).isTrue();
        assertThat(loggedDecisionIds()).isEmpty();
    }

    @Test
    void ruleset_reload_metrics_andReviews() throws Exception {
        JsonNode rs = json(get("/v1/ruleset", TOKEN));
        String v0 = rs.path("version").asText();
        assertThat(rs.path("rules")).extracting(JsonNode::asText).containsExactly("commercial", "ok");
        assertThat(rs.path("loadedAt").asText()).isNotEmpty();

        Files.writeString(rules.resolve("a.drl"), RULES + "rule \"press\" when Submission( intendedUse == \"press\" ) then verdict.escalate(\"Press.\"); end\n");
        HttpResponse<String> reloaded = post("/v1/ruleset/reload", "");
        assertThat(reloaded.statusCode()).as(reloaded.body()).isEqualTo(200);
        assertThat(json(reloaded).path("status").asText()).isEqualTo("activated");
        String v1 = json(reloaded).path("active").path("version").asText();
        assertThat(v1).isNotEqualTo(v0);

        Files.writeString(rules.resolve("a.drl"), RULES + "rule \"broken\" when Submission( then end\n");
        HttpResponse<String> rejected = post("/v1/ruleset/reload", "");
        assertProblem(rejected, 422, null);
        assertThat(json(rejected).path("errors").get(0).path("file").asText()).isEqualTo("a.drl");
        assertThat(json(rejected).path("errors").get(0).path("line").asInt()).isPositive();
        assertThat(json(get("/v1/ruleset", TOKEN)).path("version").asText()).isEqualTo(v1);

        JsonNode d = json(post("/v1/decisions", submission("m-1", "press")));
        assertThat(d.path("ruleset").path("version").asText()).isEqualTo(v1);
        assertThat(d.path("verdict").asText()).isEqualTo("ESCALATE");

        String metrics = get("/metrics", TOKEN).body();
        assertThat(metrics).contains("greenlight_decisions_total{verdict=\"ESCALATE\"} 1.0")
                .contains("greenlight_rules_reloads_total{result=\"rejected\",target=\"live\"} 1.0")
                .contains("greenlight_decision_duration_seconds_bucket").contains("greenlight_audit_append_duration_seconds_count")
                .contains("greenlight_rule_votes_total").contains("greenlight_http_requests_seconds_count").contains("jvm_memory_used_bytes");

        String decisionId = d.path("decisionId").asText();
        HttpResponse<String> review = post("/v1/reviews", "{\"decisionId\":\"" + decisionId + "\",\"reviewer\":\"rev-1\",\"verdict\":\"APPROVE\",\"note\":\"ok\"}");
        assertThat(review.statusCode()).as(review.body()).isEqualTo(201);
        assertThat(json(review).path("previousVerdict").asText()).isEqualTo("ESCALATE");
        assertProblem(post("/v1/reviews", "{\"decisionId\":\"nope\",\"reviewer\":\"rev-1\",\"verdict\":\"APPROVE\"}"), 404, null);
        assertProblem(post("/v1/reviews", "{\"decisionId\":\"x\",\"reviewer\":\"r\",\"verdict\":\"MAYBE\",\"extra\":1}"), 400, "/verdict");
        // a reviewer's conditional approval waits for reviews that can name conditions
        assertProblem(post("/v1/reviews", "{\"decisionId\":\"" + decisionId + "\",\"reviewer\":\"r\",\"verdict\":\"APPROVE_WITH_CONDITIONS\"}"),
                400, "/verdict");
    }

    @Test
    void aConditionalApproval_isFulfilledOverHttp_recordedInTheChain_andAWrongFulfilmentIsAProblem() throws Exception {
        server.close();
        Files.writeString(rules.resolve("a.drl"), RULES.replace("rule \"ok\"", """
                rule "credit" @policy("C-2") when Submission( intendedUse == "portfolio" )
                then verdict.approveWith("credit-the-model", "Credit the model with the work."); end
                rule "ok\""""));
        Files.writeString(rules.resolve("conditions.yaml"), """
                conditions:
                  credit-the-model:
                    text: Credit the model with the work.
                    evidence: the credit line as published
                    deadline: P14D
                """);
        server = start(TOKEN, 0);
        JsonNode d = json(post("/v1/decisions", submission("f-1", "portfolio")));
        assertThat(d.path("verdict").asText()).isEqualTo("APPROVE_WITH_CONDITIONS");
        assertThat(d.at("/conditions/0/id").asText()).isEqualTo("credit-the-model");
        assertThat(d.at("/conditions/0/dueAt").asText()).isNotEmpty();
        String id = d.path("decisionId").asText();
        String plain = json(post("/v1/decisions", submission("f-2", "commercial"))).path("decisionId").asText();

        String path = "/v1/decisions/" + id + "/fulfilment";
        String credit = "{\"conditions\":[{\"id\":\"credit-the-model\",\"evidence\":\"Made with Model X 2.1\"}]}";
        assertProblem(post(path, "{\"conditions\":[{\"id\":\"credit-the-model\"}],\"extra\":1}"), 400, "/conditions/0/evidence");
        assertProblem(post(path, "{\"conditions\":[]}"), 400, "/conditions");
        assertProblem(post(path, "{\"conditions\":[{\"id\":\"label\",\"evidence\":\"x\"}]}"), 409, "/conditions/0/id");
        assertProblem(post("/v1/decisions/" + plain + "/fulfilment", credit), 409, null);
        assertProblem(post("/v1/decisions/nope/fulfilment", credit), 404, null);
        HttpResponse<String> ok = post(path, credit);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
        assertThat(json(ok).path("decisionSeq").asLong()).isEqualTo(1);
        assertThat(json(ok).at("/conditions/0/evidence").asText()).isEqualTo("Made with Model X 2.1");
        assertProblem(post(path, credit), 409, "/conditions/0/id");
        assertThat(get("/metrics", TOKEN).body()).contains("greenlight_conditions_open 0.0")
                .contains("greenlight_conditions_fulfilled_total{condition=\"credit-the-model\"} 1.0");
        assertThat(json(get("/openapi.json", null)).path("paths").has("/v1/decisions/{decisionId}/fulfilment")).isTrue();
        server.close();
        assertThat(AuditVerifier.verify(audit).intact()).isTrue();
        server = start(TOKEN, 0);
    }

    @Test
    void concurrentRequests_allDecided_andAllRecorded() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<List<String>>> futures = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < 25; i++) {
                    HttpResponse<String> r = post("/v1/decisions", submission("c-" + thread + "-" + i, i % 3 == 0 ? "commercial" : "portfolio"));
                    assertThat(r.statusCode()).isEqualTo(200);
                    ids.add(json(r).path("decisionId").asText());
                }
                return ids;
            }));
        }
        Set<String> acknowledged = new HashSet<>();
        for (Future<List<String>> f : futures) {
            acknowledged.addAll(f.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertThat(acknowledged).hasSize(200);
        assertThat(loggedDecisionIds()).containsAll(acknowledged);
    }

    @Test
    void rateLimit_answers429WithRetryAfter() throws Exception {
        server.close();
        server = start(null, 5);
        int limited = 0;
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> r = post("/v1/decisions", submission("r-" + i, "private").getBytes(StandardCharsets.UTF_8),
                    "application/json", null);
            if (r.statusCode() == 429) {
                limited++;
                assertProblem(r, 429, null);
                assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
            }
        }
        assertThat(limited).isPositive();
        assertThat(get("/health/ready", null).statusCode()).as("health is never rate limited").isEqualTo(200);
    }

    @Test
    void gracefulShutdown_losesNoAcknowledgedDecision() throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> clients = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            clients.add(pool.submit(() -> {
                for (int i = 0; !stop.get() && i < 2_000; i++) {
                    try {
                        HttpResponse<String> r = post("/v1/decisions", submission("g-" + thread + "-" + i, "portfolio"));
                        if (r.statusCode() == 200) {
                            acknowledged.add(json(r).path("decisionId").asText());
                        }
                    } catch (Exception e) {
                        return null; // refused once the server stops: not acknowledged
                    }
                }
                return null;
            }));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (acknowledged.size() < 100 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        server.close(); // drains the requests in flight, then closes the engine and the audit log
        stop.set(true);
        for (Future<?> f : clients) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(100);
        assertThat(AuditVerifier.verify(audit).intact()).isTrue();
        assertThat(loggedDecisionIds()).containsAll(acknowledged);
    }

    private Set<String> loggedDecisionIds() throws IOException {
        Set<String> ids = new HashSet<>();
        if (Files.exists(audit)) {
            AuditReader.read(audit, rec -> {
                if (rec.isDecision()) {
                    ids.add(rec.decisionId());
                }
            });
        }
        return ids;
    }
}
