package dev.greenlight.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.engine.Greenlight;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Fulfilment;
import dev.greenlight.model.Verdict;
import dev.greenlight.testing.RuleDirs;
import dev.greenlight.testing.Submissions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fulfilment of conditions (docs/contract.md §8): recorded in the chain, linked, verified, refused when wrong. */
class FulfilmentTest {
    private static final Instant T0 = Instant.parse("2026-11-02T08:00:00Z");

    @TempDir
    Path dir;
    Path rules;
    Path base;
    /** A clock the test moves. */
    final AtomicReference<Instant> now = new AtomicReference<>(T0);
    final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @BeforeEach
    void rules() throws IOException {
        rules = dir.resolve("rules");
        RuleDirs.write(rules, "a.drl", "a", """
                rule "label" when Submission( hasTag("video") ) then verdict.approveWith("label", "Label it as made with AI."); end
                rule "credit" when Submission( hasTag("video") ) then verdict.approveWith("credit", "Credit the model."); end
                rule "check" when Submission( hasTag("check") ) then verdict.escalate("A reviewer looks."); end
                rule "fine" when Submission() then verdict.approve("Fine."); end
                """);
        Files.writeString(rules.resolve("conditions.yaml"), """
                conditions:
                  label:
                    text: Label the work as made with AI.
                    evidence: a link to the labelled post
                    deadline: P2D
                  credit:
                    text: Credit the model.
                    evidence: the credit line
                """);
        base = dir.resolve("audit.jsonl");
    }

    private Greenlight engine(SimpleMeterRegistry meters) {
        return Greenlight.builder().rulesDirectory(rules).auditLog(base).clock(clock).meterRegistry(meters).build();
    }

    @Test
    void aFulfilment_isChainedAndLinkedToTheDecision_andVerified_andTheConditionIsNoLongerOpen() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Decision d;
        FulfilmentRecord f;
        try (Greenlight g = engine(meters)) {
            d = g.decide(Submissions.base("s-1").tags(List.of("video")).build());
            g.decide(Submissions.base("s-2").build());
            assertThat(d.verdict()).isEqualTo(Verdict.APPROVE_WITH_CONDITIONS);
            assertThat(d.conditionIds()).containsExactly("label", "credit");
            assertThat(meters.get("greenlight.conditions.open").gauge().value()).isEqualTo(2);
            now.set(T0.plus(Duration.ofDays(3)));
            assertThat(meters.get("greenlight.conditions.overdue").gauge().value()).isEqualTo(1); // label, due after 2 days

            f = g.fulfil(d.decisionId(), List.of(new Fulfilment("label", "https://example.org/post/1")));
            assertThat(meters.get("greenlight.conditions.open").gauge().value()).isEqualTo(1);
            assertThat(meters.get("greenlight.conditions.overdue").gauge().value()).isZero();
            assertThat(meters.get("greenlight.conditions.fulfilled").tag("condition", "label").counter().count()).isEqualTo(1);
            assertThat(meters.get("greenlight.conditions.set").tag("condition", "credit").counter().count()).isEqualTo(1);
        }
        assertThat(f.seq()).isEqualTo(3);
        assertThat(f.decisionSeq()).isEqualTo(1);
        assertThat(f.submissionId()).isEqualTo("s-1");
        assertThat(f.fulfilledAt()).isEqualTo(T0.plus(Duration.ofDays(3)));

        List<AuditRecord> records = AuditFixtures.records(base);
        AuditRecord rec = records.get(2);
        assertThat(rec.isFulfilment()).isTrue();
        assertThat(rec.decisionId()).isEqualTo(d.decisionId());
        assertThat(rec.fulfilment()).isEqualTo(f);
        JsonNode member = new ObjectMapper().readTree(rec.member("fulfilment"));
        assertThat(member.at("/decision/hash").asText()).isEqualTo(records.get(0).hash());
        assertThat(member.at("/conditions/0/evidence").asText()).isEqualTo("https://example.org/post/1");
        // the decision reads back with its conditions
        assertThat(records.get(0).decision()).isEqualTo(d);

        VerifyResult v = AuditFixtures.verify(base);
        assertThat(v.intact()).as(v.describe("log")).isTrue();
        assertThat(v.records()).isEqualTo(3);
        assertThat(v.notes()).contains("1 fulfilment record of conditions among the records");

        List<ConditionState> states = ConditionLedger.read(base).states();
        assertThat(states).extracting(s -> s.condition().id()).containsExactly("label", "credit");
        assertThat(states.get(0).open()).isFalse();
        assertThat(states.get(0).fulfilmentSeq()).isEqualTo(3);
        assertThat(states.get(1).open()).isTrue();
        assertThat(states.get(1).overdue(T0.plus(Duration.ofDays(300)))).isFalse(); // credit has no deadline
    }

    @Test
    void aFulfilment_isRefused_withNothingRecorded_whenItDoesNotFit() {
        try (Greenlight g = engine(new SimpleMeterRegistry())) {
            Decision d = g.decide(Submissions.base("s-1").tags(List.of("video")).build());
            Decision plain = g.decide(Submissions.base("s-2").build());
            g.fulfil(d.decisionId(), List.of(new Fulfilment("credit", "Made with Model X")));
            String id = d.decisionId();

            assertThatThrownBy(() -> g.fulfil(id, List.of(new Fulfilment("watermark", "yes"))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("conditions/0/id: decision " + id + " does not carry condition watermark (it carries [label, credit])");
            assertThatThrownBy(() -> g.fulfil(id, List.of(new Fulfilment("credit", "again"))))
                    .hasMessageContaining("condition credit of decision " + id + " was already fulfilled (record seq 3)");
            assertThatThrownBy(() -> g.fulfil(id, List.of(new Fulfilment("label", "a"), new Fulfilment("label", "b"))))
                    .hasMessage("conditions/1/id: condition label is named twice");
            assertThatThrownBy(() -> g.fulfil(id, List.of(new Fulfilment("label", " "))))
                    .hasMessageStartingWith("conditions/0/evidence: must be 1 to 2000 characters");
            assertThatThrownBy(() -> g.fulfil(id, List.of())).hasMessageStartingWith("conditions: name at least one");
            assertThatThrownBy(() -> g.fulfil(plain.decisionId(), List.of(new Fulfilment("label", "x"))))
                    .hasMessage("decision " + plain.decisionId() + " is APPROVE, not APPROVE_WITH_CONDITIONS: it has no conditions to fulfil");
            assertThatThrownBy(() -> g.fulfil("no-such", List.of(new Fulfilment("label", "x"))))
                    .hasMessageContaining("holds no decision no-such");

            // a review that names no conditions cannot decide a conditional approval
            assertThatThrownBy(() -> g.review(id, "rev-ana", Verdict.APPROVE_WITH_CONDITIONS, ""))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs conditions");
            // a reviewer's later verdict replaces the conditional approval: nothing is left to fulfil
            g.review(id, "rev-ana", Verdict.REJECT, "not publishable after all");
            assertThatThrownBy(() -> g.fulfil(id, List.of(new Fulfilment("label", "x"))))
                    .hasMessageContaining("is REJECT, not APPROVE_WITH_CONDITIONS");
        }
        assertThat(AuditFixtures.records(base)).filteredOn(AuditRecord::isFulfilment).hasSize(1);
        assertThat(AuditFixtures.verify(base).intact()).isTrue();
    }

    @Test
    void aReviewersConditions_replaceTheRules_andAreTheOnesToFulfil() throws IOException {
        String escalated;
        String conditional;
        try (Greenlight g = engine(new SimpleMeterRegistry())) {
            escalated = g.decide(Submissions.base("s-check").tags(List.of("check")).build()).decisionId();
            conditional = g.decide(Submissions.base("s-video").tags(List.of("video")).build()).decisionId();
            assertThatThrownBy(() -> g.review(escalated, "rev-ana", Verdict.APPROVE_WITH_CONDITIONS, "", ReviewDetails.NONE))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs conditions");
            assertThatThrownBy(() -> g.review(escalated, "rev-ana", Verdict.APPROVE, "",
                    new ReviewDetails(null, null, null, null, List.of("label"))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("conditions: ");

            g.review(escalated, "rev-ana", Verdict.APPROVE_WITH_CONDITIONS, "",
                    new ReviewDetails(null, null, "P-1", null, List.of("credit")));
            g.review(conditional, "rev-ana", Verdict.APPROVE_WITH_CONDITIONS, "",
                    new ReviewDetails(null, null, "P-1", null, List.of("credit")));
            assertThatThrownBy(() -> g.fulfil(conditional, List.of(new Fulfilment("label", "x"))))
                    .as("the reviewer's conditions replaced the rules'").hasMessageContaining("does not carry condition label");
            g.fulfil(escalated, List.of(new Fulfilment("credit", "the credit line")));
        }
        List<ConditionState> states = ConditionLedger.read(base).states();
        assertThat(states).extracting(s -> s.decisionId() + " " + s.condition().id() + " " + s.condition().rule() + " "
                + s.finalVerdict() + " " + s.open()).containsExactlyInAnyOrder(
                escalated + " credit review APPROVE_WITH_CONDITIONS false",
                conditional + " credit review APPROVE_WITH_CONDITIONS true");
        assertThat(AuditFixtures.verify(base).intact()).isTrue();
    }

    @Test
    void aFulfilmentAfterARestart_findsTheDecisionInTheLog() throws IOException {
        String id;
        try (Greenlight g = engine(new SimpleMeterRegistry())) {
            id = g.decide(Submissions.base("s-1").tags(List.of("video")).build()).decisionId();
        }
        try (AuditLog log = AuditLog.open(base)) {
            FulfilmentRecord f = log.fulfil(id, List.of(new Fulfilment("label", "link"), new Fulfilment("credit", "line")),
                    T0.plusSeconds(60));
            assertThat(f.decisionSeq()).isEqualTo(1);
        }
        assertThat(ConditionLedger.read(base).states()).noneMatch(ConditionState::open);
    }

    @Test
    void theLog_canRecordAReviewersConditionalApproval_forTheReviewDeskToBuildOn() throws IOException {
        String id;
        try (Greenlight g = engine(new SimpleMeterRegistry())) {
            id = g.decide(Submissions.base("s-1").tags(List.of("check")).build()).decisionId();
        }
        try (AuditLog log = AuditLog.open(base)) {
            Review r = log.review(id, "rev-ana", Verdict.APPROVE_WITH_CONDITIONS, "fine with a label", T0.plusSeconds(60));
            assertThat(r.previousVerdict()).isEqualTo(Verdict.ESCALATE);
        }
        assertThat(AuditFixtures.records(base)).filteredOn(AuditRecord::isReview).extracting(AuditRecord::review)
                .extracting(Review::verdict).containsExactly(Verdict.APPROVE_WITH_CONDITIONS);
        assertThat(AuditFixtures.verify(base).intact()).isTrue();
    }

    @Test
    void anEditedFulfilment_isCaughtAtThatRecord() throws IOException {
        String id;
        try (Greenlight g = engine(new SimpleMeterRegistry())) {
            id = g.decide(Submissions.base("s-1").tags(List.of("video")).build()).decisionId();
            g.fulfil(id, List.of(new Fulfilment("label", "https://example.org/post/1")));
            g.decide(Submissions.base("s-2").build());
        }
        List<String> lines = Files.readAllLines(base);
        int at = lines.size() - 1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("\"type\":\"fulfilment\"")) {
                at = i;
            }
        }
        lines.set(at, lines.get(at).replace("https://example.org/post/1", "https://example.org/post/2"));
        Files.write(base, lines);
        VerifyResult v = AuditFixtures.verify(base);
        assertThat(v.intact()).isFalse();
        assertThat(v.badSeq()).isEqualTo(at + 1);
        assertThat(v.problem()).contains("hash does not match");
    }
}
