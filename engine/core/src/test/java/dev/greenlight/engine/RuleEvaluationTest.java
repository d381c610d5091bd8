package dev.greenlight.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greenlight.model.Decision;
import dev.greenlight.model.Reason;
import dev.greenlight.model.Verdict;
import dev.greenlight.ruleset.RuleCompilationException;
import dev.greenlight.ruleset.RuleProblem;
import dev.greenlight.testing.RuleDirs;
import dev.greenlight.testing.Submissions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleEvaluationTest {
    @TempDir
    Path rules;

    private Greenlight engine() {
        return Greenlight.builder().rulesDirectory(rules)
                .clock(Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC))
                .decisionIds(() -> "d-1").build();
    }

    @Test
    void reason_namesRuleAndPolicy_inFiringOrder() {
        RuleDirs.write(rules, "a/a.drl", "a", """
                rule "commercial-check" @policy("CP-1") salience 10
                when Submission( intendedUse == "commercial" )
                then verdict.reject("Commercial use needs a partner."); end
                rule "fine" when Submission() then verdict.approve("Looks fine."); end
                """);
        try (Greenlight g = engine()) {
            Decision d = g.decide(Submissions.base("s1").intendedUse("commercial").build());
            assertThat(d.verdict()).isEqualTo(Verdict.REJECT);
            assertThat(d.reasons()).containsExactly(
                    new Reason("commercial-check", Verdict.REJECT, "Commercial use needs a partner.", "CP-1"),
                    new Reason("fine", Verdict.APPROVE, "Looks fine.", null));
            assertThat(d.decisionId()).isEqualTo("d-1");
            assertThat(d.decidedAt()).isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
            assertThat(d.ruleset().version()).startsWith("sha256:").hasSize(7 + 64);
        }
    }

    @Test
    void combine_escalateBeatsApprove_rejectBeatsBoth() {
        RuleDirs.write(rules, "a.drl", "a", """
                rule "e" when Submission( prompt contains "boat" ) then verdict.escalate("check"); end
                rule "ok" when Submission() then verdict.approve("ok"); end
                rule "r" when Submission( intendedUse == "press" ) then verdict.reject("no"); end
                """);
        try (Greenlight g = engine()) {
            assertThat(g.decide(Submissions.base("s1").build()).verdict()).isEqualTo(Verdict.ESCALATE);
            assertThat(g.decide(Submissions.base("s2").prompt("a tree").build()).verdict()).isEqualTo(Verdict.APPROVE);
            assertThat(g.decide(Submissions.base("s3").intendedUse("press").build()).verdict()).isEqualTo(Verdict.REJECT);
        }
    }

    @Test
    void noVote_givesConfiguredDefault_withReason() {
        RuleDirs.write(rules, "a.drl", "a", """
                rule "never" when Submission( intendedUse == "press" ) then verdict.reject("no"); end
                """);
        try (Greenlight g = engine()) {
            Decision d = g.decide(Submissions.base("s1").build());
            assertThat(d.verdict()).isEqualTo(Verdict.ESCALATE);
            assertThat(d.reasons()).extracting(Reason::rule).containsExactly(Greenlight.DEFAULT_RULE);
        }
        try (Greenlight g = Greenlight.builder().rulesDirectory(rules).defaultVerdict(Verdict.APPROVE).build()) {
            assertThat(g.decide(Submissions.base("s1").build()).verdict()).isEqualTo(Verdict.APPROVE);
        }
    }

    @Test
    void throwingRule_escalatesNamingTheRule() {
        RuleDirs.write(rules, "a.drl", "a", """
                rule "ok" salience 10 when Submission() then verdict.approve("ok"); end
                rule "broken-rule" when Submission() then
                    throw new IllegalStateException("boom");
                end
                """);
        try (Greenlight g = engine()) {
            Decision d = g.decide(Submissions.base("s1").build());
            assertThat(d.verdict()).isEqualTo(Verdict.ESCALATE);
            assertThat(d.reasons()).anySatisfy(r -> {
                assertThat(r.rule()).isEqualTo("greenlight.rule-error");
                assertThat(r.message()).contains("broken-rule").contains("IllegalStateException");
            });
            // the next decision is unaffected by the failure of the previous session
            assertThat(g.decide(Submissions.base("s2").build()).verdict()).isEqualTo(Verdict.ESCALATE);
        }
    }

    @Test
    void throwingConstraint_escalates() {
        RuleDirs.write(rules, "a.drl", "a", """
                rule "ok" when Submission() then verdict.approve("ok"); end
                rule "bad-constraint" when Submission( prompt.substring(1000).length() > 0 )
                then verdict.approve("never"); end
                """);
        try (Greenlight g = engine()) {
            Decision d = g.decide(Submissions.base("s1").build());
            assertThat(d.verdict()).isEqualTo(Verdict.ESCALATE);
            assertThat(d.reasons()).extracting(Reason::rule).contains("greenlight.rule-error");
        }
    }

    @Test
    void R2_runawayRule_stopsAtFiringLimit_andEscalates() {
        RuleDirs.write(rules, "a.drl", "a", """
                declare Counter n : int end
                rule "seed" when not Counter() then insert(new Counter(0)); end
                rule "runaway" when $c : Counter( n >= 0 ) then
                    verdict.approve("again");
                    modify($c) { setN($c.getN() + 1) };
                end
                """);
        try (Greenlight g = Greenlight.builder().rulesDirectory(rules).maxRuleFirings(500).build()) {
            long start = System.nanoTime();
            Decision d = g.decide(Submissions.base("s1").build());
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(d.verdict()).isEqualTo(Verdict.ESCALATE);
            assertThat(d.reasons()).last().satisfies(r -> {
                assertThat(r.rule()).isEqualTo("greenlight.rule-limit");
                assertThat(r.message()).contains("runaway").contains("500");
            });
        }
    }

    @Test
    void slowRuleChain_stopsAtTimeLimit_andEscalates() {
        RuleDirs.write(rules, "a.drl", "a", """
                declare Tick n : int end
                rule "seed" when not Tick() then insert(new Tick(0)); end
                rule "slow" when $t : Tick( n >= 0 ) then
                    double x = 0; for (int i = 0; i < 3_000_000; i++) { x += Math.sqrt(i + $t.getN()); }
                    if (x < 0) { verdict.approve("never"); }
                    modify($t) { setN($t.getN() + 1) };
                end
                """);
        try (Greenlight g = Greenlight.builder().rulesDirectory(rules).ruleTimeout(Duration.ofMillis(200)).build()) {
            Decision d = g.decide(Submissions.base("s1").build());
            assertThat(d.verdict()).isEqualTo(Verdict.ESCALATE);
            assertThat(d.reasons()).extracting(Reason::rule).contains("greenlight.rule-timeout");
        }
    }

    @Test
    void compileErrors_allReported_withFileLineColumn() {
        RuleDirs.write(rules, "one/syntax.drl", "one", """
                rule "broken"
                when
                    Submission( intendedUse == )
                then
                    verdict.reject("x");
                end
                """);
        RuleDirs.write(rules, "two/types.drl", "two", """
                rule "unknown-type"
                when
                    NoSuchFact( x == 1 )
                then
                    verdict.reject("x");
                end
                """);
        assertThatThrownBy(this::engine).isInstanceOfSatisfying(RuleCompilationException.class, e -> {
            assertThat(e.problems()).extracting(RuleProblem::file).contains("one/syntax.drl", "two/types.drl");
            assertThat(e.problems()).allSatisfy(p -> assertThat(p.line()).isPositive());
            assertThat(e.problems().stream().filter(p -> p.file().equals("two/types.drl")))
                    .anySatisfy(p -> assertThat(p.message()).contains("NoSuchFact"));
            assertThat(e.problems()).filteredOn(p -> p.isError() && p.file().equals("one/syntax.drl")).singleElement()
                    .satisfies(p -> assertThat(p.toString()).startsWith("one/syntax.drl:6:32: "));
            assertThat(e.problems()).filteredOn(p -> p.isError() && p.file().equals("two/types.drl")).singleElement()
                    .satisfies(p -> assertThat(p.toString()).startsWith("two/types.drl:6:5: "));
        });
    }

    @Test
    void emptyRulesDirectory_isAConfigurationError() {
        assertThatThrownBy(this::engine).isInstanceOf(RuleCompilationException.class)
                .hasMessageContaining("no rule files");
    }

    @Test
    void missingRulesDirectory_isAConfigurationError() {
        assertThatThrownBy(() -> Greenlight.builder().rulesDirectory(rules.resolve("nope")).build())
                .isInstanceOf(GreenlightConfigurationException.class).hasMessageContaining("nope");
    }

    @Test
    void rulesetVersion_dependsOnContentAndPath_only() {
        RuleDirs.write(rules, "a.drl", "a", "rule \"r\" when Submission() then verdict.approve(\"ok\"); end\n");
        String v1;
        try (Greenlight g = engine()) {
            v1 = g.ruleset().version();
        }
        try (Greenlight g = engine()) {
            assertThat(g.ruleset().version()).isEqualTo(v1);
        }
        RuleDirs.write(rules, "a.drl", "a", "rule \"r\" when Submission() then verdict.approve(\"ok!\"); end\n");
        try (Greenlight g = engine()) {
            assertThat(g.ruleset().version()).isNotEqualTo(v1);
        }
    }

    @Test
    void factsReadAsContractSays_absentOptionalsAreEmpty() {
        RuleDirs.write(rules, "a.drl", "a", """
                rule "absent" when
                    Submission( provenance.c2pa == false, model.name == "", tags.size() == 0, title == "",
                                attributes.isEmpty(), submitter.roles.size() == 0 )
                    Media( index == 0, durationSeconds == null )
                then verdict.approve("defaults hold"); end
                """);
        try (Greenlight g = engine()) {
            var s = dev.greenlight.model.Submission.builder("s1").submittedAt(Instant.EPOCH)
                    .submitter(new dev.greenlight.model.Submitter("a", null, false, null)).intendedUse("private")
                    .addMedia(dev.greenlight.model.Media.builder("image").build()).build();
            assertThat(g.decide(s).reasons()).extracting(Reason::rule).containsExactly("absent");
        }
    }
}
