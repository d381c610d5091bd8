package dev.greenlight.media.worker;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one-line text format between the plugin and its probe workers: {@code key=value} pairs
 * separated by tabs, each key and value percent-encoded, so that paths and FFmpeg's messages (which
 * may hold tabs, newlines or any bytes) cannot break a line. Stateless and thread-safe.
 */
final class Wire {
    private Wire() {
    }

    /** One line (without its newline) holding every entry of {@code fields} in iteration order. */
    static String encode(Map<String, String> fields) {
        StringBuilder line = new StringBuilder();
        for (Map.Entry<String, String> e : fields.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            if (line.length() > 0) {
                line.append('\t');
            }
            line.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
        }
        return line.toString();
    }

    /**
     * The entries of a line made by {@link #encode}, in order.
     *
     * @throws IllegalArgumentException for a field without {@code =} or with a bad escape
     */
    static Map<String, String> decode(String line) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (line.isEmpty()) {
            return fields;
        }
        for (String field : line.split("\t", -1)) {
            int eq = field.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("not a key=value field: " + field);
            }
            fields.put(URLDecoder.decode(field.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(field.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }
}
