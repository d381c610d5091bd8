package dev.greenlight.policytest;

import java.util.List;

/**
 * The outcome of one case: whether it passed, and if not, each way it failed in words
 * ("verdict: expected REJECT, got APPROVE", "rules: missing [x], unexpected [y]"). Immutable.
 */
public record CaseResult(PolicyCase testCase, Outcome outcome, List<String> failures) {
    public CaseResult {
        failures = List.copyOf(failures);
    }

    public boolean passed() {
        return failures.isEmpty();
    }
}
