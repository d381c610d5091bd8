package dev.greenlight.server.callback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.testkit.Submissions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of the server (a child JVM) after a final verdict is recorded and before its
 * callback is accepted: the callback still arrives after the restart, with the same idempotency key.
 */
class CallbackKillTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void killedBeforeDelivery_deliversAfterRestart() throws Exception {
        Path rules = CallbackDeliveryTest.rules(dir);
        Path audit = dir.resolve("audit.jsonl");
        HttpClient http = HttpClient.newHttpClient();
        try (Receiver receiver = new Receiver(CallbackDeliveryTest.SECRET, 0)) {
            receiver.refuseAll = true; // the receiver is down: nothing can be delivered before the kill
            Process child = start(rules, audit, receiver.url());
            String decisionId;
            try {
                URI base = URI.create("http://127.0.0.1:" + port(child) + "/");
                JsonNode d = JSON.readTree(post(http, base.resolve("/v1/decisions"), Submissions.json("s-1", "portfolio")));
                decisionId = d.path("decisionId").asText();
                assertThat(d.path("verdict").asText()).isEqualTo("ESCALATE");
                post(http, base.resolve("/v1/reviews"), "{\"decisionId\":\"" + decisionId
                        + "\",\"reviewer\":\"rev-a\",\"verdict\":\"REJECT\",\"note\":\"n\"}");
                Receiver.waitFor(() -> receiver.calls.size() >= 2, "refused attempts before the kill");
            } finally {
                child.destroyForcibly(); // SIGKILL: no shutdown hook, no cursor saved on the way out
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            String keyBefore = receiver.calls.get(0).idempotencyKey();
            assertThat(receiver.accepted()).isEmpty();

            receiver.refuseAll = false;
            Process again = start(rules, audit, receiver.url());
            try {
                port(again);
                Receiver.waitFor(() -> !receiver.accepted().isEmpty(), "the callback after the restart");
            } finally {
                again.destroyForcibly();
                again.waitFor(30, TimeUnit.SECONDS);
            }
            Receiver.Call got = receiver.accepted().get(0);
            assertThat(got.signatureValid()).isTrue();
            assertThat(got.idempotencyKey()).isEqualTo(keyBefore);
            assertThat(got.body().path("decisionId").asText()).isEqualTo(decisionId);
            assertThat(got.body().path("finalVerdict").asText()).isEqualTo("REJECT");
            assertThat(got.body().path("decidedBy").asText()).isEqualTo("reviewer");
            assertThat(receiver.accepted()).hasSize(1);
        }
    }

    private Process start(Path rules, Path audit, URI receiver) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), CallbackServerChild.class.getName(),
                rules.toString(), audit.toString(), receiver.toString())
                .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("child-stderr.txt").toFile()))
                .start();
    }

    /** Reads the child's {@code PORT n} line (it is serving then). */
    private static int port(Process child) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith("PORT ")) {
                return Integer.parseInt(line.substring(5).trim());
            }
        }
        throw new AssertionError("the child server ended without serving");
    }

    private static String post(HttpClient http, URI uri, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 201);
        return r.body();
    }
}
