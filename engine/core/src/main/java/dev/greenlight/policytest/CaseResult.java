package dev.greenlight.policytest;

import dev.greenlight.engine.Explanation;
import java.util.List;

/**
 * The outcome of one case: whether it passed, and if not, each way it failed in words
 * ("verdict: expected REJECT, got APPROVE", "rules: missing [x], unexpected [y]").
 */
public record CaseResult(PolicyCase testCase, Explanation explanation, List<String> failures) {
    public CaseResult {
        failures = List.copyOf(failures);
    }

    public boolean passed() {
        return failures.isEmpty();
    }
}
