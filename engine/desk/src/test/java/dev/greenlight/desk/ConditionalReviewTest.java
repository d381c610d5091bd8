package dev.greenlight.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greenlight.desk.accounts.Account;
import dev.greenlight.desk.accounts.Role;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Fulfilment;
import dev.greenlight.model.Verdict;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reviewer approves with conditions from the pack's vocabulary (docs/contract.md §8). */
class ConditionalReviewTest {
    static final Account ANA = Account.of("ana", Role.REVIEWER);

    @TempDir
    Path dir;
    DeskFixture f;

    @BeforeEach
    void start() {
        f = new DeskFixture(dir);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void theCatalogueReadsThePacksConditions() {
        assertThat(f.desk.catalogue().conditions()).extracting(PolicyCatalogue.Condition::id)
                .containsExactly("label-made-with-ai", "not-for-sale");
        assertThat(f.desk.catalogue().condition("label-made-with-ai").orElseThrow().deadline()).isEqualTo("P7D");
        assertThat(f.desk.catalogue().condition("not-for-sale").orElseThrow().deadline()).isEmpty();
    }

    @Test
    void aConditionalApprovalClosesTheCaseAndItsConditionsCanBeFulfilled() {
        Decision d = f.decide("s-1", "brand");
        Case c = f.desk.next(Queue.REVIEW, ANA).orElseThrow();
        Case after = f.desk.decide(c.caseId(), new ReviewRequest(Verdict.APPROVE_WITH_CONDITIONS, "IP-3",
                "You may publish it with a label.", null, c.version(), List.of("label-made-with-ai", "not-for-sale")), ANA);

        assertThat(after.state()).isEqualTo(CaseState.CLOSED);
        assertThat(after.finalVerdict()).isEqualTo(Verdict.APPROVE_WITH_CONDITIONS);
        DecisionView v = f.desk.decision(d.decisionId()).orElseThrow();
        assertThat(v.finalVerdict()).isEqualTo(Verdict.APPROVE_WITH_CONDITIONS);
        assertThat(v.history()).last().satisfies(h -> {
            assertThat(h.type()).isEqualTo("review");
            assertThat(h.conditions()).containsExactly("label-made-with-ai", "not-for-sale");
        });

        // the review record carries the ids, so the log accepts a fulfilment of the reviewer's conditions
        f.engine.fulfil(d.decisionId(), List.of(new Fulfilment("label-made-with-ai", "https://example.org/post/1")));
        assertThat(f.desk.decision(d.decisionId()).orElseThrow().history()).last().satisfies(h -> {
            assertThat(h.type()).isEqualTo("fulfilment");
            assertThat(h.conditions()).containsExactly("label-made-with-ai");
        });
        assertThatThrownBy(() -> f.engine.fulfil(d.decisionId(), List.of(new Fulfilment("credit-the-model", "x"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not carry condition credit-the-model");

        f.restart(); // rebuilt from the log: the same verdict, conditions and fulfilment
        DecisionView rebuilt = f.desk.decision(d.decisionId()).orElseThrow();
        assertThat(rebuilt.finalVerdict()).isEqualTo(Verdict.APPROVE_WITH_CONDITIONS);
        assertThat(rebuilt.history()).extracting(HistoryEntry::type).containsExactly("decision", "review", "fulfilment");
    }

    @Test
    void conditionsThatDoNotFitTheVerdictAreRefusedNamingTheField() {
        f.decide("s-1", "brand");
        Case c = f.desk.next(Queue.REVIEW, ANA).orElseThrow();
        assertThatThrownBy(() -> f.desk.decide(c.caseId(), new ReviewRequest(Verdict.APPROVE_WITH_CONDITIONS, "IP-3", null,
                null, c.version(), List.of()), ANA)).isInstanceOfSatisfying(DeskException.class,
                e -> assertThat(e.field()).isEqualTo("conditions"));
        assertThatThrownBy(() -> f.desk.decide(c.caseId(), new ReviewRequest(Verdict.APPROVE_WITH_CONDITIONS, "IP-3", null,
                null, c.version(), List.of("label-made-with-ai", "wear-a-hat")), ANA))
                .isInstanceOfSatisfying(DeskException.class, e -> {
                    assertThat(e.field()).isEqualTo("conditions");
                    assertThat(e.getMessage()).contains("wear-a-hat");
                });
        assertThatThrownBy(() -> f.desk.decide(c.caseId(), new ReviewRequest(Verdict.APPROVE_WITH_CONDITIONS, "IP-3", null,
                null, c.version(), List.of("not-for-sale", "not-for-sale")), ANA))
                .isInstanceOfSatisfying(DeskException.class, e -> assertThat(e.field()).isEqualTo("conditions"));
        assertThatThrownBy(() -> f.desk.decide(c.caseId(), new ReviewRequest(Verdict.REJECT, "IP-3", "no", null,
                c.version(), List.of("not-for-sale")), ANA))
                .isInstanceOfSatisfying(DeskException.class, e -> assertThat(e.field()).isEqualTo("conditions"));
        // nothing recorded: the case is still held, undecided
        Case now = f.desk.get(c.caseId()).orElseThrow();
        assertThat(now.state()).isEqualTo(CaseState.CLAIMED);
        assertThat(f.desk.decision(c.decisionId()).orElseThrow().reviewed()).isFalse();
    }

    @Test
    void aReviewOutsideACaseCannotApproveWithConditions() {
        Decision d = f.decide("s-1", "brand");
        assertThatThrownBy(() -> f.desk.reviewWithoutClaim(d.decisionId(), Verdict.APPROVE_WITH_CONDITIONS, "IP-3", null,
                null, ANA, false, false)).isInstanceOfSatisfying(DeskException.class,
                e -> assertThat(e.field()).isEqualTo("verdict"));
        assertThat(f.desk.decision(d.decisionId()).orElseThrow().finalVerdict()).isEqualTo(Verdict.ESCALATE);
    }
}
