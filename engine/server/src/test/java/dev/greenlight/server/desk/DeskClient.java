package dev.greenlight.server.desk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A reviewer's HTTP client for the desk routes: one account's token, JSON in and out. Thread-safe. */
final class DeskClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final URI base;
    private final String token;

    DeskClient(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    /** One answer: status, body as JSON (missing when empty), the raw body and content type. */
    record Answer(int status, JsonNode json, String body, String contentType) {
        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    Answer get(String path) throws IOException, InterruptedException {
        return send("GET", path, null);
    }

    Answer post(String path, String body) throws IOException, InterruptedException {
        return send("POST", path, body);
    }

    Answer send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        String type = r.headers().firstValue("Content-Type").orElse("");
        JsonNode json = r.body().isEmpty() || !type.contains("json") ? MissingNode.getInstance() : JSON.readTree(r.body());
        return new Answer(r.statusCode(), json, r.body(), type);
    }

    /** The decision body for a case as the caller saw it. */
    static String decision(String verdict, String policy, String artistMessage, String note, long version) {
        var o = JSON.createObjectNode().put("verdict", verdict).put("policy", policy);
        if (artistMessage != null) {
            o.put("artistMessage", artistMessage);
        }
        if (note != null) {
            o.put("note", note);
        }
        o.put("version", version);
        return o.toString();
    }
}
