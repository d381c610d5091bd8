package dev.greenlight.policytest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.engine.Greenlight;
import dev.greenlight.testing.RuleDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Policy cases name the conditions they expect: exactly ({@code conditions}) or among others ({@code includeConditions}). */
class ConditionCasesTest {
    @TempDir
    Path rules;

    @BeforeEach
    void setUp() throws IOException {
        RuleDirs.write(rules, "use/use.drl", "use", """
                rule "label" @policy("U-1") when Submission( hasTag("video") ) then verdict.approveWith("label", "Label it."); end
                rule "credit" @policy("U-2") when Submission( hasTag("partner") ) then verdict.approveWith("credit", "Credit the model."); end
                rule "ok" @policy("U-3") when Submission() then verdict.approve("Fine."); end
                """);
        Files.writeString(rules.resolve("conditions.yaml"), """
                conditions:
                  label: {text: Label it as made with AI., evidence: a link}
                  credit: {text: Credit the model., evidence: the credit line}
                """);
        Files.writeString(rules.resolve("base.json"), PolicyTestRunnerTest.BASE);
    }

    private TestReport run(String cases) throws IOException {
        Files.writeString(rules.resolve("use/use_test.yaml"), "base: ../base.json\ncases:\n" + cases);
        try (Greenlight g = Greenlight.builder().rulesDirectory(rules).build()) {
            return dev.greenlight.engine.PolicyCases.run(g, rules, List.of());
        }
    }

    @Test
    void casesExpectingConditions_exactlyOrIncluded_pass_andCoverTheRules() throws IOException {
        TestReport r = run("""
                  - name: a video is labelled
                    submission: {tags: [video]}
                    expect: {verdict: APPROVE_WITH_CONDITIONS, rules: [label], conditions: [label]}
                  - name: a partner's video is labelled and credited
                    submission: {tags: [video, partner]}
                    expect: {verdict: APPROVE_WITH_CONDITIONS, conditions: [credit, label], includeConditions: [credit]}
                  - name: anything else has none
                    expect: {verdict: APPROVE, conditions: []}
                """);
        assertThat(r.caseFileProblems()).isEmpty();
        assertThat(r.results()).allSatisfy(c -> assertThat(c.failures()).isEmpty());
        assertThat(r.passed()).isEqualTo(3);
        assertThat(r.coveragePercent()).isEqualTo(100.0);
    }

    @Test
    void aCaseExpectingOtherConditions_failsWithTheDifference() throws IOException {
        TestReport r = run("""
                  - name: too few
                    submission: {tags: [video, partner]}
                    expect: {verdict: APPROVE_WITH_CONDITIONS, conditions: [label]}
                  - name: missing
                    submission: {tags: [video]}
                    expect: {verdict: APPROVE_WITH_CONDITIONS, includeConditions: [credit]}
                """);
        assertThat(r.failed()).isEqualTo(2);
        assertThat(r.results().get(0).failures()).containsExactly("conditions: expected [label], got [label, credit]");
        assertThat(r.results().get(1).failures()).containsExactly("includeConditions: condition credit not set (set: [label])");
    }
}
