package dev.greenlight.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.greenlight.audit.AuditException;
import dev.greenlight.audit.AuditVerifier;
import dev.greenlight.json.InputProblem;
import dev.greenlight.json.InvalidSubmissionException;
import dev.greenlight.json.JsonLimits;
import dev.greenlight.json.ModelJson;
import dev.greenlight.json.SubmissionReader;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Submission;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedding guide's example (engine/README.md, "A complete example"), run, so that it stays
 * true: the code between the README markers below is the code the guide shows, and
 * {@link #readme_showsThisVeryCode()} checks that it does.
 */
class EmbeddingExampleTest {
    @TempDir
    Path dir;

    // README-BEGIN
    /** A small HTTP service embedding Greenlight: POST /decide with one submission, get its decision. */
    static final class SmallServer implements AutoCloseable {
        private final Greenlight engine;                      // one engine, shared by every request thread
        private final SubmissionReader reader = new SubmissionReader();
        private final ExecutorService workers = Executors.newFixedThreadPool(8);
        private final HttpServer http;

        SmallServer(Path rules, Path auditLog, MeterRegistry registry) throws IOException {
            engine = Greenlight.builder()
                    .rulesDirectory(rules)
                    .auditLog(auditLog)                       // every decision durable before it is answered
                    .watchRules(Duration.ofMillis(500))       // new rules go live once they compile
                    .meterRegistry(registry)                  // decisions, latency, votes, reloads, audit
                    .build();
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            http.setExecutor(workers);
            http.createContext("/decide", this::decide);
            http.start();
        }

        int port() {
            return http.getAddress().getPort();
        }

        Greenlight engine() {
            return engine;
        }

        private void decide(HttpExchange exchange) throws IOException {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readNBytes(JsonLimits.MAX_DOCUMENT_BYTES + 1);
                int status;
                String answer;
                try {
                    Submission submission = reader.parse(body, "request");
                    Decision decision = engine.decide(submission); // recorded in the audit log when it returns
                    status = 200;
                    answer = ModelJson.toJson(decision);
                } catch (InvalidSubmissionException e) {       // names every bad field by JSON Pointer
                    status = 400;
                    answer = problem(400, e.problems());
                } catch (AuditException e) {                   // not recorded, so not decided
                    status = 503;
                    answer = problem(503, List.of());
                }
                byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", status == 200 ? "application/json" : "application/problem+json");
                exchange.sendResponseHeaders(status, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }

        private static String problem(int status, List<InputProblem> problems) {
            ObjectNode p = JsonNodeFactory.instance.objectNode().put("status", status)
                    .put("title", status == 400 ? "The submission is invalid" : "The decision could not be recorded");
            problems.forEach(ip -> p.withArray("errors").addObject().put("pointer", ip.pointer()).put("detail", ip.message()));
            return ModelJson.write(p);
        }

        /** Stops taking requests, lets those in flight finish, then closes the engine (and its audit log). */
        @Override
        public void close() {
            http.stop(1);                              // up to 1 s for exchanges in flight
            workers.shutdown();
            try {
                workers.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            engine.close();
        }
    }
    // README-END

    @Test
    void smallServer_decides_reportsBadFields_reloadsRules_andClosesCleanly() throws Exception {
        Path rules = dir.resolve("rules");
        Files.createDirectories(rules);
        Files.writeString(rules.resolve("a.drl"), """
                package a;
                import dev.greenlight.model.*;
                global Votes verdict;
                rule "ok" @policy("B-1") when Submission() then verdict.approve("Fine."); end
                """);
        Path audit = dir.resolve("audit.jsonl");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        HttpClient client = HttpClient.newHttpClient();
        String body = "{\"id\":\"e-1\",\"submittedAt\":\"2026-11-01T09:00:00Z\",\"submitter\":{\"id\":\"a\"},"
                + "\"intendedUse\":\"press\",\"media\":[{\"type\":\"image\"}]}";
        try (SmallServer server = new SmallServer(rules, audit, registry)) {
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/decide");
            HttpResponse<String> ok = client.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).contains("\"verdict\":\"APPROVE\"");

            HttpResponse<String> bad = client.send(HttpRequest.newBuilder(uri)
                    .POST(HttpRequest.BodyPublishers.ofString(body.replace("\"press\"", "42"))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("/intendedUse");

            Files.writeString(rules.resolve("b.drl"), """
                    package b;
                    import dev.greenlight.model.*;
                    global Votes verdict;
                    rule "press" @policy("P-1") when Submission( intendedUse == "press" ) then verdict.escalate("Press work is reviewed."); end
                    """);
            ReloadResult r = server.engine().reloadRules(); // the watch would do it within a second; reloading is idempotent
            assertThat(r.succeeded()).isTrue();
            HttpResponse<String> after = client.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(after.body()).contains("\"verdict\":\"ESCALATE\"");
            assertThat(registry.get("greenlight.decisions").tag("verdict", "ESCALATE").counter().count()).isEqualTo(1);
        }
        assertThat(AuditVerifier.verify(audit).intact()).isTrue();
    }

    @Test
    void readme_showsThisVeryCode() throws IOException {
        String source = Files.readString(Path.of("src/test/java/dev/greenlight/engine/EmbeddingExampleTest.java"));
        String example = source.substring(source.indexOf("// README-BEGIN\n") + "// README-BEGIN\n".length(),
                source.indexOf("    // README-END"));
        String readme = Files.readString(Path.of("../README.md"));
        String unindented = example.lines().map(l -> l.startsWith("    ") ? l.substring(4) : l)
                .reduce("", (a, l) -> a + l + "\n");
        assertThat(readme).as("engine/README.md shows SmallServer exactly as EmbeddingExampleTest has it").contains(unindented);
    }
}
