package dev.greenlight.model;

import java.time.Instant;
import java.util.List;
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
 */
public record Decision(String decisionId, String submissionId, Verdict verdict, List<Reason> reasons,
                       List<Signal> signals, RulesetRef ruleset, List<PluginRun> plugins, Instant decidedAt,
                       long elapsedMicros) {
    public Decision {
        Objects.requireNonNull(decisionId, "decisionId");
        Objects.requireNonNull(submissionId, "submissionId");
        Objects.requireNonNull(verdict, "verdict");
        reasons = List.copyOf(reasons);
        signals = List.copyOf(signals);
        Objects.requireNonNull(ruleset, "ruleset");
        plugins = List.copyOf(plugins);
        Objects.requireNonNull(decidedAt, "decidedAt");
    }

    /** The names of the rules that voted, in firing order. */
    public List<String> votingRules() {
        return reasons.stream().map(Reason::rule).toList();
    }
}
