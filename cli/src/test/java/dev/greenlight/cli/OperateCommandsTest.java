package dev.greenlight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.engine.Greenlight;
import dev.greenlight.server.GreenlightServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 16 from the command line: uploads decided like dry-run, degraded dry-runs, token files. */
class OperateCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "cli-operate-token-0123456789abcdef";
    static final Path MEDIA = Path.of(System.getProperty("greenlight.test.rules", "../rules/policies")
            .replace("rules/policies", "examples/media"));

    @TempDir
    Path dir;

    private static String submission(String id, String image, String imageSha, String video, String videoSha) {
        return "{\"id\":\"" + id + "\",\"submittedAt\":\"2026-11-02T10:03:00Z\",\"submitter\":{\"id\":\"artist-0009\","
                + "\"program\":\"early-access\",\"verified\":true},\"prompt\":\"an old bridge over a river\",\"intendedUse\":\"portfolio\","
                + "\"media\":[{\"type\":\"image\",\"mimeType\":\"image/jpeg\",\"path\":\"" + image + "\"" + sha(imageSha) + "},"
                + "{\"type\":\"video\",\"mimeType\":\"video/quicktime\",\"path\":\"" + video + "\"" + sha(videoSha)
                + ",\"width\":1280,\"height\":720,\"durationSeconds\":3.0,\"frameRate\":25.0}],"
                + "\"provenance\":{\"c2pa\":true,\"watermark\":true}}";
    }

    private static String sha(String hex) {
        return hex == null ? "" : ",\"sha256\":\"" + hex + "\"";
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void item1_aServedSubmissionWithUploadedImageAndVideo_getsTheSameSignalsAsDryRun() throws Exception {
        byte[] image = Files.readAllBytes(MEDIA.resolve("bridge-blurred.jpg"));
        byte[] video = Files.readAllBytes(MEDIA.resolve("clip-720p-3s.mov"));
        String imageSha = sha256(image);
        String videoSha = sha256(video);

        // dry-run on the files themselves
        Path files = Files.createDirectories(dir.resolve("dry/files"));
        Files.write(files.resolve("bridge.jpg"), image);
        Files.write(files.resolve("clip.mov"), video);
        Path input = Files.writeString(dir.resolve("dry/one.jsonl"),
                submission("m-up", "files/bridge.jpg", null, "files/clip.mov", null) + "\n");
        Cli dry = Cli.run("dry-run", "--format", "json", "--plugins", PolicyCommandsTest.PLUGINS.toString(), input.toString());
        assertThat(dry.exit()).as(dry.err()).isZero();
        JsonNode expected = JSON.readTree(dry.out().strip());

        // the same submission over HTTP, its media uploaded
        Path root = Files.createDirectories(dir.resolve("served"));
        Greenlight engine = Greenlight.builder().plugins(PolicyCommandsTest.PLUGINS).mediaRoot(root).build();
        try (GreenlightServer server = GreenlightServer.builder(engine).port(0).token(TOKEN).build().start()) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            for (var upload : new Object[][] {{image, imageSha}, {video, videoSha}}) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.uri().resolve("/v1/media/" + upload[1]))
                        .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(30))
                        .PUT(HttpRequest.BodyPublishers.ofByteArray((byte[]) upload[0])).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            }
            String body = submission("m-up", "uploads/" + imageSha, imageSha, "uploads/" + videoSha, videoSha);
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.uri().resolve("/v1/decisions"))
                    .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode served = JSON.readTree(r.body());
            assertThat(served.path("signals")).as("signals").isEqualTo(expected.path("signals"));
            assertThat(served.path("verdict")).isEqualTo(expected.path("verdict"));
            assertThat(served.path("signals").toString()).contains("hash.match").doesNotContain("media.unreadable");
        }
    }

    @Test
    void item3_dryRun_withAPluginThatFailedToStart_saysSoAndExits1_unlessAllowed() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.writeString(plugins.resolve("garbage.jar"), "not a jar");
        Path input = Files.writeString(dir.resolve("in.jsonl"), dev.greenlight.testkit.Submissions.json("d-1", "portfolio") + "\n");
        Cli degraded = Cli.run("dry-run", "--plugins", plugins.toString(), input.toString());
        assertThat(degraded.exit()).isEqualTo(ExitCodes.INVALID);
        assertThat(degraded.err()).contains("greenlight: degraded: plugin").contains("garbage");
        assertThat(degraded.out()).doesNotContain("garbage.jar"); // the artist's message names no jar
        Cli allowed = Cli.run("dry-run", "--allow-degraded", "--plugins", plugins.toString(), input.toString());
        assertThat(allowed.exit()).as(allowed.err()).isZero();
        assertThat(allowed.err()).contains("degraded");
    }

    @Test
    void item7_tokenFiles_tooShortOrWithABlankFirstLine_areRefusedSayingWhy() throws Exception {
        Path shortToken = Files.writeString(dir.resolve("short"), "ab\n");
        Cli s = Cli.run("serve", "--no-plugins", "--token-file", shortToken.toString(), "--port", "0");
        assertThat(s.exit()).isEqualTo(ExitCodes.CONFIG);
        assertThat(s.err()).contains("at least 32");
        Path blankFirst = Files.writeString(dir.resolve("blank"), "\n" + TOKEN + "\n");
        Cli b = Cli.run("serve", "--no-plugins", "--token-file", blankFirst.toString(), "--port", "0");
        assertThat(b.exit()).isEqualTo(ExitCodes.CONFIG);
        assertThat(b.err()).contains("first line is blank").doesNotContain("is empty");
    }
}
