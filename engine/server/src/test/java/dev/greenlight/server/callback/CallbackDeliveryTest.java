package dev.greenlight.server.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.greenlight.audit.ReviewDetails;
import dev.greenlight.engine.Greenlight;
import dev.greenlight.json.SubmissionReader;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Verdict;
import dev.greenlight.server.GreenlightServer;
import dev.greenlight.testkit.Submissions;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Callbacks end to end in one JVM: a real server, a real audit log, a receiver that fails at first. */
class CallbackDeliveryTest {
    static final byte[] SECRET = "callback-secret-for-tests-0123456789".getBytes(StandardCharsets.US_ASCII);
    static final String RULES = """
            package a;
            import dev.greenlight.model.*;
            global Votes verdict;
            rule "commercial" @policy("C-1") when Submission( intendedUse == "commercial" ) then verdict.reject("Commercial use is closed."); end
            rule "portfolio" @policy("P-1") when Submission( intendedUse == "portfolio" ) then verdict.escalate("A reviewer will look at this."); end
            rule "ok" @policy("B-1") when Submission() then verdict.approve("Fine."); end
            """;

    @TempDir
    Path dir;

    static Path rules(Path dir) throws Exception {
        Path rules = dir.resolve("rules");
        Files.createDirectories(rules);
        Files.writeString(rules.resolve("a.drl"), RULES);
        return rules;
    }

    @Test
    void receiverFailingThreeTimes_getsEveryFinalVerdict_signed_inOrderPerDecision() throws Exception {
        Path audit = dir.resolve("audit.jsonl");
        PrometheusMeterRegistry registry = GreenlightServer.newRegistry();
        Greenlight engine = Greenlight.builder().rulesDirectory(rules(dir)).auditLog(audit).meterRegistry(registry).build();
        try (Receiver receiver = new Receiver(SECRET, 3)) {
            CallbackConfig config = CallbackConfig.builder(receiver.url(), SECRET).automatic(true)
                    .retry(Duration.ofMillis(20), Duration.ofMillis(200)).build();
            GreenlightServer server = GreenlightServer.builder(engine).port(0).meterRegistry(registry).callbacks(config).build().start();
            try {
                SubmissionReader reader = new SubmissionReader();
                // expected final verdicts per decision, in the order they are recorded
                Map<String, List<String>> expected = new LinkedHashMap<>();
                List<Decision> escalated = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    String use = i % 3 == 0 ? "commercial" : i % 3 == 1 ? "portfolio" : "press";
                    Decision d = engine.decide(reader.parse(Submissions.json("s-" + i, use).getBytes(StandardCharsets.UTF_8), "t"));
                    if (d.verdict() == Verdict.ESCALATE) {
                        escalated.add(d);
                        expected.put(d.decisionId(), new ArrayList<>());
                    } else {
                        expected.computeIfAbsent(d.decisionId(), k -> new ArrayList<>()).add(d.verdict() + " by rules");
                    }
                }
                for (int i = 0; i < escalated.size(); i++) {
                    Decision d = escalated.get(i);
                    // a move to the lead is not final and is not announced
                    engine.review(d.decisionId(), "rev-a", Verdict.ESCALATE, "to the lead");
                    Verdict first = i % 2 == 0 ? Verdict.REJECT : Verdict.APPROVE;
                    // as the desk records it: the message for the artist goes out, the note never does
                    engine.review(d.decisionId(), "lead-b", first, "internal note, never sent",
                            new ReviewDetails("c-" + i, "lead", "P-1", "Message for the artist " + i, List.of()));
                    expected.get(d.decisionId()).add(first + " by reviewer");
                    if (i % 2 == 0) { // appealed and overturned
                        engine.appeal(d.decisionId(), "a-" + i, "Please look again.");
                        engine.review(d.decisionId(), "rev-c", Verdict.APPROVE, "overturned");
                        expected.get(d.decisionId()).add("APPROVE by reviewer");
                    }
                }
                int total = expected.values().stream().mapToInt(List::size).sum();
                Receiver.waitFor(() -> receiver.accepted().size() >= total, total + " callbacks");

                assertThat(receiver.calls).hasSize(total + 3);
                assertThat(receiver.calls).allSatisfy(c -> assertThat(c.signatureValid()).isTrue());
                // the first three refusals were of the same record, sent again with the same key
                assertThat(receiver.calls.subList(0, 4)).extracting(Receiver.Call::idempotencyKey).containsOnly(
                        receiver.calls.get(0).idempotencyKey());
                Map<String, List<String>> got = new LinkedHashMap<>();
                for (Receiver.Call c : receiver.accepted()) {
                    JsonNode b = c.body();
                    assertThat(b.path("messages").toString()).doesNotContain("internal note");
                    assertThat(b.path("submissionId").asText()).startsWith("s-");
                    assertThat(b.path("at").asText()).isNotEmpty();
                    got.computeIfAbsent(b.path("decisionId").asText(), k -> new ArrayList<>())
                            .add(b.path("finalVerdict").asText() + " by " + b.path("decidedBy").asText());
                }
                assertThat(got).isEqualTo(expected);
                assertThat(receiver.accepted()).extracting(Receiver.Call::idempotencyKey).doesNotHaveDuplicates();
                assertThat(receiver.accepted().get(0).body().path("messages").get(0).asText()).isEqualTo("Commercial use is closed.");
                assertThat(receiver.accepted()).anySatisfy(c -> assertThat(c.body().path("messages").toString())
                        .contains("Message for the artist"));

                HttpClient http = HttpClient.newHttpClient();
                String metrics = http.send(HttpRequest.newBuilder(server.uri().resolve("/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                assertThat(metrics).contains("greenlight_callbacks_delivered_total " + total + ".0")
                        .contains("greenlight_callbacks_failed_total 3.0");
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(server.uri().resolve("/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(ready.body()).contains("\"callbacks\":{\"status\":\"UP\"");
            } finally {
                server.close();
            }
        }
    }

    @Test
    void readiness_turnsDown_whileCallbacksLagPastTheLimit() throws Exception {
        Path audit = dir.resolve("audit.jsonl");
        Greenlight engine = Greenlight.builder().rulesDirectory(rules(dir)).auditLog(audit).build();
        try (Receiver receiver = new Receiver(SECRET, Integer.MAX_VALUE)) {
            CallbackConfig config = CallbackConfig.builder(receiver.url(), SECRET).automatic(true)
                    .retry(Duration.ofMillis(10), Duration.ofMillis(50)).lagLimit(Duration.ofMillis(1)).build();
            GreenlightServer server = GreenlightServer.builder(engine).port(0).callbacks(config).build().start();
            try {
                engine.decide(new SubmissionReader().parse(Submissions.json("s-1", "press").getBytes(StandardCharsets.UTF_8), "t"));
                Receiver.waitFor(() -> receiver.calls.size() >= 2, "two refused attempts");
                HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        server.uri().resolve("/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(ready.statusCode()).isEqualTo(503);
                assertThat(ready.body()).contains("callbacks are").contains("HTTP 503 from " + receiver.url());
            } finally {
                server.close();
            }
        }
    }

    @Test
    void config_refusesShortSecretsAndOtherSchemes() {
        assertThatThrownBy(() -> CallbackConfig.builder(URI.create("http://x/h"), new byte[8]).build())
                .hasMessageContaining("callback secret");
        assertThatThrownBy(() -> CallbackConfig.builder(URI.create("ftp://x/h"), SECRET).build())
                .hasMessageContaining("callback url");
    }

    @Test
    void server_refusesCallbacksWithoutAnAuditLog() throws Exception {
        try (Greenlight engine = Greenlight.builder().rulesDirectory(rules(dir)).build()) {
            CallbackConfig config = CallbackConfig.builder(URI.create("http://127.0.0.1:1/h"), SECRET).build();
            assertThatThrownBy(() -> GreenlightServer.builder(engine).callbacks(config).build())
                    .hasMessageContaining("audit log");
        }
    }

    @Test
    void signature_verifiesOnlyTheSignedBodyWithinTolerance() {
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        String header = CallbackSignature.sign(SECRET, 1_000_000, body);
        assertThat(header).matches("t=1000000,v1=[0-9a-f]{64}");
        assertThat(CallbackSignature.verify(SECRET, header, body, 1_000_100, Duration.ofMinutes(5))).isTrue();
        assertThat(CallbackSignature.verify(SECRET, header, "{\"a\":2}".getBytes(StandardCharsets.UTF_8), 1_000_100,
                Duration.ofMinutes(5))).isFalse();
        assertThat(CallbackSignature.verify(SECRET, header, body, 1_000_000 + 301, Duration.ofMinutes(5))).isFalse();
        assertThat(CallbackSignature.verify("another-secret-0123456789".getBytes(StandardCharsets.UTF_8), header, body,
                1_000_000, Duration.ofMinutes(5))).isFalse();
        assertThat(CallbackSignature.verify(SECRET, "t=x,v1=zz", body, 1_000_000, Duration.ofMinutes(5))).isFalse();
    }
}
