package dev.greenlight.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.model.Reason;
import dev.greenlight.model.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/**
 * A condition the pack does not define can reach run time only past {@code validate} (a rule set
 * compiled elsewhere, a vocabulary changed under cached rules); it must still never approve.
 */
class VoteCollectorTest {
    private static final ConditionVocabulary LABEL = ConditionVocabulary.parse("""
            conditions:
              label:
                text: Label it as made with AI.
                evidence: a link
            """.getBytes(StandardCharsets.UTF_8), new ArrayList<>());

    @Test
    void anUnknownCondition_escalatesNamingIt_neverApproves() {
        VoteCollector votes = new VoteCollector(null, LABEL);
        votes.firing("label-it", "P-1");
        votes.approveWith("lable", "Label it.");
        votes.approveWith(null, "Label it.");
        assertThat(votes.reasons()).extracting(Reason::verdict).containsExactly(Verdict.ESCALATE, Verdict.ESCALATE);
        assertThat(votes.reasons().get(0).rule()).isEqualTo("label-it");
        assertThat(votes.reasons().get(0).message()).contains("(lable)").contains("reviewer");
        assertThat(votes.reasons().get(0).condition()).isNull();
    }

    @Test
    void aKnownCondition_isAConditionalVote_andWithoutConditionsEveryConditionIsUnknown() {
        VoteCollector votes = new VoteCollector(null, LABEL);
        votes.firing("label-it", "P-1");
        votes.approveWith("label", null);
        assertThat(votes.reasons()).containsExactly(new Reason("label-it", Verdict.APPROVE_WITH_CONDITIONS,
                "Label it as made with AI.", "P-1", "label"));

        VoteCollector none = new VoteCollector(null, ConditionVocabulary.NONE);
        none.approveWith("label", "Label it.");
        assertThat(none.reasons()).extracting(Reason::verdict).containsExactly(Verdict.ESCALATE);
    }
}
