package dev.greenlight.desk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.audit.AuditReader;
import dev.greenlight.audit.AuditRecord;
import dev.greenlight.audit.AuditVerifier;
import dev.greenlight.audit.Durability;
import dev.greenlight.audit.AuditConfig;
import dev.greenlight.audit.ReviewDetails;
import dev.greenlight.audit.VerifyResult;
import dev.greenlight.desk.accounts.Account;
import dev.greenlight.desk.accounts.Role;
import dev.greenlight.desk.internal.MemoryCaseStore;
import dev.greenlight.desk.spi.CaseOrigin;
import dev.greenlight.desk.spi.CaseStore;
import dev.greenlight.engine.Greenlight;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Submission;
import dev.greenlight.model.Submitter;
import dev.greenlight.model.Verdict;
import dev.greenlight.testkit.MutableClock;
import dev.greenlight.testkit.Submissions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes, each with its own engine and audit log, whose desks share one case store
 * ({@link ReviewDesk#openShared}): ids carry the log, a review of the other node's decision is written
 * to the reviewing node's chain linked by log id, a resubmission on the other node joins the case,
 * versions only grow, and a restart over the store that outlived the node adds nothing twice and
 * applies a review the store had not taken. The store here is the in-memory one shared by both desks;
 * PostgreSQL's runs the same desks in cli's ThreeNodeDeskTest.
 */
class SharedStoreTest {
    static final Account ANA = Account.of("ana", Role.REVIEWER);
    static final Account LEE = Account.of("lee", Role.REVIEWER, Role.LEAD);

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(DeskFixture.START);
    final CaseStore store = new MemoryCaseStore();
    final List<Node> nodes = new ArrayList<>();

    final class Node implements AutoCloseable {
        final Path log;
        Greenlight engine;
        ReviewDesk desk;

        Node(String name) throws Exception {
            log = dir.resolve(name).resolve("audit.jsonl");
            Files.createDirectories(log.getParent());
            start();
            nodes.add(this);
        }

        void start() {
            engine = Greenlight.builder().rulesDirectory(DeskFixture.pack()).clock(clock)
                    .auditLog(AuditConfig.builder(log).durability(Durability.NONE).build()).build();
            desk = ReviewDesk.openShared(engine, DeskConfig.builder().clock(clock).build(), store);
        }

        void stop() {
            desk.close();
            engine.close();
        }

        Decision decide(String submissionId, String... tags) {
            Submission s = Submissions.base(submissionId).submitter(new Submitter("artist-1", "early-access", true, List.of()))
                    .tags(List.of(tags)).build();
            Decision d = engine.decide(s);
            clock.advance(Duration.ofSeconds(1));
            return d;
        }

        String logId() {
            return engine.auditLogId().orElseThrow();
        }

        @Override
        public void close() {
            stop();
        }
    }

    @AfterEach
    void closeNodes() {
        nodes.forEach(n -> {
            try {
                n.close();
            } catch (RuntimeException e) {
                // closed by the test already
            }
        });
    }

    @Test
    void idsCarryTheLog_aReviewOnAnotherNodeLinksByLogId_andBothChainsVerify() throws Exception {
        Node a = new Node("a");
        Node b = new Node("b");
        Decision d1 = a.decide("s-1", "minor");
        b.decide("s-2", "brand");
        String aCase = "c-" + a.logId().substring(0, 12) + "-1";
        String bCase = "c-" + b.logId().substring(0, 12) + "-1";
        assertThat(store.all(clock.instant())).extracting(Case::caseId).containsExactlyInAnyOrder(aCase, bCase);
        assertThat(store.origin(aCase).orElseThrow().logId()).isEqualTo(a.logId());
        byte[] line = store.origin(aCase).orElseThrow().decisionLine();
        assertThat(new String(line, java.nio.charset.StandardCharsets.UTF_8)).startsWith("{").contains("\"s-1\"");

        // B's reviewer takes A's case (minors first) and decides it: the record goes to B's chain
        Case claimed = b.desk.next(Queue.REVIEW, ANA).orElseThrow();
        assertThat(claimed.caseId()).isEqualTo(aCase);
        assertThat(a.desk.next(Queue.REVIEW, LEE).orElseThrow().caseId()).isEqualTo(bCase); // never the same case
        Case closed = b.desk.decide(aCase, new ReviewRequest(Verdict.APPROVE, "MIN-2", null, null, claimed.version()), ANA);
        assertThat(closed.state()).isEqualTo(CaseState.CLOSED);
        assertThat(closed.version()).isGreaterThan(claimed.version());
        assertThat(a.desk.get(aCase).orElseThrow().state()).isEqualTo(CaseState.CLOSED);
        // A's view of its own decision shows the verdict decided on B
        assertThat(a.desk.decision(d1.decisionId()).orElseThrow().finalVerdict()).isEqualTo(Verdict.APPROVE);
        assertThat(a.desk.undecided(d1.decisionId())).isFalse();

        // B shows A's decision from the bytes the case's row keeps
        DecisionView onB = b.desk.decision(d1.decisionId()).orElseThrow();
        assertThat(onB.decision()).isEqualTo(d1);
        assertThat(onB.submission().getId()).isEqualTo("s-1");
        assertThat(onB.finalVerdict()).isEqualTo(Verdict.APPROVE);
        assertThat(onB.openOrLastCase().orElseThrow().caseId()).isEqualTo(aCase);

        AuditRecord review = reviews(b.log).get(0);
        assertThat(review.review().decisionLog()).isEqualTo(a.logId());
        assertThat(review.review().decisionSeq()).isEqualTo(1);
        assertThat(review.member("review")).contains("\"caseId\":\"" + aCase + "\"");
        a.stop();
        b.stop();
        VerifyResult vb = AuditVerifier.verify(b.log);
        assertThat(vb.intact()).isTrue();
        assertThat(vb.notes()).anyMatch(n -> n.startsWith("1 link to decisions in other logs"));
        assertThat(AuditVerifier.verify(a.log).intact()).isTrue();
    }

    @Test
    void aResubmissionOnAnotherNodeJoinsTheCase_andTheDecisionViewFollowsTheSharedCase() throws Exception {
        Node a = new Node("a");
        Node b = new Node("b");
        Decision first = a.decide("s-1", "brand");
        Decision again = b.decide("s-1", "minor");
        List<Case> all = store.all(clock.instant());
        assertThat(all).hasSize(1);
        Case joined = all.get(0);
        assertThat(joined.caseId()).startsWith("c-" + a.logId().substring(0, 12) + "-");
        assertThat(joined.decisionId()).isEqualTo(again.decisionId());
        assertThat(store.origin(joined.caseId()).orElseThrow().logId()).isEqualTo(b.logId());

        // A's reviewer decides it: A's record links to B's decision
        Case c = a.desk.next(Queue.REVIEW, ANA).orElseThrow();
        a.desk.decide(c.caseId(), new ReviewRequest(Verdict.REJECT, "MIN-2", "Children may not be shown.", null,
                c.version()), ANA);
        AuditRecord review = reviews(a.log).get(0);
        assertThat(review.review().decisionLog()).isEqualTo(b.logId());
        assertThat(review.review().decisionId()).isEqualTo(again.decisionId());
        assertThat(b.desk.decision(again.decisionId()).orElseThrow().finalVerdict()).isEqualTo(Verdict.REJECT);
        assertThat(a.desk.decision(first.decisionId()).orElseThrow().finalVerdict()).isEqualTo(Verdict.ESCALATE);
    }

    @Test
    void versionsOnlyGrow_acrossNodesWhoseSeqsDiffer() throws Exception {
        Node a = new Node("a");
        Node b = new Node("b");
        for (int i = 0; i < 5; i++) {
            b.decide("s-b" + i, "ok"); // B's log runs ahead: its review seqs are larger than A's decision seq
        }
        a.decide("s-1", "minor");
        Case c = b.desk.next(Queue.REVIEW, ANA).orElseThrow();
        long v1 = c.version();
        Case lead = b.desk.decide(c.caseId(), new ReviewRequest(Verdict.ESCALATE, "MIN-2", null, null, v1), ANA);
        assertThat(lead.version()).isGreaterThan(v1);
        Case l = a.desk.next(Queue.LEAD, LEE).orElseThrow();
        assertThat(l.version()).isGreaterThan(lead.version());
        Case done = a.desk.decide(l.caseId(), new ReviewRequest(Verdict.APPROVE, "MIN-2", null, null, l.version()), LEE);
        assertThat(done.version()).isGreaterThan(l.version());
        assertThat(done.state()).isEqualTo(CaseState.CLOSED);
        // the lead's review, on A, replaces the ESCALATE that stood
        assertThat(reviews(a.log).get(0).review().previousVerdict()).isEqualTo(Verdict.ESCALATE);
        assertThat(reviews(b.log).get(0).review().decisionLog()).isEqualTo(a.logId());
    }

    @Test
    void aRestartOverTheStoreAddsNothingTwice_andAppliesAReviewTheStoreHadNotTaken() throws Exception {
        Node a = new Node("a");
        Node b = new Node("b");
        a.decide("s-1", "minor");
        a.decide("s-2", "brand");
        a.decide("s-3", "selfharm");
        b.decide("s-2", "brand"); // joins A's case of s-2
        Case first = b.desk.next(Queue.REVIEW, ANA).orElseThrow();
        b.desk.decide(first.caseId(), new ReviewRequest(Verdict.APPROVE, "MIN-2", null, null, first.version()), ANA);
        List<Case> before = store.all(clock.instant());

        a.stop();
        a.start();
        assertThat(store.all(clock.instant())).isEqualTo(before);

        // A wrote a review of s-3's case to its chain and stopped before the store took it
        Case s3 = before.stream().filter(c -> c.submissionId().equals("s-3")).findFirst().orElseThrow();
        a.stop();
        try (Greenlight bare = Greenlight.builder().rulesDirectory(DeskFixture.pack()).clock(clock)
                .auditLog(AuditConfig.builder(a.log).durability(Durability.NONE).build()).build()) {
            bare.review(s3.decisionId(), "ana", Verdict.REJECT, "", new ReviewDetails(s3.caseId(), "review", "SH-1",
                    "Not here.", List.of()));
        }
        assertThat(store.get(s3.caseId(), clock.instant()).orElseThrow().isOpen()).isTrue();
        a.start();
        Case after = store.get(s3.caseId(), clock.instant()).orElseThrow();
        assertThat(after.state()).isEqualTo(CaseState.CLOSED);
        assertThat(after.finalVerdict()).isEqualTo(Verdict.REJECT);
        assertThat(after.version()).isGreaterThan(s3.version());
        a.stop();
        a.start(); // and once more: applied once
        assertThat(store.get(s3.caseId(), clock.instant()).orElseThrow()).isEqualTo(after);
        assertThat(store.all(clock.instant())).hasSize(before.size());
    }

    @Test
    void anAppealOfACaseDecidedOnAnotherNode_isTakenAndDecidedOnTheDecisionsNode() throws Exception {
        Node a = new Node("a");
        Node b = new Node("b");
        Decision d = a.decide("s-1", "brand");
        Case c = b.desk.next(Queue.REVIEW, ANA).orElseThrow();
        b.desk.decide(c.caseId(), new ReviewRequest(Verdict.REJECT, "IP-3", "Not your brand.", null, c.version()), ANA);
        assertThat(a.desk.decision(d.decisionId()).orElseThrow().finalVerdict()).isEqualTo(Verdict.REJECT);

        Case appeal = a.desk.appeal(d.decisionId(), "It is my own brand.");
        assertThat(appeal.caseId()).isEqualTo("a-" + a.logId().substring(0, 12) + "-1");
        assertThat(appeal.decidedBy()).isEqualTo("ana"); // decided on B: still never handed to ana
        assertThat(b.desk.next(Queue.APPEAL, LEE)).isEmpty(); // the appeal is A's to decide
        assertThat(a.desk.next(Queue.APPEAL, ANA)).isEmpty();
        Case taken = a.desk.next(Queue.APPEAL, LEE).orElseThrow();
        Case done = a.desk.decide(taken.caseId(), new ReviewRequest(Verdict.APPROVE, "IP-3", null, null, taken.version()), LEE);
        assertThat(done.state()).isEqualTo(CaseState.CLOSED);
    }

    @Test
    void aRestartNeverLetsAnOlderDecisionTakeBackACaseAnotherNodesDecisionJoined() throws Exception {
        Node a = new Node("a");
        Node b = new Node("b");
        a.decide("s-1", "brand");
        a.decide("s-1", "brand"); // joins A's own case
        Decision latest = b.decide("s-1", "minor"); // joins it from B
        Case before = store.all(clock.instant()).get(0);
        assertThat(before.decisionId()).isEqualTo(latest.decisionId());
        a.stop();
        a.start();
        assertThat(store.all(clock.instant())).containsExactly(before);
        assertThat(store.origin(before.caseId()).orElseThrow().logId()).isEqualTo(b.logId());
    }

    @Test
    void aRestartOpensNoSecondCaseForADecisionJoinedToACaseThatAnotherNodesDecisionJoinedAndClosed() throws Exception {
        Node a = new Node("a");
        Node b = new Node("b");
        b.decide("s-1", "brand"); // B opens the case
        a.decide("s-1", "brand"); // A's decision joins it
        b.decide("s-1", "minor"); // B's joins it again
        Case c = a.desk.next(Queue.REVIEW, ANA).orElseThrow();
        a.desk.decide(c.caseId(), new ReviewRequest(Verdict.APPROVE, "MIN-2", null, null, c.version()), ANA);
        List<Case> before = store.all(clock.instant());
        assertThat(before).hasSize(1);
        a.stop();
        a.start();
        b.stop();
        b.start();
        assertThat(store.all(clock.instant())).isEqualTo(before);
        // a resubmission after the close still opens a case of its own
        a.decide("s-1", "brand");
        assertThat(store.all(clock.instant())).hasSize(2);
        a.stop();
        a.start();
        assertThat(store.all(clock.instant())).hasSize(2);
    }

    @Test
    void aSingleNodesDeskKeepsItsIds() throws Exception {
        try (DeskFixture f = new DeskFixture(dir.resolve("single"))) {
            f.decide("s-1", "minor");
            assertThat(f.desk.cases()).extracting(Case::caseId).containsExactly("c-1");
        }
    }

    private static List<AuditRecord> reviews(Path log) throws Exception {
        List<AuditRecord> out = new ArrayList<>();
        AuditReader.read(log, r -> {
            if (r.isReview()) {
                out.add(r);
            }
        });
        return out;
    }
}
