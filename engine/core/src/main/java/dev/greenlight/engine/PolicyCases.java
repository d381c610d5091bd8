package dev.greenlight.engine;

import dev.greenlight.engine.internal.RuleFiles;
import dev.greenlight.engine.internal.Vocabulary;
import dev.greenlight.policytest.Decider;
import dev.greenlight.policytest.Outcome;
import dev.greenlight.policytest.PolicyTestRunner;
import dev.greenlight.policytest.RuleSet;
import dev.greenlight.policytest.TestReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs policy cases against an engine: hands the {@link PolicyTestRunner} the engine's own
 * {@code explain} as its {@link Decider}, and what the runner must know of the rule set (its rule
 * names; the signal names the pack's vocabulary declares). The runner does not know the engine, so
 * the engine can run cases before it swaps rules in. Stateless and thread-safe as the engine is;
 * null arguments throw {@link NullPointerException}.
 */
public final class PolicyCases {
    private PolicyCases() {
    }

    /** The engine's {@code explain}, as the runner calls it. */
    public static Decider decider(Greenlight engine) {
        return (submission, signals) -> {
            Explanation e = engine.explain(submission, signals);
            return new Outcome(e.decision(), e.firedRules());
        };
    }

    /**
     * The engine's rule names, the signal names declared in {@code tree}'s vocabulary (none without one),
     * and the vocabulary's guards that no case can reach.
     */
    public static RuleSet ruleSet(Greenlight engine, Map<String, byte[]> tree) {
        Vocabulary vocabulary = Vocabulary.fromTree(tree);
        return new RuleSet(engine.ruleNames(), vocabulary.signals(), vocabulary.readerClosedRules());
    }

    /** Every case file under {@code rulesDir} (only {@code only}, relative paths, when not empty). */
    public static TestReport run(Greenlight engine, Path rulesDir, List<String> only) {
        return run(engine, RuleFiles.fromDirectory(rulesDir, n -> true).files(), only);
    }

    /** Every case file in the rules at a classpath location. */
    public static TestReport runClasspath(Greenlight engine, String location, ClassLoader loader, List<String> only) {
        return run(engine, RuleFiles.fromClasspath(location, loader, n -> true).files(), only);
    }

    /** Every case file in {@code tree} (every file of a rules directory by relative path). */
    public static TestReport run(Greenlight engine, Map<String, byte[]> tree, List<String> only) {
        return PolicyTestRunner.run(decider(engine), ruleSet(engine, tree), tree, only);
    }
}
