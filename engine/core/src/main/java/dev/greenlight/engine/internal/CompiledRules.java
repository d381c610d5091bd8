package dev.greenlight.engine.internal;

import dev.greenlight.ruleset.RuleProblem;
import dev.greenlight.ruleset.PluginSignals;
import dev.greenlight.model.RulesetRef;
import java.util.List;
import org.kie.api.KieBase;

/**
 * A compiled rule set: the KieBase (immutable once built and safe to share; sessions are made from
 * it per evaluation), the version that names it, facts about it the evaluator needs, and the
 * warnings the policy check raised (the rules loaded in spite of them), and the plugins' signal names
 * the check read (a reload checks the next rules against the same), and the pack's conditions.
 */
public record CompiledRules(RulesetRef ref, KieBase kieBase, boolean hasVerdictGlobal, int ruleCount,
                            List<RuleProblem> warnings, List<String> ruleNames, PluginSignals pluginSignals,
                            ConditionVocabulary conditions) {
    public CompiledRules {
        conditions = conditions == null ? ConditionVocabulary.NONE : conditions;
    }

    /** Rules checked with no plugins loaded, and no conditions. */
    public CompiledRules(RulesetRef ref, KieBase kieBase, boolean hasVerdictGlobal, int ruleCount,
                         List<RuleProblem> warnings, List<String> ruleNames) {
        this(ref, kieBase, hasVerdictGlobal, ruleCount, warnings, ruleNames, PluginSignals.NONE_LOADED, null);
    }

    /** Rules without conditions. */
    public CompiledRules(RulesetRef ref, KieBase kieBase, boolean hasVerdictGlobal, int ruleCount,
                         List<RuleProblem> warnings, List<String> ruleNames, PluginSignals pluginSignals) {
        this(ref, kieBase, hasVerdictGlobal, ruleCount, warnings, ruleNames, pluginSignals, null);
    }

    /** The name of the global through which rules vote: every rule file declares it, and the engine sets it per evaluation. */
    public static final String VERDICT_GLOBAL = "verdict";
}
