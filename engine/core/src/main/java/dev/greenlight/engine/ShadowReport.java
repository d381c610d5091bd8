package dev.greenlight.engine;

import dev.greenlight.audit.AuditReader;
import dev.greenlight.audit.AuditRecord;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Reason;
import dev.greenlight.model.ShadowVerdict;
import dev.greenlight.model.Verdict;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
            Optional<ShadowVerdict> shadow = rec.shadow();
            if (shadow.isEmpty()) {
                return;
            }
            counts[1]++;
            Decision decision = rec.decision();
            // a conditional approval is named with its conditions: other conditions are a difference
            String live = label(decision.verdict(), decision.conditionIds());
            String other = shadow.get().verdict() != null ? label(shadow.get().verdict(), shadow.get().conditionIds()) : "ERROR";
            pairs.merge(live + " -> " + other, 1L, Long::sum);
            if (live.equals(other)) {
                counts[2]++;
            } else {
                diffs.add(difference(rec, decision, shadow.get(), live, other));
            }
        });
        return new ShadowReport(counts[0], counts[1], counts[2], diffs, pairs);
    }

    private static Difference difference(AuditRecord rec, Decision decision, ShadowVerdict shadow, String live,
                                         String other) {
        return new Difference(rec.seq(), decision.decisionId(), decision.submissionId(), live, other,
                carrying(decision.reasons(), decision.verdict().name()),
                carrying(shadow.reasons(), shadow.verdict() == null ? "ERROR" : shadow.verdict().name()),
                decision.ruleset().version(), shadow.ruleset().version());
    }

    /** A verdict's name; a conditional approval's with its condition ids, {@code APPROVE_WITH_CONDITIONS[a,b]}. */
    static String label(Verdict verdict, List<String> conditions) {
        return conditions.isEmpty() ? verdict.name() : verdict.name() + "[" + String.join(",", conditions) + "]";
    }

    /** The rules whose vote carried {@code verdict}. */
    private static List<String> carrying(List<Reason> reasons, String verdict) {
        List<String> out = new ArrayList<>();
        for (Reason r : reasons) {
            if (r.verdict().name().equals(verdict)) {
                out.add(r.rule());
            }
        }
        return out;
    }
}
