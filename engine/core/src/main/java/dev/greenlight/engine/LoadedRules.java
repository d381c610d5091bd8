package dev.greenlight.engine;

import dev.greenlight.model.RulesetRef;
import dev.greenlight.ruleset.RuleProblem;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One rule set as it serves: its id and version, when it was loaded, its rules and the warnings the
 * policy check raised. A consistent snapshot: a reload never changes one already returned. Immutable.
 *
 * @param ref       id and version, as every decision made with these rules names them
 * @param loadedAt  when these rules started serving (from the engine's clock)
 * @param ruleNames every rule, sorted (decision-table rows included)
 * @param warnings  what the policy check warned about when the rules loaded
 */
public record LoadedRules(RulesetRef ref, Instant loadedAt, List<String> ruleNames, List<RuleProblem> warnings) {
    public LoadedRules {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(loadedAt, "loadedAt");
        ruleNames = List.copyOf(ruleNames);
        warnings = List.copyOf(warnings);
    }
}
