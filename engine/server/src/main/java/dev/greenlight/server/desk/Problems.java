package dev.greenlight.server.desk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * RFC 9457 problem documents and JSON answers for the desk routes, in the server's form
 * ({@code type} {@code urn:greenlight:problem:<kind>}, {@code errors[]} of {@code {pointer, detail}}
 * naming each field), so a client reads the desk's problems as it reads the decision routes'.
 */
final class Problems {
    static final String JSON = "application/json";
    static final String PROBLEM = "application/problem+json";
    static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Problems() {
    }

    /** Thrown inside a route to answer with a problem; {@link DeskRoutes} turns it into the answer. */
    static final class Problem extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient ObjectNode document;
        final transient Map<String, String> headers;

        Problem(ObjectNode document, Map<String, String> headers) {
            super(null, null, false, false);
            this.document = document;
            this.headers = headers;
        }

        DeskAnswer answer() {
            return new DeskAnswer(document.path("status").asInt(500), PROBLEM, bytes(document), headers);
        }
    }

    static ObjectNode document(int status, String kind, String title, String detail) {
        ObjectNode p = F.objectNode();
        p.put("type", kind == null ? "about:blank" : "urn:greenlight:problem:" + kind);
        p.put("title", title);
        p.put("status", status);
        if (detail != null) {
            p.put("detail", detail);
        }
        return p;
    }

    static Problem of(int status, String kind, String title, String detail) {
        return new Problem(document(status, kind, title, detail), Map.of());
    }

    /** A problem about one field: {@code detail} is "pointer: what is wrong", and {@code errors[]} names it. */
    static Problem field(int status, String kind, String title, String pointer, String detail) {
        ObjectNode p = document(status, kind, title, pointer + ": " + detail);
        p.putArray("errors").addObject().put("pointer", pointer).put("detail", detail);
        return new Problem(p, Map.of());
    }

    /** A 400 about one query parameter: {@code errors[]} names it in {@code parameter}. */
    static Problem parameter(String name, String detail) {
        ObjectNode p = document(400, "invalid-query", "The query is invalid", name + ": " + detail);
        p.putArray("errors").addObject().put("parameter", name).put("detail", detail);
        return new Problem(p, Map.of());
    }

    /** A problem listing several fields' errors (each {@code {pointer, detail}}), the first in {@code detail}. */
    static Problem fields(int status, String kind, String title, ArrayNode errors) {
        JsonNode first = errors.get(0);
        ObjectNode p = document(status, kind, title, first.path("pointer").asText() + ": " + first.path("detail").asText()
                + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""));
        p.set("errors", errors);
        return new Problem(p, Map.of());
    }

    static Problem notFound(String what) {
        return of(404, "not-found", "Not Found", what);
    }

    static Problem methodNotAllowed(String method, String allowed) {
        return new Problem(document(405, null, "Method Not Allowed", method + " is not allowed here; use " + allowed),
                Map.of("Allow", allowed));
    }

    static Problem forbidden(String detail) {
        return of(403, "forbidden", "Forbidden", detail);
    }

    static DeskAnswer json(int status, JsonNode body) {
        return new DeskAnswer(status, JSON, bytes(body), Map.of());
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
