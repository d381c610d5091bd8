package dev.greenlight.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.model.Reason;
import dev.greenlight.model.Signal;
import dev.greenlight.model.Submission;
import dev.greenlight.testing.RuleDirs;
import dev.greenlight.testing.Submissions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Warming rules before they serve ({@link RuleEvaluator#prepare}): ready sessions, and votes as without it. */
class RuleEvaluatorPrepareTest {
    @TempDir
    Path dir;

    private CompiledRules compile(String name, String body) {
        Path rules = dir.resolve(name);
        RuleDirs.write(rules, "a.drl", "a", body);
        return RuleCompiler.compile(RuleFiles.fromDirectory(rules));
    }

    private static final String RULES = """
            declare Seen id : String end
            rule "first-sight" when Submission( $id : id ) not Seen() then insert(new Seen($id)); verdict.approve("first " + $id); end
            rule "press" @policy("P-1") when Submission( intendedUse == "press" ) then verdict.escalate("press"); end
            rule "seen-before" when Seen( $id : id ) Submission( id != $id ) then verdict.reject("left over: " + $id); end
            """;

    private static List<Submission> inputs() {
        List<Submission> out = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            out.add(Submissions.base("s" + i).intendedUse(i % 2 == 0 ? "press" : "portfolio").build());
        }
        return out;
    }

    private static List<RuleEvaluator.Sample> samples() {
        return inputs().stream().map(s -> new RuleEvaluator.Sample(s, List.<Signal>of())).toList();
    }

    @Test
    void prepare_makesSessionsAhead_andTheFirstDecisionTakesOne() {
        CompiledRules rules = compile("r", RULES);
        try (RuleEvaluator evaluator = new RuleEvaluator(100, Duration.ofSeconds(5))) {
            assertThat(evaluator.prepare(rules, samples(), 10, Duration.ofMinutes(1))).isEqualTo(10);
            assertThat(rules.kieBase().getKieSessions()).hasSize(1);
            evaluator.evaluate(rules, inputs().get(0), List.of());
            // the warmed session served it: no second session was made
            assertThat(rules.kieBase().getKieSessions()).hasSize(1);
        }
    }

    @Test
    void prepare_withoutSamples_stillMakesASession() {
        CompiledRules rules = compile("r", RULES);
        try (RuleEvaluator evaluator = new RuleEvaluator(100, Duration.ofSeconds(5))) {
            assertThat(evaluator.prepare(rules, List.of(), 10, Duration.ofMinutes(1))).isZero();
            assertThat(rules.kieBase().getKieSessions()).hasSize(1);
        }
    }

    @Test
    void aSpentBudget_stopsTheWarmUp_butTheSessionIsStillMade() {
        CompiledRules rules = compile("r", RULES);
        try (RuleEvaluator evaluator = new RuleEvaluator(100, Duration.ofSeconds(5))) {
            assertThat(evaluator.prepare(rules, samples(), 10, Duration.ZERO)).isZero();
            assertThat(rules.kieBase().getKieSessions()).hasSize(1);
        }
    }

    @Test
    void votesAfterAWarmUp_areTheVotesOfAFreshEvaluator() {
        CompiledRules rules = compile("r", RULES);
        try (RuleEvaluator warmed = new RuleEvaluator(100, Duration.ofSeconds(5));
             RuleEvaluator fresh = new RuleEvaluator(100, Duration.ofSeconds(5))) {
            warmed.prepare(rules, samples(), 25, Duration.ofMinutes(1));
            for (Submission s : inputs()) {
                List<Reason> a = warmed.evaluate(rules, s, List.of());
                List<Reason> b = fresh.evaluate(rules, s, List.of());
                assertThat(a).as(s.getId()).isEqualTo(b);
                assertThat(a).extracting(Reason::rule).doesNotContain("seen-before");
            }
        }
    }

    @Test
    void warmedRulesThatNeverServe_haveTheirSessionsDisposed() {
        CompiledRules serving = compile("serving", RULES);
        CompiledRules abandoned = compile("abandoned", RULES);
        try (RuleEvaluator evaluator = new RuleEvaluator(100, Duration.ofSeconds(5))) {
            evaluator.evaluate(serving, inputs().get(0), List.of());
            evaluator.prepare(abandoned, samples(), 3, Duration.ofMinutes(1));
            // the live rules go on serving from their own pool while the warmed ones wait
            evaluator.evaluate(serving, inputs().get(1), List.of());
            assertThat(serving.kieBase().getKieSessions()).hasSize(1);
            assertThat(abandoned.kieBase().getKieSessions()).hasSize(1);
            // newer rules are warmed instead: the abandoned ones' sessions go
            CompiledRules newer = compile("newer", RULES);
            evaluator.prepare(newer, samples(), 3, Duration.ofMinutes(1));
            assertThat(abandoned.kieBase().getKieSessions()).isEmpty();
        }
    }
}
