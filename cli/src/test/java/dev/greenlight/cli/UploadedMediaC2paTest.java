package dev.greenlight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.engine.Greenlight;
import dev.greenlight.host.PluginSettings;
import dev.greenlight.server.GreenlightServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The C2PA checks give the same provenance signals whether the files are read by {@code dry-run}
 * or uploaded to {@code serve}: a signed JPEG and a signed MP4 from the reference SDK's test data,
 * with and without the trust anchors that make their signers trusted.
 */
class UploadedMediaC2paTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "c2pa-upload-token-0123456789abcdef";
    private static final Path FIXTURES = Path.of(System.getProperty("greenlight.test.rules", "../rules/policies")
            .replace("rules/policies", "plugins/c2pa/src/test/resources/dev/greenlight/plugins/c2pa/fixtures"));

    @TempDir
    Path dir;

    private static String submission(String jpeg, String jpegSha, String mp4, String mp4Sha) {
        return "{\"id\":\"c2pa-up\",\"submittedAt\":\"2026-11-02T10:03:00Z\",\"submitter\":{\"id\":\"artist-0042\","
                + "\"program\":\"early-access\",\"verified\":true},\"model\":{\"name\":\"vidgen\",\"version\":\"2\"},"
                + "\"intendedUse\":\"portfolio\",\"media\":["
                + "{\"type\":\"image\",\"mimeType\":\"image/jpeg\",\"path\":\"" + jpeg + "\"" + sha(jpegSha) + "},"
                + "{\"type\":\"video\",\"mimeType\":\"video/mp4\",\"path\":\"" + mp4 + "\"" + sha(mp4Sha) + "}],"
                + "\"provenance\":{\"c2pa\":true,\"watermark\":true}}";
    }

    private static String sha(String hex) {
        return hex == null ? "" : ",\"sha256\":\"" + hex + "\"";
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private static List<JsonNode> provenance(JsonNode decision) {
        List<JsonNode> out = new ArrayList<>();
        decision.path("signals").forEach(s -> {
            if (s.path("name").asText().startsWith("provenance.")) {
                out.add(s);
            }
        });
        return out;
    }

    @Test
    void signedFiles_uploadedToServe_giveTheSameC2paSignalsAsDryRun_withAndWithoutTrustAnchors() throws Exception {
        byte[] jpeg = Files.readAllBytes(FIXTURES.resolve("C.jpg"));
        byte[] mp4 = Files.readAllBytes(FIXTURES.resolve("video1.mp4"));
        Path anchors = FIXTURES.resolve("trust-anchors.pem").toAbsolutePath();
        for (boolean trusted : new boolean[] {false, true}) {
            Path run = Files.createDirectories(dir.resolve(trusted ? "trusted" : "untrusted"));
            Path settings = Files.writeString(run.resolve("plugins.properties"),
                    trusted ? "c2pa.trustAnchors=" + anchors + "\n" : "");

            Path files = Files.createDirectories(run.resolve("files"));
            Files.write(files.resolve("c.jpg"), jpeg);
            Files.write(files.resolve("v.mp4"), mp4);
            Path input = Files.writeString(run.resolve("one.jsonl"), submission("files/c.jpg", null, "files/v.mp4", null) + "\n");
            Cli dry = Cli.run("dry-run", "--format", "json", "--plugins", PolicyCommandsTest.PLUGINS.toString(),
                    "--plugin-settings", settings.toString(), input.toString());
            assertThat(dry.out()).as(dry.err()).isNotBlank();
            List<JsonNode> expected = provenance(JSON.readTree(dry.out().strip()));
            // as the reference SDK says: the JPEG's signer chains to the anchors; the MP4 stays valid, an
            // ingredient's signer being untrusted (signingCredential.untrusted) even with them
            assertThat(expected).extracting(s -> s.path("name").asText() + ":" + s.path("category").asText())
                    .containsExactly("provenance.c2pa:" + (trusted ? "trusted" : "valid"), "provenance.c2pa:valid");

            Path root = Files.createDirectories(run.resolve("served"));
            Greenlight engine = Greenlight.builder().plugins(PolicyCommandsTest.PLUGINS)
                    .pluginSettings(PluginSettings.load(settings)).mediaRoot(root).build();
            try (GreenlightServer server = GreenlightServer.builder(engine).port(0).token(TOKEN).build().start()) {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                for (byte[] file : List.of(jpeg, mp4)) {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.uri().resolve("/v1/media/" + sha256(file)))
                            .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(30))
                            .PUT(HttpRequest.BodyPublishers.ofByteArray(file)).build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
                }
                String body = submission("uploads/" + sha256(jpeg), sha256(jpeg), "uploads/" + sha256(mp4), sha256(mp4));
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.uri().resolve("/v1/decisions"))
                        .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                assertThat(provenance(JSON.readTree(r.body()))).as("served with trust anchors: " + trusted)
                        .isEqualTo(expected);
            } finally {
                engine.close();
            }
        }
    }
}
