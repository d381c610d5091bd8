package dev.greenlight.policytest;

import java.util.List;

/**
 * A run of policy cases: each result, problems with the case files themselves (a case that cannot
 * be read fails the run), and coverage: the rules no case made fire.
 */
public record TestReport(List<CaseResult> results, List<String> caseFileProblems, List<String> allRules,
                         List<String> uncovered) {
    public TestReport {
        results = List.copyOf(results);
        caseFileProblems = List.copyOf(caseFileProblems);
        allRules = List.copyOf(allRules);
        uncovered = List.copyOf(uncovered);
    }

    public long passed() {
        return results.stream().filter(CaseResult::passed).count();
    }

    public long failed() {
        return results.size() - passed() + caseFileProblems.size();
    }

    /** Percentage of rules that some case made fire (voting, or classifying for table rows). */
    public double coveragePercent() {
        return allRules.isEmpty() ? 100.0 : 100.0 * (allRules.size() - uncovered.size()) / allRules.size();
    }

    public boolean success() {
        return failed() == 0;
    }
}
