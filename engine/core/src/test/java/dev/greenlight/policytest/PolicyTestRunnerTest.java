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

class PolicyTestRunnerTest {
    @TempDir
    Path rules;

    static final String BASE = """
            {"id": "b", "submittedAt": "2026-11-01T09:00:00Z", "submitter": {"id": "a", "program": "early-access",
             "verified": true}, "intendedUse": "portfolio", "media": [{"type": "image"}]}
            """;

    @BeforeEach
    void setUp() throws IOException {
        RuleDirs.write(rules, "use/use.drl", "use", """
                rule "no-commercial" @policy("U-1") when Submission( intendedUse == "commercial" ) then verdict.reject("No."); end
                rule "figure" @policy("U-2") when Signal( name == "prompt.term", category == "public-figure" ) then verdict.escalate("Check."); end
                rule "ok" @policy("U-3") when Submission() then verdict.approve("Fine."); end
                """);
        Files.writeString(rules.resolve("base.json"), BASE);
        Files.writeString(rules.resolve("use/use_test.yaml"), """
                base: ../base.json
                cases:
                  - name: portfolio is fine
                    expect: {verdict: APPROVE, rules: [ok]}
                  - name: commercial is rejected
                    submission: {intendedUse: commercial}
                    expect: {verdict: REJECT, rules: [no-commercial], include: [ok]}
                  - name: a figure is checked
                    signals: [{name: prompt.term, category: public-figure, value: Someone}]
                    expect: {verdict: ESCALATE, rules: [figure], exclude: [no-commercial]}
                """);
    }

    private TestReport run(List<String> only) {
        try (Greenlight g = Greenlight.builder().rulesDirectory(rules).build()) {
            return dev.greenlight.engine.PolicyCases.run(g, rules, only);
        }
    }

    @Test
    void passingCases_fullCoverage() {
        TestReport r = run(List.of());
        assertThat(r.caseFileProblems()).isEmpty();
        assertThat(r.passed()).isEqualTo(3);
        assertThat(r.failed()).isZero();
        assertThat(r.uncovered()).isEmpty();
        assertThat(r.coveragePercent()).isEqualTo(100.0);
    }

    @Test
    void brokenRule_failsTheRightCase_withAReadableDiff() throws IOException {
        Path drl = rules.resolve("use/use.drl");
        Files.writeString(drl, Files.readString(drl).replace("intendedUse == \"commercial\"", "intendedUse == \"comercial\""));
        TestReport r = run(List.of());
        assertThat(r.failed()).isEqualTo(1);
        CaseResult failed = r.results().stream().filter(x -> !x.passed()).findFirst().orElseThrow();
        assertThat(failed.testCase().name()).isEqualTo("commercial is rejected");
        assertThat(failed.failures()).containsExactly(
                "verdict: expected REJECT, got APPROVE",
                "rules: expected [no-commercial] to carry the verdict, got [ok]; missing [no-commercial]; unexpected [ok]");
        assertThat(r.uncovered()).containsExactly("no-commercial");
    }

    @Test
    void badCaseFile_isReported_withFileAndCase() throws IOException {
        Files.writeString(rules.resolve("use/use_test.yaml"), """
                base: ../base.json
                cases:
                  - name: bad submission
                    submission: {intendedUse: billboard}
                    expect: {verdict: APPROVE}
                  - name: bad verdict
                    expect: {verdict: MAYBE}
                  - name: typo key
                    expct: {verdict: APPROVE}
                """);
        TestReport r = run(List.of());
        assertThat(r.success()).isFalse();
        assertThat(r.caseFileProblems()).anyMatch(p -> p.contains("use/use_test.yaml: case 'bad submission'") && p.contains("/intendedUse"))
                .anyMatch(p -> p.contains("case 'bad verdict'") && p.contains("MAYBE"))
                .anyMatch(p -> p.contains("unknown key 'expct'"));
    }

    @Test
    void selectingCaseFiles_andMissingOnesReported() {
        assertThat(run(List.of("use")).passed()).isEqualTo(3);
        assertThat(run(List.of("nope_test.yaml")).caseFileProblems()).singleElement().asString().contains("no such case file");
    }

    /** Issue 17: a case that names a rule, key or signal that does not exist can never fail, so it is an error. */
    @Test
    void casesThatCannotFail_areErrors() throws IOException {
        Files.writeString(rules.resolve("vocabulary.yaml"), "signals: [prompt.term]\n");
        Files.writeString(rules.resolve("use/use_test.yaml"), """
                base: ../base.json
                cases:
                  - name: misspelled exclude
                    expect: {verdict: APPROVE, exclude: [no-comercial]}
                  - name: misspelled include
                    expect: {verdict: APPROVE, include: [festvial-long-work-review]}
                  - name: misspelled carrying rule
                    expect: {verdict: APPROVE, rules: [okk]}
                  - name: unknown expect key
                    expect: {verdict: APPROVE, exlude: [no-commercial]}
                  - name: unknown signal name
                    signals: [{name: prompt.terms, category: public-figure, value: Someone}]
                    expect: {verdict: APPROVE}
                  - name: unknown signal key
                    signals: [{name: prompt.term, categry: public-figure}]
                    expect: {verdict: APPROVE}
                """);
        TestReport r = run(List.of());
        assertThat(r.success()).isFalse();
        assertThat(r.results()).isEmpty();
        assertThat(r.caseFileProblems()).hasSize(6)
                .anyMatch(p -> p.contains("case 'misspelled exclude'") && p.contains("expect.exclude names rule 'no-comercial'")
                        && p.contains("did you mean 'no-commercial'?"))
                .anyMatch(p -> p.contains("case 'misspelled include'") && p.contains("'festvial-long-work-review'"))
                .anyMatch(p -> p.contains("case 'misspelled carrying rule'") && p.contains("expect.rules names rule 'okk'"))
                .anyMatch(p -> p.contains("unknown key 'exlude'"))
                .anyMatch(p -> p.contains("case 'unknown signal name'") && p.contains("signal 'prompt.terms'"))
                .anyMatch(p -> p.contains("unknown key 'categry'"));
    }
}
