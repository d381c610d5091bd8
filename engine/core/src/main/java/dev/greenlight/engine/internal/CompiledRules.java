package dev.greenlight.engine.internal;

import dev.greenlight.model.RulesetRef;
import org.kie.api.KieBase;

/**
 * A compiled rule set: the KieBase (immutable once built and safe to share; sessions are made from
 * it per evaluation), the version that names it, and facts about it the evaluator needs.
 */
public record CompiledRules(RulesetRef ref, KieBase kieBase, boolean hasVerdictGlobal, int ruleCount) {
    /** The name of the global through which rules vote (CONTRACT §3). */
    public static final String VERDICT_GLOBAL = "verdict";
}
