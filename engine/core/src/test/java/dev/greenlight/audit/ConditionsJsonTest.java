package dev.greenlight.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.json.ModelJson;
import dev.greenlight.model.Condition;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Reason;
import dev.greenlight.model.ShadowVerdict;
import dev.greenlight.model.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A conditional approval's JSON: written by both paths to the same bytes, read back equal; other decisions unchanged. */
class ConditionsJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Decision conditional() {
        List<Reason> reasons = List.of(
                new Reason("label-ai-video", Verdict.APPROVE_WITH_CONDITIONS, "Label it as made with AI.", "PRV-2", "label-made-with-ai"),
                new Reason("credit", Verdict.APPROVE_WITH_CONDITIONS, "Credit the model.", null, "credit-the-model"),
                new Reason("meets-programme-policy", Verdict.APPROVE, "Fine.", "BASE-1"));
        List<Condition> conditions = List.of(
                new Condition("label-made-with-ai", "Label it as made with AI.", "PRV-2", "label-ai-video",
                        Instant.parse("2026-11-08T10:00:00Z")),
                new Condition("credit-the-model", "Credit the model.", null, "credit", null));
        return new Decision("d-1", "s-1", Verdict.APPROVE_WITH_CONDITIONS, reasons, List.of(), AuditFixtures.RULES, List.of(),
                Instant.parse("2026-11-01T10:00:00Z"), 42, conditions);
    }

    @Test
    void aConditionalApproval_roundTrips_throughTheCanonicalAndTheTreePath_toTheSameBytes() throws Exception {
        Decision d = conditional();
        byte[] canonical = CanonicalModel.decision(d);
        assertThat(new String(CanonicalJson.of(ModelJson.decision(d)), StandardCharsets.UTF_8))
                .isEqualTo(new String(canonical, StandardCharsets.UTF_8));
        assertThat(RecordedModel.decision(JSON.readTree(canonical))).isEqualTo(d);
        assertThat(RecordedModel.decision(JSON.readTree(ModelJson.toJson(d)))).isEqualTo(d);
        JsonNode tree = JSON.readTree(ModelJson.toJson(d));
        assertThat(tree.at("/conditions/0").toString()).isEqualTo("{\"id\":\"label-made-with-ai\",\"message\":"
                + "\"Label it as made with AI.\",\"policy\":\"PRV-2\",\"rule\":\"label-ai-video\",\"dueAt\":\"2026-11-08T10:00:00Z\"}");
        assertThat(tree.at("/reasons/0/condition").asText()).isEqualTo("label-made-with-ai");
    }

    @Test
    void aConditionalApproval_whoseConditionsWereRedactedAway_stillReadsBackAsConditional() throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode tree = ModelJson.decision(conditional());
        tree.remove("conditions");
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.withArray("reasons").get(1)).remove("condition");
        Decision back = RecordedModel.decision(tree);
        assertThat(back.verdict()).isEqualTo(Verdict.APPROVE_WITH_CONDITIONS);
        assertThat(back.conditionIds()).containsExactly("label-made-with-ai", RecordedModel.REDACTED);
    }

    @Test
    void otherDecisions_haveNoConditionsMember_andNoConditionInTheirReasons() throws Exception {
        Decision d = AuditFixtures.decision("d-2", "s-2", Verdict.APPROVE);
        String canonical = new String(CanonicalModel.decision(d), StandardCharsets.UTF_8);
        assertThat(canonical).doesNotContain("condition");
        assertThat(ModelJson.toJson(d)).doesNotContain("condition");
        assertThat(RecordedModel.decision(JSON.readTree(canonical)).conditions()).isEmpty();
    }

    @Test
    void aShadow_thatSetsOtherConditions_disagrees() {
        Decision live = conditional();
        ShadowVerdict same = new ShadowVerdict(AuditFixtures.RULES, Verdict.APPROVE_WITH_CONDITIONS, live.reasons(), 1, null);
        ShadowVerdict fewer = new ShadowVerdict(AuditFixtures.RULES, Verdict.APPROVE_WITH_CONDITIONS,
                live.reasons().subList(0, 1), 1, null);
        assertThat(same.agrees(live)).isTrue();
        assertThat(fewer.agrees(live)).isFalse();
        assertThat(fewer.conditionIds()).containsExactly("label-made-with-ai");
    }
}
