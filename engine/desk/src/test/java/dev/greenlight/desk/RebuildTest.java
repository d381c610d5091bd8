package dev.greenlight.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greenlight.audit.AuditLog;
import dev.greenlight.audit.AuditVerifier;
import dev.greenlight.desk.accounts.Account;
import dev.greenlight.desk.accounts.Role;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Verdict;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** After a restart the desk is rebuilt from the audit log alone, exactly as it was (claims aside: they are not recorded). */
class RebuildTest {
    static final Account ANA = Account.of("ana", Role.REVIEWER);
    static final Account LEE = Account.of("lee", Role.REVIEWER, Role.LEAD);

    @TempDir
    Path dir;

    @Test
    void rebuiltQueuesEqualTheOnesBefore_leadQueue_closedCases_appeals() throws Exception {
        try (DeskFixture f = new DeskFixture(dir)) {
            Decision closed = f.decide("s-closed", "brand");
            f.decide("s-lead", "minor");
            f.decide("s-open", "selfharm");
            f.decide("s-joined", "brand");
            f.decide("s-joined", "minor");
            f.decide("s-claimed");
            f.decide("s-auto", "ok");
            Decision rejected = f.decide("s-rules-reject", "character");

            // minors first, oldest first: s-lead goes to the lead queue
            Case toLead = f.desk.next(Queue.REVIEW, ANA).orElseThrow();
            f.desk.decide(toLead.caseId(), new ReviewRequest(Verdict.ESCALATE, "MIN-2", null, "lead please", toLead.version()), ANA);
            Case brand = f.desk.list(Queue.REVIEW, CaseState.OPEN, 0, 10).stream()
                    .filter(c -> c.submissionId().equals("s-closed")).findFirst().orElseThrow();
            f.desk.reassign(brand.caseId(), "ana", LEE);
            Case b = f.desk.get(brand.caseId()).orElseThrow();
            f.desk.decide(b.caseId(), new ReviewRequest(Verdict.APPROVE, "IP-3", null, null, b.version()), ANA);
            f.clock.advance(Duration.ofMinutes(1));
            Case appeal = f.desk.appeal(closed.decisionId(), "It is my own brand.");
            Case appeal2 = f.desk.appeal(rejected.decisionId(), "The character is mine.");
            assertThat(appeal.decidedBy()).isEqualTo("ana");
            assertThat(appeal2.decidedBy()).isNull();
            Case claimed = f.desk.next(Queue.REVIEW, ANA).orElseThrow(); // stays claimed until the restart

            Map<String, Case> before = byId(f.desk.cases());
            DecisionView viewBefore = f.desk.decision(closed.decisionId()).orElseThrow();
            DeskMetrics metricsBefore = f.desk.metrics();
            List<QueueStats> statsBefore = f.desk.stats();

            f.restart();

            Map<String, Case> after = byId(f.desk.cases());
            assertThat(after.keySet()).isEqualTo(before.keySet());
            for (String id : before.keySet()) {
                Case was = before.get(id);
                Case now = after.get(id);
                if (id.equals(claimed.caseId())) {
                    assertThat(now.state()).isEqualTo(CaseState.OPEN);
                    assertThat(now.claimedBy()).isNull();
                    assertThat(now).usingRecursiveComparison().ignoringFields("state", "claimedBy", "leaseUntil", "version")
                            .isEqualTo(was);
                    assertThat(now.version()).isLessThan(was.version());
                } else {
                    assertThat(now).as(id).isEqualTo(was);
                }
            }
            DecisionView viewAfter = f.desk.decision(closed.decisionId()).orElseThrow();
            assertThat(viewAfter.history()).isEqualTo(viewBefore.history());
            assertThat(viewAfter.openOrLastCase()).isEqualTo(viewBefore.openOrLastCase());
            assertThat(viewAfter.finalVerdict()).isEqualTo(viewBefore.finalVerdict());
            assertThat(viewAfter.decision()).isEqualTo(viewBefore.decision());
            assertThat(f.desk.metrics()).isEqualTo(metricsBefore);
            assertThat(f.desk.stats()).extracting(QueueStats::queue, s -> s.open() + s.claimed(), QueueStats::pastDue)
                    .isEqualTo(statsBefore.stream().map(s -> org.assertj.core.groups.Tuple.tuple(s.queue(),
                            s.open() + s.claimed(), s.pastDue())).toList());
        }
        // the log with desk records verifies
        assertThat(AuditVerifier.verify(dir.resolve("audit.jsonl")).intact()).isTrue();
    }

    @Test
    void aReviewThatEscalatesAnAutomatedDecision_opensALeadCase_andSoAfterARestart() {
        try (DeskFixture f = new DeskFixture(dir)) {
            Decision auto = f.decide("s-auto", "ok");
            Decision rejected = f.decide("s-rej", "character");
            assertThat(f.desk.cases()).isEmpty();
            Case lead = f.desk.reviewWithoutClaim(auto.decisionId(), Verdict.ESCALATE, null, null, "looks off", ANA, false,
                    false).orElseThrow();
            assertThat(lead.queue()).isEqualTo(Queue.LEAD);
            assertThat(lead.state()).isEqualTo(CaseState.OPEN);
            assertThat(f.desk.undecided(auto.decisionId())).isTrue();
            assertThat(f.desk.reviewWithoutClaim(rejected.decisionId(), Verdict.APPROVE, "IP-1", null, null, ANA, false,
                    false)).isEmpty();
            assertThatThrownBy(() -> f.desk.reviewWithoutClaim(rejected.decisionId(), Verdict.REJECT, "IP-1", "no", null,
                    LEE, false, false)).isInstanceOf(CaseConflictException.class)
                    .hasMessageContaining("its verdict is APPROVE, decided by ana");
            List<Case> before = f.desk.cases();
            f.restart();
            assertThat(f.desk.cases()).isEqualTo(before);
            assertThat(f.desk.decision(rejected.decisionId()).orElseThrow().finalVerdict()).isEqualTo(Verdict.APPROVE);
        }
    }

    private static void decideNext(DeskFixture f, Account who, Verdict v, String policy, String message) {
        Case c = f.desk.next(Queue.REVIEW, who).orElseThrow();
        f.desk.decide(c.caseId(), new ReviewRequest(v, policy, message, null, c.version()), who);
    }

    private static Map<String, Case> byId(List<Case> cases) {
        return cases.stream().collect(Collectors.toMap(Case::caseId, Function.identity()));
    }

    @Test
    void aDeskOnALogNoProcessHolds_readsAndWritesTheSameRecords() throws Exception {
        String decisionId;
        try (DeskFixture f = new DeskFixture(dir)) {
            decisionId = f.decide("s-1", "brand").decisionId();
        }
        var catalogue = PolicyCatalogue.load(DeskFixture.pack());
        try (AuditLog log = AuditLog.open(dir.resolve("audit.jsonl"));
             ReviewDesk desk = ReviewDesk.open(log, catalogue, DeskConfig.defaults())) {
            Case c = desk.next(Queue.REVIEW, ANA).orElseThrow();
            assertThat(c.decisionId()).isEqualTo(decisionId);
            desk.decide(c.caseId(), new ReviewRequest(Verdict.APPROVE, "IP-3", null, null, c.version()), ANA);
        }
        try (ReviewDesk read = ReviewDesk.read(dir.resolve("audit.jsonl"), catalogue, DeskConfig.defaults())) {
            assertThat(read.list(Queue.REVIEW, CaseState.CLOSED, 0, 10)).singleElement()
                    .satisfies(c -> assertThat(c.finalVerdict()).isEqualTo(Verdict.APPROVE));
            assertThat(read.decision(decisionId).orElseThrow().history()).extracting(HistoryEntry::actor)
                    .containsExactly(null, "ana");
        }
        // the review, written without reading the log again, links to the decision's record by seq and hash
        java.util.List<dev.greenlight.audit.AuditRecord> recs = new java.util.ArrayList<>();
        dev.greenlight.audit.AuditReader.read(dir.resolve("audit.jsonl"), recs::add);
        var decision = recs.stream().filter(r -> r.isDecision()).findFirst().orElseThrow();
        var review = recs.stream().filter(r -> r.isReview()).findFirst().orElseThrow();
        assertThat(review.review().decisionSeq()).isEqualTo(decision.seq());
        assertThat(review.member("review")).contains("\"hash\":\"" + decision.hash() + "\"");
        assertThat(review.review().round()).isEqualTo(1);
    }
}
