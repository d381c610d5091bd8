package dev.greenlight.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greenlight.model.Condition;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Reason;
import dev.greenlight.model.Verdict;
import dev.greenlight.ruleset.RuleCompilationException;
import dev.greenlight.ruleset.RuleProblem;
import dev.greenlight.testing.RuleDirs;
import dev.greenlight.testing.Submissions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Conditional approval (docs/contract.md §8): the vote, combining, the vocabulary at validation and run time. */
class ConditionalApprovalTest {
    static final String CONDITIONS = """
            conditions:
              label-made-with-ai:
                text: Show a visible "made with AI" label with the work.
                evidence: a link to the published, labelled work
                deadline: P7D
              credit-the-model:
                text: Credit the model that made the work.
                evidence: the credit line as published
            """;
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    @TempDir
    Path rules;

    private Greenlight engine(Verdict defaultVerdict) {
        return Greenlight.builder().rulesDirectory(rules).defaultVerdict(defaultVerdict)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    }

    /** One rule per kind of vote, each firing when the submission carries its tag. */
    private void writeVoters() throws IOException {
        Files.writeString(rules.resolve("conditions.yaml"), CONDITIONS);
        RuleDirs.write(rules, "a/a.drl", "a", """
                rule "ok" @policy("P-A") when Submission( hasTag("approve") ) then verdict.approve("Fine."); end
                rule "label" @policy("P-C") when Submission( hasTag("conditional") )
                then verdict.approveWith("label-made-with-ai", "Publish it with a visible made-with-AI label."); end
                rule "check" @policy("P-E") when Submission( hasTag("escalate") ) then verdict.escalate("A reviewer looks."); end
                rule "no" @policy("P-R") when Submission( hasTag("reject") ) then verdict.reject("Not this."); end
                """);
    }

    @Test
    void everyPairOfVotes_combinesRejectOverEscalateOverConditionalOverApprove_andNoVoteGivesTheDefault() throws IOException {
        writeVoters();
        List<String> kinds = List.of("none", "approve", "conditional", "escalate", "reject");
        List<Verdict> strength = List.of(Verdict.APPROVE, Verdict.APPROVE_WITH_CONDITIONS, Verdict.ESCALATE, Verdict.REJECT);
        for (Verdict defaultVerdict : List.of(Verdict.ESCALATE, Verdict.APPROVE, Verdict.REJECT)) {
            try (Greenlight g = engine(defaultVerdict)) {
                int n = 0;
                for (String x : kinds) {
                    for (String y : kinds) {
                        List<String> tags = new ArrayList<>();
                        Verdict expected = null;
                        for (String k : List.of(x, y)) {
                            if (!k.equals("none")) {
                                tags.add(k);
                                Verdict v = strength.get(kinds.indexOf(k) - 1);
                                expected = v.strongest(expected);
                            }
                        }
                        expected = expected == null ? defaultVerdict : expected;
                        Decision d = g.decide(Submissions.base("s-" + n++).tags(tags).build());
                        assertThat(d.verdict()).as("%s + %s, default %s", x, y, defaultVerdict).isEqualTo(expected);
                        if (expected == Verdict.APPROVE_WITH_CONDITIONS) {
                            assertThat(d.conditions()).extracting(Condition::id).containsExactly("label-made-with-ai");
                            assertThat(d.conditions().get(0)).isEqualTo(new Condition("label-made-with-ai",
                                    "Publish it with a visible made-with-AI label.", "P-C", "label", NOW.plus(Duration.ofDays(7))));
                        } else {
                            assertThat(d.conditions()).as("%s + %s", x, y).isEmpty();
                        }
                    }
                }
            }
        }
    }

    @Test
    void theConditionalVote_isAReasonNamingItsCondition_andTwoVotesForOneConditionGiveOneCondition() throws IOException {
        Files.writeString(rules.resolve("conditions.yaml"), CONDITIONS);
        RuleDirs.write(rules, "a.drl", "a", """
                rule "label" @policy("P-1") salience 10 when Submission() then verdict.approveWith("label-made-with-ai", "Label it."); end
                rule "credit" salience 5 when Submission() then verdict.approveWith("credit-the-model", ""); end
                rule "label-again" when Submission() then verdict.approveWith("label-made-with-ai", "Label it, again."); end
                rule "fine" salience -1 when Submission() then verdict.approve("Fine."); end
                """);
        try (Greenlight g = engine(Verdict.ESCALATE)) {
            Decision d = g.decide(Submissions.base("s-1").build());
            assertThat(d.verdict()).isEqualTo(Verdict.APPROVE_WITH_CONDITIONS);
            assertThat(d.reasons()).containsExactly(
                    new Reason("label", Verdict.APPROVE_WITH_CONDITIONS, "Label it.", "P-1", "label-made-with-ai"),
                    new Reason("credit", Verdict.APPROVE_WITH_CONDITIONS, "Credit the model that made the work.", null,
                            "credit-the-model"),
                    new Reason("label-again", Verdict.APPROVE_WITH_CONDITIONS, "Label it, again.", null, "label-made-with-ai"),
                    new Reason("fine", Verdict.APPROVE, "Fine.", null));
            // no deadline in the vocabulary, none on the condition; a blank message reads the vocabulary's text
            assertThat(d.conditions()).containsExactly(
                    new Condition("label-made-with-ai", "Label it.", "P-1", "label", NOW.plus(Duration.ofDays(7))),
                    new Condition("credit-the-model", "Credit the model that made the work.", null, "credit", null));
        }
    }

    @Test
    void validate_refusesAnUnknownCondition_atItsPlace_andAComputedOne() throws IOException {
        Files.writeString(rules.resolve("conditions.yaml"), CONDITIONS);
        RuleDirs.write(rules, "a.drl", "a", """
                rule "typo" when Submission() then
                    verdict.approveWith("label-made-with-AI", "Label it.");
                end
                rule "computed" when Submission() then
                    verdict.approveWith("label-" + "made-with-ai", "Label it.");
                end
                """);
        assertThatThrownBy(() -> engine(Verdict.ESCALATE))
                .isInstanceOfSatisfying(RuleCompilationException.class, e -> assertThat(e.problems())
                        .filteredOn(RuleProblem::isError).extracting(RuleProblem::toString).containsExactly(
                                "a.drl:5:25: unknown condition 'label-made-with-AI': not defined in conditions.yaml "
                                        + "(defined: [label-made-with-ai, credit-the-model])",
                                "a.drl:8:25: the condition of approveWith must be written as a \"quoted\" id from "
                                        + "conditions.yaml, so it can be checked"));
    }

    @Test
    void validate_refusesAConditionWhenThePackHasNoConditionsFile() {
        RuleDirs.write(rules, "a.drl", "a", "rule \"r\" when Submission() then verdict.approveWith(\"x\", \"m\"); end\n");
        assertThatThrownBy(() -> engine(Verdict.ESCALATE)).isInstanceOfSatisfying(RuleCompilationException.class,
                e -> assertThat(e.problems()).extracting(RuleProblem::message)
                        .contains("unknown condition 'x': the rules have no conditions.yaml defining conditions"));
    }

    @Test
    void aBadConditionsFile_isRefused_withLineAndColumn() throws IOException {
        Files.writeString(rules.resolve("conditions.yaml"), """
                conditions:
                  label-made-with-ai:
                    text: Label it.
                    evidence: a link
                    deadline: a week
                  Credit:
                    text: Credit the model.
                  ok:
                    text: Fine.
                    evidence: none
                    colour: red
                """);
        RuleDirs.write(rules, "a.drl", "a", "rule \"r\" when Submission() then verdict.approve(\"m\"); end\n");
        assertThatThrownBy(() -> engine(Verdict.ESCALATE)).isInstanceOfSatisfying(RuleCompilationException.class,
                e -> assertThat(e.problems()).filteredOn(RuleProblem::isError).extracting(RuleProblem::toString).contains(
                        "conditions.yaml:5:5: condition 'label-made-with-ai': deadline 'a week' is not an ISO-8601 duration (P7D, PT48H, …)",
                        "conditions.yaml:6:3: condition id 'Credit' must be 1 to 64 of a-z, 0-9, '.' and '-', starting with a letter or digit",
                        "conditions.yaml:6:3: condition 'Credit' needs 'evidence': what a fulfilment must report",
                        "conditions.yaml:11:5: condition 'ok': unknown key 'colour' (expected one of [deadline, evidence, text])"));
    }

    @Test
    void aConditionalApproval_cannotBeTheDefault() {
        assertThatThrownBy(() -> Greenlight.builder().defaultVerdict(Verdict.APPROVE_WITH_CONDITIONS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no rule names a condition");
    }

    @Test
    void aDecision_neverCarriesConditionsWithAnotherVerdict_norAConditionalApprovalWithout() {
        Reason conditional = new Reason("r", Verdict.APPROVE_WITH_CONDITIONS, "Label it.", null, "label");
        Decision d = new Decision("d", "s", Verdict.APPROVE_WITH_CONDITIONS, List.of(conditional), List.of(),
                new dev.greenlight.model.RulesetRef("x", "y"), List.of(), NOW, 1);
        assertThat(d.conditionIds()).containsExactly("label");
        assertThatThrownBy(() -> new Decision("d", "s", Verdict.APPROVE_WITH_CONDITIONS, List.of(), List.of(),
                new dev.greenlight.model.RulesetRef("x", "y"), List.of(), NOW, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Decision("d", "s", Verdict.APPROVE, List.of(conditional), List.of(),
                new dev.greenlight.model.RulesetRef("x", "y"), List.of(), NOW, 1, d.conditions()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Reason("r", Verdict.APPROVE, "m", null, "label")).isInstanceOf(IllegalArgumentException.class);
    }
}
