package dev.greenlight.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greenlight.desk.accounts.Account;
import dev.greenlight.desk.accounts.Role;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Verdict;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReviewDeskTest {
    static final Account ANA = Account.of("ana", Role.REVIEWER);
    static final Account BO = Account.of("bo", Role.REVIEWER);
    static final Account LEE = Account.of("lee", Role.REVIEWER, Role.LEAD);
    static final Account AUD = Account.of("aud", Role.AUDITOR);

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
    void everyEscalateOpensACase_othersDoNot() {
        Decision esc = f.decide("s-1", "brand");
        f.decide("s-2", "ok");
        f.decide("s-3", "character");
        List<Case> open = f.desk.list(Queue.REVIEW, CaseState.OPEN, 0, 100);
        assertThat(open).singleElement().satisfies(c -> {
            assertThat(c.decisionId()).isEqualTo(esc.decisionId());
            assertThat(c.submissionId()).isEqualTo("s-1");
            assertThat(c.area()).isEqualTo("characters-brands");
            assertThat(c.openedAt()).isEqualTo(esc.decidedAt());
            assertThat(c.dueAt()).isEqualTo(esc.decidedAt().plus(Duration.ofHours(24)));
            assertThat(c.state()).isEqualTo(CaseState.OPEN);
        });
    }

    @Test
    void nextHandsOutHighestPriorityThenOldest() {
        f.decide("s-brand-old", "brand");
        f.decide("s-plain");
        f.decide("s-self", "selfharm");
        f.decide("s-minor", "minor");
        f.decide("s-brand-new", "brand");
        List<String> order = List.of(1, 2, 3, 4, 5).stream()
                .map(i -> f.desk.next(Queue.REVIEW, ANA).orElseThrow().submissionId()).toList();
        assertThat(order).containsExactly("s-minor", "s-self", "s-brand-old", "s-plain", "s-brand-new");
        assertThat(f.desk.next(Queue.REVIEW, ANA)).isEmpty();
    }

    @Test
    void decideWritesOneReviewRecordAndClosesTheCase() {
        Decision d = f.decide("s-1", "minor");
        Case c = f.desk.next(Queue.REVIEW, ANA).orElseThrow();
        assertThat(c.claimedBy()).isEqualTo("ana");
        assertThat(c.leaseUntil()).isEqualTo(f.clock.instant().plus(Duration.ofMinutes(10)));
        Case closed = f.desk.decide(c.caseId(), new ReviewRequest(Verdict.REJECT, "MIN-2", "Children may not be shown here.",
                "internal: clearly a child", c.version()), ANA);
        assertThat(closed.state()).isEqualTo(CaseState.CLOSED);
        assertThat(closed.finalVerdict()).isEqualTo(Verdict.REJECT);
        assertThat(closed.decidedBy()).isEqualTo("ana");
        DecisionView v = f.desk.decision(d.decisionId()).orElseThrow();
        assertThat(v.finalVerdict()).isEqualTo(Verdict.REJECT);
        assertThat(v.openOrLastCase()).contains(closed);
        assertThat(v.history()).extracting(HistoryEntry::type).containsExactly("decision", "review");
        HistoryEntry review = v.history().get(1);
        assertThat(review.actor()).isEqualTo("ana");
        assertThat(review.queue()).isEqualTo(Queue.REVIEW);
        assertThat(review.policy()).isEqualTo("MIN-2");
        assertThat(review.artistMessage()).isEqualTo("Children may not be shown here.");
        assertThat(review.note()).isEqualTo("internal: clearly a child");
        assertThat(v.submission().getId()).isEqualTo("s-1");
    }

    @Test
    void escalateMovesTheCaseToTheLeadQueue_onlyLeadsTakeIt() {
        f.decide("s-1", "brand");
        Case c = f.desk.next(Queue.REVIEW, ANA).orElseThrow();
        Case lead = f.desk.decide(c.caseId(), new ReviewRequest(Verdict.ESCALATE, "IP-3", null, "not sure", c.version()), ANA);
        assertThat(lead.queue()).isEqualTo(Queue.LEAD);
        assertThat(lead.state()).isEqualTo(CaseState.OPEN);
        assertThat(lead.finalVerdict()).isNull();
        assertThatThrownBy(() -> f.desk.next(Queue.LEAD, ANA)).isInstanceOf(DeskAccessException.class);
        Case taken = f.desk.next(Queue.LEAD, LEE).orElseThrow();
        Case done = f.desk.decide(taken.caseId(), new ReviewRequest(Verdict.APPROVE, "IP-3", null, null, taken.version()), LEE);
        assertThat(done.state()).isEqualTo(CaseState.CLOSED);
        assertThat(done.queue()).isEqualTo(Queue.LEAD);
        assertThat(done.finalVerdict()).isEqualTo(Verdict.APPROVE);
    }

    @Test
    void conflicts_notHolder_staleVersion_closed_nothingRecorded() throws Exception {
        f.decide("s-1", "brand");
        Case c = f.desk.next(Queue.REVIEW, ANA).orElseThrow();
        ReviewRequest ok = new ReviewRequest(Verdict.APPROVE, "IP-3", null, null, c.version());
        assertThatThrownBy(() -> f.desk.decide(c.caseId(), ok, BO)).isInstanceOfSatisfying(CaseConflictException.class,
                e -> assertThat(e.current()).isEqualTo(c));
        ReviewRequest stale = new ReviewRequest(Verdict.APPROVE, "IP-3", null, null, c.version() - 1);
        assertThatThrownBy(() -> f.desk.decide(c.caseId(), stale, ANA)).isInstanceOf(CaseConflictException.class)
                .hasMessageContaining("stale");
        f.desk.decide(c.caseId(), ok, ANA);
        assertThatThrownBy(() -> f.desk.decide(c.caseId(), ok, ANA)).isInstanceOf(CaseConflictException.class)
                .hasMessageContaining("closed");
        assertThat(reviewRecords()).isEqualTo(1);
    }

    long reviewRecords() throws Exception {
        long[] n = new long[1];
        dev.greenlight.audit.AuditReader.read(f.log, r -> n[0] += r.isReview() ? 1 : 0);
        return n[0];
    }

    @Test
    void aLapsedLeaseReturnsTheCase_andTheOldHolderCannotDecide() {
        f.decide("s-1", "brand");
        Case c = f.desk.next(Queue.REVIEW, ANA).orElseThrow();
        f.clock.advance(Duration.ofMinutes(9));
        assertThat(f.desk.next(Queue.REVIEW, BO)).isEmpty();
        Case renewed = f.desk.renew(c.caseId(), ANA);
        assertThat(renewed.version()).isEqualTo(c.version());
        f.clock.advance(Duration.ofMinutes(10));
        assertThat(f.desk.get(c.caseId()).orElseThrow().state()).isEqualTo(CaseState.OPEN);
        Case bo = f.desk.next(Queue.REVIEW, BO).orElseThrow();
        assertThat(bo.caseId()).isEqualTo(c.caseId());
        assertThatThrownBy(() -> f.desk.decide(c.caseId(), new ReviewRequest(Verdict.APPROVE, "IP-3", null, null,
                c.version()), ANA)).isInstanceOf(CaseConflictException.class);
    }

    @Test
    void releaseAndReassign() {
        f.decide("s-1", "brand");
        Case c = f.desk.next(Queue.REVIEW, ANA).orElseThrow();
        Case released = f.desk.release(c.caseId(), ANA);
        assertThat(released.state()).isEqualTo(CaseState.OPEN);
        assertThat(released.version()).isGreaterThan(c.version());
        assertThatThrownBy(() -> f.desk.reassign(c.caseId(), "bo", ANA)).isInstanceOf(DeskAccessException.class);
        Case toBo = f.desk.reassign(c.caseId(), "bo", LEE);
        assertThat(toBo.claimedBy()).isEqualTo("bo");
        assertThat(f.desk.decide(c.caseId(), new ReviewRequest(Verdict.APPROVE, "IP-3", null, null, toBo.version()), BO)
                .finalVerdict()).isEqualTo(Verdict.APPROVE);
    }

    @Test
    void resubmittingTheSameSubmissionJoinsItsOpenCase() {
        Decision first = f.decide("s-1", "brand");
        Case c = f.desk.next(Queue.REVIEW, ANA).orElseThrow();
        Decision again = f.decide("s-1", "minor");
        List<Case> all = f.desk.cases();
        assertThat(all).singleElement().satisfies(j -> {
            assertThat(j.decisionId()).isEqualTo(again.decisionId());
            assertThat(j.openedAt()).isEqualTo(first.decidedAt());
            assertThat(j.area()).isEqualTo("minors");
            assertThat(j.claimedBy()).isEqualTo("ana");
            assertThat(j.version()).isGreaterThan(c.version());
        });
        // the form ana opened before the resubmission is stale
        assertThatThrownBy(() -> f.desk.decide(c.caseId(), new ReviewRequest(Verdict.APPROVE, "IP-3", null, null,
                c.version()), ANA)).isInstanceOf(CaseConflictException.class);
    }

    @Test
    void listenersHearEveryRecordedChange_notClaims() {
        List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        f.desk.addListener(c -> heard.add(c.queue().id() + ":" + c.state().id()
                + (c.finalVerdict() == null ? "" : ":" + c.finalVerdict())));
        f.desk.addListener(c -> {
            throw new IllegalStateException("a failing listener changes nothing");
        });
        Decision d = f.decide("s-1", "brand");
        Case c = f.desk.next(Queue.REVIEW, ANA).orElseThrow();
        Case lead = f.desk.decide(c.caseId(), new ReviewRequest(Verdict.ESCALATE, "IP-3", null, null, c.version()), ANA);
        Case l = f.desk.next(Queue.LEAD, LEE).orElseThrow();
        f.desk.release(l.caseId(), LEE);
        Case again = f.desk.next(Queue.LEAD, LEE).orElseThrow();
        f.desk.decide(lead.caseId(), new ReviewRequest(Verdict.REJECT, "IP-3", "No brands.", null, again.version()), LEE);
        f.desk.appeal(d.decisionId(), "It is mine.");
        assertThat(heard).containsExactly("review:open", "lead:open", "lead:closed:REJECT", "appeal:open");
    }

    @Test
    void badRequestsNameTheField() {
        f.decide("s-1", "brand");
        Case c = f.desk.next(Queue.REVIEW, ANA).orElseThrow();
        assertThatThrownBy(() -> f.desk.decide(c.caseId(), new ReviewRequest(Verdict.REJECT, "NOPE-1", "no", null,
                c.version()), ANA)).isInstanceOfSatisfying(DeskException.class, e -> assertThat(e.field()).isEqualTo("policy"));
        assertThatThrownBy(() -> f.desk.decide(c.caseId(), new ReviewRequest(Verdict.REJECT, "IP-3", " ", null,
                c.version()), ANA)).isInstanceOfSatisfying(DeskException.class,
                e -> assertThat(e.field()).isEqualTo("artistMessage"));
        assertThatThrownBy(() -> f.desk.decide(c.caseId(), new ReviewRequest(Verdict.APPROVE, "IP-3", null,
                "fine\u202egnp.exe", c.version()), ANA)).isInstanceOfSatisfying(DeskException.class,
                e -> assertThat(e.field()).isEqualTo("note"));
        assertThatThrownBy(() -> f.desk.decide(c.caseId(), new ReviewRequest(Verdict.APPROVE, "IP-3", null, null,
                c.version(), List.of("label-ai")), ANA)).isInstanceOfSatisfying(DeskException.class,
                e -> assertThat(e.field()).isEqualTo("conditions"));
        assertThatThrownBy(() -> f.desk.next(Queue.REVIEW, AUD)).isInstanceOf(DeskAccessException.class);
        assertThat(f.desk.get(c.caseId()).orElseThrow().state()).isEqualTo(CaseState.CLAIMED);
    }
}
