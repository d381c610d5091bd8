package dev.greenlight.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** One HTTP answer: status, content type, body and extra headers. */
record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
    static final String JSON = "application/json";
    static final String PROBLEM = "application/problem+json";
    static final String PROBLEM_TYPE = "urn:greenlight:problem:";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    static final JsonNodeFactory F = JsonNodeFactory.instance;

    static Reply json(int status, JsonNode body) {
        return new Reply(status, JSON, bytes(body), Map.of());
    }

    static Reply text(int status, String contentType, String body) {
        return new Reply(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An RFC 9457 problem document: {@code type} is {@code urn:greenlight:problem:<kind>}
     * ({@code about:blank} when the status says it all), {@code title} the kind in words,
     * {@code detail} this occurrence.
     */
    static ObjectNode problem(int status, String kind, String title, String detail) {
        ObjectNode p = F.objectNode();
        p.put("type", kind == null ? "about:blank" : PROBLEM_TYPE + kind);
        p.put("title", title);
        p.put("status", status);
        if (detail != null) {
            p.put("detail", detail);
        }
        return p;
    }

    /** A problem's {@code errors} member: each {@code {pointer, detail}} (RFC 9457 §3, as in its example). */
    static ArrayNode errors(ObjectNode problem) {
        return problem.putArray("errors");
    }

    /** Thrown by a route to answer with a problem. */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Reply reply;

        Failure(Reply reply) {
            super(null, null, false, false);
            this.reply = reply;
        }

        Failure(int status, String kind, String title, String detail) {
            this(new Reply(status, PROBLEM, bytes(problem(status, kind, title, detail)), Map.of()));
        }

        Failure(ObjectNode problem) {
            this(new Reply(problem.path("status").asInt(500), PROBLEM, bytes(problem), Map.of()));
        }
    }
}
