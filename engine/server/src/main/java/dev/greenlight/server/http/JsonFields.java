package dev.greenlight.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Reading the fields of a JSON request body, collecting what is wrong as RFC 9457 {@code errors} entries. */
public final class JsonFields {
    private JsonFields() {
    }

    /**
     * The text of member {@code field}, or null when it is absent, null or not a string; then an entry
     * {@code {pointer: "/field", detail}} is added to {@code errors} ("is required" only when
     * {@code required}, "must be a string" always).
     */
    public static String text(ObjectNode in, String field, boolean required, ArrayNode errors) {
        JsonNode v = in.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                errors.addObject().put("pointer", "/" + field).put("detail", "is required");
            }
            return null;
        }
        if (!v.isTextual()) {
            errors.addObject().put("pointer", "/" + field).put("detail", "must be a string");
            return null;
        }
        return v.asText();
    }
}
