package dev.greenlight.model;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the engine decided about one submission (docs/contract.md §2). Immutable.
 *
 * @param decisionId    unique and sortable by time (a UUIDv7 unless the engine was given another supplier)
 * @param submissionId  the submission's {@code id}
 * @param verdict       the combined verdict
 * @param reasons       every vote, in firing order, then any reason the engine added
 * @param signals       the signals the plugins produced (and any {@code plugin.error})
 * @param ruleset       the rules that decided
 * @param plugins       the plugins that ran, with their time
 * @param decidedAt     when the decision was made, from the engine's clock
 * @param elapsedMicros how long deciding took
 * @param conditions    what a conditional approval asks for, one per condition id (docs/contract.md §8):
 *                      never empty when the verdict is {@code APPROVE_WITH_CONDITIONS}, always empty otherwise
 */
public record Decision(String decisionId, String submissionId, Verdict verdict, List<Reason> reasons,
                       List<Signal> signals, RulesetRef ruleset, List<PluginRun> plugins, Instant decidedAt,
                       long elapsedMicros, List<Condition> conditions) {
    /**
     * A decision whose conditions, if its verdict is {@code APPROVE_WITH_CONDITIONS}, are those its
     * reasons ask for (first vote per id, no deadlines).
     */
    public Decision(String decisionId, String submissionId, Verdict verdict, List<Reason> reasons,
                    List<Signal> signals, RulesetRef ruleset, List<PluginRun> plugins, Instant decidedAt,
                    long elapsedMicros) {
        this(decisionId, submissionId, verdict, reasons, signals, ruleset, plugins, decidedAt, elapsedMicros,
                verdict == Verdict.APPROVE_WITH_CONDITIONS ? conditionsOf(reasons) : List.of());
    }

    public Decision {
        Objects.requireNonNull(decisionId, "decisionId");
        Objects.requireNonNull(submissionId, "submissionId");
        Objects.requireNonNull(verdict, "verdict");
        reasons = List.copyOf(reasons);
        signals = List.copyOf(signals);
        Objects.requireNonNull(ruleset, "ruleset");
        plugins = List.copyOf(plugins);
        Objects.requireNonNull(decidedAt, "decidedAt");
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
        // a conditional approval without conditions would read as a plain one; conditions on any other verdict mean nothing
        if ((verdict == Verdict.APPROVE_WITH_CONDITIONS) == conditions.isEmpty()) {
            throw new IllegalArgumentException("decision " + decisionId + ": verdict " + verdict + " with "
                    + conditions.size() + " conditions; APPROVE_WITH_CONDITIONS needs at least one, other verdicts none");
        }
    }

    /** The conditions {@code reasons} ask for, the first vote per condition id, in firing order. */
    public static List<Condition> conditionsOf(List<Reason> reasons) {
        Map<String, Condition> byId = new LinkedHashMap<>();
        for (Reason r : reasons) {
            if (r.condition() != null) {
                byId.putIfAbsent(r.condition(), Condition.of(r));
            }
        }
        return List.copyOf(byId.values());
    }

    /** The ids of the decision's conditions, in order. */
    public List<String> conditionIds() {
        return conditions.stream().map(Condition::id).toList();
    }

    /** The names of the rules that voted, in firing order. */
    public List<String> votingRules() {
        return reasons.stream().map(Reason::rule).toList();
    }
}
