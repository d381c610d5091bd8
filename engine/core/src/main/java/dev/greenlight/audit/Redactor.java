package dev.greenlight.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Applies the configured redactions to a record's decision and submission trees, in place, before
 * anything is serialised: what is erased or hashed never reaches a byte buffer of the log. The order
 * is {@link RecordContent}'s: build the trees, redact them here, then write each once with the
 * canonical writer. A hashed value that is not a string is hashed as its canonical JSON
 * ({@link CanonicalJson#of}). Thread-safe (immutable).
 */
final class Redactor {
    static final String HASH_PREFIX = "sha256:";

    /** One value redacted: the concrete pointer (wildcards expanded) and what was done. */
    record Applied(String pointer, Redaction.Action action) {
    }

    /** What one record had redacted, and the texts to keep aside (by their hash). */
    record Outcome(List<Applied> applied, Map<String, String> asides) {
        static final Outcome NONE = new Outcome(List.of(), Map.of());
    }

    private final List<Redaction> redactions;

    Redactor(List<Redaction> redactions) {
        this.redactions = List.copyOf(redactions);
    }

    boolean isEmpty() {
        return redactions.isEmpty();
    }

    boolean keepsAside() {
        return redactions.stream().anyMatch(r -> r.action() == Redaction.Action.ASIDE);
    }

    Outcome apply(ObjectNode decision, ObjectNode submission) {
        if (redactions.isEmpty()) {
            return Outcome.NONE;
        }
        List<Applied> applied = new ArrayList<>();
        Map<String, String> asides = new LinkedHashMap<>();
        for (Redaction r : redactions) {
            List<String> segs = r.segments();
            JsonNode root = segs.get(0).equals("submission") ? submission : decision;
            walk(root, segs, 1, "/" + segs.get(0), r.action(), applied, asides);
        }
        return new Outcome(applied, asides);
    }

    private static void walk(JsonNode node, List<String> segs, int i, String path, Redaction.Action action,
                             List<Applied> applied, Map<String, String> asides) {
        String seg = segs.get(i);
        boolean last = i == segs.size() - 1;
        if (node instanceof ObjectNode obj) {
            List<String> names = new ArrayList<>();
            if (seg.equals("*")) {
                obj.fieldNames().forEachRemaining(names::add);
            } else if (obj.has(seg)) {
                names.add(seg);
            }
            for (String name : names) {
                String p = path + "/" + Redaction.escape(name);
                if (last) {
                    redact(obj.get(name), v -> obj.set(name, v), () -> obj.remove(name), p, action, applied, asides);
                } else {
                    walk(obj.get(name), segs, i + 1, p, action, applied, asides);
                }
            }
        } else if (node instanceof ArrayNode arr) {
            List<Integer> indices = new ArrayList<>();
            if (seg.equals("*")) {
                for (int k = 0; k < arr.size(); k++) {
                    indices.add(k);
                }
            } else if (seg.matches("0|[1-9][0-9]{0,8}") && Integer.parseInt(seg) < arr.size()) {
                indices.add(Integer.parseInt(seg));
            }
            for (int k : indices) {
                String p = path + "/" + k;
                if (last) {
                    redact(arr.get(k), v -> arr.set(k, v), () -> arr.set(k, NullNode.getInstance()), p, action, applied, asides);
                } else {
                    walk(arr.get(k), segs, i + 1, p, action, applied, asides);
                }
            }
        }
    }

    private static void redact(JsonNode value, Consumer<JsonNode> replace, Runnable erase, String pointer,
                               Redaction.Action action, List<Applied> applied, Map<String, String> asides) {
        if (value == null || value.isNull()) {
            return;
        }
        if (action == Redaction.Action.ERASE) {
            erase.run();
            applied.add(new Applied(pointer, action));
            return;
        }
        String text = value.isTextual() ? value.asText() : new String(CanonicalJson.of(value), StandardCharsets.UTF_8);
        String hash = AuditRecordFormat.sha256Hex(text);
        replace.accept(TextNode.valueOf(HASH_PREFIX + hash));
        if (action == Redaction.Action.ASIDE && value.isTextual()) {
            asides.put(hash, text);
            applied.add(new Applied(pointer, Redaction.Action.ASIDE));
        } else {
            applied.add(new Applied(pointer, Redaction.Action.HASH));
        }
    }
}
