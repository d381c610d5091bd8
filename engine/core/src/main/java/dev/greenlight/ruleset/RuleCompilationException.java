package dev.greenlight.ruleset;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A rule set that cannot be used: every compile (and policy) problem in it, not just the first.
 * An engine is never built on such a rule set.
 */
public final class RuleCompilationException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<RuleProblem> problems;

    public RuleCompilationException(String rulesetId, List<RuleProblem> problems) {
        super("rules in " + rulesetId + " do not compile:\n"
                + problems.stream().map(RuleProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    /** Every problem, ordered by file, line and column. */
    public List<RuleProblem> problems() {
        return problems;
    }
}
