package dev.greenlight.server.desk;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A request's query parameters, checked: only the names a route knows, each at most once, so a
 * typo ({@code ?queu=lead}) is a 400 naming it rather than a silent default.
 */
final class Query {
    private final Map<String, String> values;

    private Query(Map<String, String> values) {
        this.values = values;
    }

    /** Parses {@code raw} (the query string without '?', maybe null), allowing only {@code names}. */
    static Query parse(String raw, Set<String> names) {
        Map<String, String> values = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return new Query(values);
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name;
            String value;
            try {
                name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw Problems.of(400, "invalid-query", "The query is invalid", "malformed percent-encoding in " + pair);
            }
            if (!names.contains(name)) {
                throw Problems.parameter(name, "unknown query parameter (expected one of " + new java.util.TreeSet<>(names) + ")");
            }
            if (values.put(name, value) != null) {
                throw Problems.parameter(name, "given more than once");
            }
        }
        return new Query(values);
    }

    /** The value of {@code name}, or null when absent. */
    String get(String name) {
        return values.get(name);
    }

    /** An integer parameter within {@code [min, max]}, or {@code fallback} when absent. */
    int integer(String name, int fallback, int min, int max) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below, with the range
        }
        throw Problems.parameter(name, "must be an integer from " + min + " to " + max + ", was " + v);
    }
}
