package dev.greenlight.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.model.Decision;
import dev.greenlight.model.Reason;
import dev.greenlight.model.Signal;
import dev.greenlight.model.Submission;
import dev.greenlight.model.Verdict;
import dev.greenlight.testing.RuleDirs;
import dev.greenlight.testing.Submissions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sessions are reset and reused between decisions (for speed): nothing of one decision may reach
 * the next, whether it ended normally, threw, ran into the firing limit or out of time.
 */
class SessionReuseTest {
    @TempDir
    Path rules;

    private static List<String> rules(Decision d) {
        return d.reasons().stream().map(Reason::rule).toList();
    }

    @Test
    void factsInsertedByRules_doNotSurviveTheDecision() {
        RuleDirs.write(rules, "a.drl", "a", """
                declare Seen id : String end
                declare Held id : String end
                rule "first-sight" when Submission( $id : id ) not Seen() then
                    insert(new Seen($id)); verdict.approve("first");
                end
                rule "seen-before" when Seen( $id : id ) Submission( id != $id ) then
                    verdict.reject("a fact of another decision: " + $id);
                end
                rule "hold" when Submission( intendedUse == "press", $id : id ) then insertLogical(new Held($id)); end
                rule "held-before" when Held( $id : id ) Submission( id != $id ) then
                    verdict.reject("a logical fact of another decision: " + $id);
                end
                """);
        try (Greenlight g = Greenlight.builder().rulesDirectory(rules).build()) {
            for (int i = 0; i < 50; i++) {
                Decision d = g.decide(Submissions.base("s" + i).intendedUse(i % 2 == 0 ? "press" : "portfolio").build());
                assertThat(d.verdict()).as("decision %d", i).isEqualTo(Verdict.APPROVE);
                assertThat(rules(d)).containsExactly("first-sight");
            }
        }
    }

    @Test
    void signalsOfOneDecision_areNotSeenByTheNext() {
        RuleDirs.write(rules, "a.drl", "a", """
                rule "term" @policy("T-1") when Signal( name == "prompt.term", $v : value ) then verdict.escalate("term " + $v); end
                rule "ok" @policy("T-2") when Submission() then verdict.approve("ok"); end
                """);
        try (Greenlight g = Greenlight.builder().rulesDirectory(rules).build()) {
            Signal term = Signal.builder("prompt.term").value("x").build();
            assertThat(rules(g.decide(Submissions.base("a").build(), List.of(term)))).containsExactly("term", "ok");
            assertThat(rules(g.decide(Submissions.base("b").build(), List.of()))).containsExactly("ok");
        }
    }

    @Test
    void afterAThrowingRule_aTimeoutAndTheFiringLimit_decisionsAreAsOnAFreshEngine() {
        RuleDirs.write(rules, "a.drl", "a", """
                declare Tick n : int end
                declare Slow n : int end
                rule "ok" @policy("T-1") when Submission() then verdict.approve("ok"); end
                rule "throws" when Submission( intendedUse == "press" ) then throw new IllegalStateException("boom"); end
                rule "seed" when Submission( intendedUse == "festival" ) not Tick() then insert(new Tick(0)); end
                rule "spin" when $t : Tick( n >= 0 ) then modify($t) { setN($t.getN() + 1) }; end
                rule "seed-slow" when Submission( intendedUse == "commercial" ) not Slow() then insert(new Slow(0)); end
                rule "slow" when $t : Slow( n >= 0 ) then
                    double x = 0; for (int i = 0; i < 3_000_000; i++) { x += Math.sqrt(i + $t.getN()); }
                    if (x < 0) { verdict.approve("never"); }
                    modify($t) { setN($t.getN() + 1) };
                end
                """);
        try (Greenlight g = Greenlight.builder().rulesDirectory(rules).maxRuleFirings(200)
                .ruleTimeout(Duration.ofMillis(100)).build()) {
            String[] uses = {"press", "festival", "commercial", "portfolio"};
            for (int round = 0; round < 3; round++) {
                for (String use : uses) {
                    Decision d = g.decide(Submissions.base(use + round).intendedUse(use).build());
                    switch (use) {
                        case "press" -> assertThat(rules(d)).containsExactly("ok", "greenlight.rule-error");
                        case "festival" -> assertThat(rules(d)).contains("greenlight.rule-limit");
                        case "commercial" -> assertThat(rules(d)).contains("greenlight.rule-timeout");
                        default -> assertThat(rules(d)).as("a clean decision after a failed one").containsExactly("ok");
                    }
                }
            }
        }
    }

    @Test
    void concurrentDecisions_onReusedSessions_keepTheirOwnVotes() throws Exception {
        RuleDirs.write(rules, "a.drl", "a", """
                rule "echo" when Submission( $id : id ) then verdict.approve($id); end
                rule "media" when Submission( $id : id ) Media( $i : index ) then verdict.escalate($id + "/" + $i); end
                """);
        try (Greenlight g = Greenlight.builder().rulesDirectory(rules).build()) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Decision>> futures = new ArrayList<>();
                for (int i = 0; i < 2_000; i++) {
                    Submission s = Submissions.base("s" + i).build();
                    futures.add(pool.submit(() -> g.decide(s)));
                }
                for (int i = 0; i < futures.size(); i++) {
                    Decision d = futures.get(i).get();
                    assertThat(d.reasons()).extracting(Reason::message).containsExactlyInAnyOrder("s" + i, "s" + i + "/0");
                }
            } finally {
                pool.shutdown();
            }
        }
    }
}
