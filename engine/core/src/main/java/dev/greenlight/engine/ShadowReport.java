package dev.greenlight.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.greenlight.audit.AuditReader;
import dev.greenlight.audit.AuditRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where shadow rules and the live rules differed, read from an audit log: every decision record
 * that carries a {@code shadow} member is counted, and each one whose shadow verdict differs from
 * the live verdict (or whose shadow failed) is listed. Immutable.
 *
 * @param decisions   decision records read
 * @param shadowed    of these, the ones with a shadow verdict
 * @param agreed      shadowed decisions where both verdicts are the same
 * @param differences shadowed decisions where they are not (or the shadow failed), in log order
 * @param pairs       counts of shadowed decisions by {@code LIVE -> SHADOW} verdicts ({@code ERROR} for a failed
 *                    shadow), sorted
 */
public record ShadowReport(long decisions, long shadowed, long agreed, List<Difference> differences,
                           Map<String, Long> pairs) {
    /** One decision the shadow would have decided otherwise. */
    public record Difference(long seq, String decisionId, String submissionId, String live, String shadow,
                             List<String> liveRules, List<String> shadowRules, String liveVersion, String shadowVersion) {
    }

    public ShadowReport {
        differences = List.copyOf(differences);
        pairs = java.util.Collections.unmodifiableMap(new TreeMap<>(pairs));
    }

    /**
     * Reads the audit log whose first segment is {@code auditLog}.
     *
     * @throws dev.greenlight.audit.AuditException when the log is damaged
     */
    public static ShadowReport read(Path auditLog) throws IOException {
        long[] counts = new long[3];
        List<Difference> diffs = new ArrayList<>();
        Map<String, Long> pairs = new TreeMap<>();
        AuditReader.read(auditLog, rec -> {
            if (!rec.isDecision()) {
                return;
            }
            counts[0]++;
            JsonNode shadow = rec.json().path("shadow");
            if (!shadow.isObject()) {
                return;
            }
            counts[1]++;
            JsonNode decision = rec.json().path("decision");
            String live = decision.path("verdict").asText();
            String other = shadow.hasNonNull("verdict") ? shadow.get("verdict").asText() : "ERROR";
            pairs.merge(live + " -> " + other, 1L, Long::sum);
            if (live.equals(other)) {
                counts[2]++;
            } else {
                diffs.add(difference(rec, decision, shadow, live, other));
            }
        });
        return new ShadowReport(counts[0], counts[1], counts[2], diffs, pairs);
    }

    private static Difference difference(AuditRecord rec, JsonNode decision, JsonNode shadow, String live, String other) {
        return new Difference(rec.seq(), decision.path("decisionId").asText(), decision.path("submissionId").asText(),
                live, other, carrying(decision.path("reasons"), live), carrying(shadow.path("reasons"), other),
                decision.path("ruleset").path("version").asText(), shadow.path("ruleset").path("version").asText());
    }

    /** The rules whose vote carried {@code verdict}. */
    private static List<String> carrying(JsonNode reasons, String verdict) {
        List<String> out = new ArrayList<>();
        for (JsonNode r : reasons) {
            if (r.path("verdict").asText().equals(verdict)) {
                out.add(r.path("rule").asText());
            }
        }
        return out;
    }
}
