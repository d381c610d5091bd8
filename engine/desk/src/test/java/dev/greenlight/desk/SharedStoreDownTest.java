package dev.greenlight.desk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.audit.AuditConfig;
import dev.greenlight.audit.Durability;
import dev.greenlight.desk.accounts.Account;
import dev.greenlight.desk.accounts.Role;
import dev.greenlight.desk.internal.MemoryCaseStore;
import dev.greenlight.desk.spi.CaseOrigin;
import dev.greenlight.desk.spi.CaseStore;
import dev.greenlight.engine.Greenlight;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Submitter;
import dev.greenlight.model.Verdict;
import dev.greenlight.testkit.Submissions;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A desk on a shared store that fails (PostgreSQL down): the decisions are recorded, their cases are
 * kept as "not yet offered" and offered again in the background until the store takes them, each
 * exactly once, also when the store had taken one whose answer was lost. The store here is the
 * in-memory one behind a switch; cli's SharedDeskOutageTest stops a real PostgreSQL.
 */
class SharedStoreDownTest {
    static final Account ANA = Account.of("ana", Role.REVIEWER);

    @TempDir
    Path dir;

    final Switched store = new Switched(new MemoryCaseStore());
    Greenlight engine;
    ReviewDesk desk;

    /** A case store that refuses everything while down; optionally commits inserts and then fails ("the answer was lost"). */
    static final class Switched implements CaseStore {
        final CaseStore real;
        volatile boolean down;
        volatile boolean loseInsertAnswers;
        /** An update runs its change (the desk writes its record), then fails as a commit would: nothing stored. */
        volatile boolean failUpdateCommits;

        Switched(CaseStore real) {
            this.real = real;
        }

        private void check() {
            if (down) {
                throw new IllegalStateException("the case store is down");
            }
        }

        @Override
        public void insert(Case c) {
            check();
            real.insert(c);
        }

        @Override
        public boolean insertIfAbsent(Case c, CaseOrigin origin) {
            check();
            boolean added = real.insertIfAbsent(c, origin);
            if (loseInsertAnswers) {
                throw new IllegalStateException("the connection broke after the commit");
            }
            return added;
        }

        @Override
        public boolean insertIfAbsent(Case c) {
            return insertIfAbsent(c, null);
        }

        @Override
        public Optional<CaseOrigin> origin(String caseId) {
            check();
            return real.origin(caseId);
        }

        @Override
        public Optional<Case> byDecision(String decisionId, Instant now) {
            check();
            return real.byDecision(decisionId, now);
        }

        @Override
        public List<Case> bySubmission(String submissionId, Instant now) {
            check();
            return real.bySubmission(submissionId, now);
        }

        @Override
        public Optional<Case> get(String caseId, Instant now) {
            check();
            return real.get(caseId, now);
        }

        @Override
        public Optional<Case> undecidedBySubmission(String submissionId, Instant now) {
            check();
            return real.undecidedBySubmission(submissionId, now);
        }

        @Override
        public Optional<Case> claimNext(Queue queue, String account, Instant now, Instant leaseUntil, Predicate<Case> eligible) {
            check();
            return real.claimNext(queue, account, now, leaseUntil, eligible);
        }

        @Override
        public Case update(String caseId, Instant now, Change change) {
            return update(caseId, now, null, change);
        }

        @Override
        public Case update(String caseId, Instant now, CaseOrigin origin, Change change) {
            check();
            if (failUpdateCommits) {
                change.apply(real.get(caseId, now).orElseThrow());
                throw new IllegalStateException("the connection broke before the commit");
            }
            return real.update(caseId, now, origin, change);
        }

        @Override
        public List<Case> list(Queue queue, CaseState state, int offset, int limit, Instant now) {
            check();
            return real.list(queue, state, offset, limit, now);
        }

        @Override
        public List<QueueStats> stats(Instant now) {
            check();
            return real.stats(now);
        }

        @Override
        public List<Case> all(Instant now) {
            check();
            return real.all(now);
        }
    }

    @AfterEach
    void close() {
        if (desk != null) {
            desk.close();
            engine.close();
        }
    }

    private void open() {
        engine = Greenlight.builder().rulesDirectory(DeskFixture.pack())
                .auditLog(AuditConfig.builder(dir.resolve("audit.jsonl")).durability(Durability.NONE).build()).build();
        desk = ReviewDesk.openShared(engine, DeskConfig.builder().build(), store);
    }

    private Decision decide(String submissionId, String tag) {
        return engine.decide(Submissions.base(submissionId)
                .submitter(new Submitter("artist-1", "early-access", true, List.of())).tags(List.of(tag)).build());
    }

    /** Waits (at most 20 s: the first retry comes after 1 s) until the desk has offered every case. */
    private void awaitOffered() throws InterruptedException {
        long until = System.nanoTime() + 20_000_000_000L;
        while (desk.unoffered() > 0 && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        assertThat(desk.unoffered()).as("cases still not offered").isZero();
    }

    @Test
    void casesDecidedWhileTheStoreIsDown_areOfferedOnceItIsBack_inOrder_eachOnce() throws Exception {
        open();
        decide("s-0", "minor"); // before the outage
        store.down = true;
        Decision d1 = decide("s-1", "minor");
        Decision d2 = decide("s-2", "brand");
        Decision again = decide("s-1", "minor"); // the same submission again: joins s-1's case
        decide("s-3", "ok"); // an approval opens no case
        assertThat(d1.verdict()).isEqualTo(Verdict.ESCALATE);
        assertThat(desk.unoffered()).isEqualTo(3);
        assertThat(desk.unofferedSince()).isPresent();

        store.down = false;
        awaitOffered();
        assertThat(desk.unofferedSince()).isEmpty();
        List<Case> cases = store.real.all(Instant.now());
        assertThat(cases).hasSize(3).allMatch(Case::isOpen);
        assertThat(cases).extracting(Case::submissionId).containsExactlyInAnyOrder("s-0", "s-1", "s-2");
        // the later decision of s-1 stands for its case, as when the store was up
        assertThat(store.real.undecidedBySubmission("s-1", Instant.now()).orElseThrow().decisionId())
                .isEqualTo(again.decisionId());
        assertThat(store.real.byDecision(d2.decisionId(), Instant.now())).isPresent();
        assertThat(desk.undecided(again.decisionId())).isTrue();
        // reviewers take them
        assertThat(desk.next(Queue.REVIEW, ANA)).isPresent();
    }

    @Test
    void aResubmissionDecidedWhileTheStoreIsDown_joinsTheCaseAnotherNodeOpenedBefore() throws Exception {
        open();
        Greenlight other = Greenlight.builder().rulesDirectory(DeskFixture.pack())
                .auditLog(AuditConfig.builder(dir.resolve("b").resolve("audit.jsonl")).durability(Durability.NONE).build())
                .build();
        try (ReviewDesk otherDesk = ReviewDesk.openShared(other, DeskConfig.builder().build(), store)) {
            Decision first = other.decide(Submissions.base("s-1")
                    .submitter(new Submitter("artist-1", "early-access", true, List.of())).tags(List.of("minor")).build());
            Case opened = store.real.undecidedBySubmission("s-1", Instant.now()).orElseThrow();
            assertThat(opened.decisionId()).isEqualTo(first.decisionId());
            Thread.sleep(5); // a later instant for the resubmission
            store.down = true;
            Decision later = decide("s-1", "minor");
            assertThat(desk.unoffered()).isEqualTo(1);
            store.down = false;
            awaitOffered();
            // as if the store had been up: the later decision joined the case, which stands for it now
            assertThat(store.real.all(Instant.now())).singleElement().satisfies(c -> {
                assertThat(c.caseId()).isEqualTo(opened.caseId());
                assertThat(c.decisionId()).isEqualTo(later.decisionId());
            });
            assertThat(desk.undecided(later.decisionId())).isTrue();
        } finally {
            other.close();
        }
    }

    @Test
    void anInsertCommittedButItsAnswerLost_isNotAddedTwice() throws Exception {
        open();
        store.loseInsertAnswers = true;
        Decision d = decide("s-1", "minor");
        assertThat(desk.unoffered()).isEqualTo(1);
        assertThat(store.real.all(Instant.now())).hasSize(1); // it is there; the desk does not know
        store.loseInsertAnswers = false;
        awaitOffered();
        assertThat(store.real.all(Instant.now())).singleElement()
                .satisfies(c -> assertThat(c.decisionId()).isEqualTo(d.decisionId()));
        assertThat(desk.undecided(d.decisionId())).isTrue();
    }

    @Test
    void anAppealTheStoreCouldNotTake_isRecorded_andItsCaseOfferedLater() throws Exception {
        open();
        Decision d = decide("s-1", "minor");
        Case c = desk.next(Queue.REVIEW, ANA).orElseThrow();
        desk.decide(c.caseId(), new ReviewRequest(Verdict.REJECT, "MIN-2", "Not here, sorry.", null, c.version()), ANA);
        store.loseInsertAnswers = true; // the appeal's case reaches the store, its answer does not
        Case appeal = desk.appeal(d.decisionId(), "Please look again.");
        assertThat(desk.unoffered()).isEqualTo(1);
        store.loseInsertAnswers = false;
        awaitOffered();
        assertThat(store.real.get(appeal.caseId(), Instant.now())).hasValueSatisfying(a ->
                assertThat(a.queue()).isEqualTo(Queue.APPEAL));
        assertThat(store.real.all(Instant.now())).hasSize(2);
    }

    @Test
    void aReviewRecordedButNotCommitted_movesItsCaseOnceTheStoreIsBack_withOneRecord() throws Exception {
        open();
        Decision d = decide("s-1", "minor");
        Case c = desk.next(Queue.REVIEW, ANA).orElseThrow();
        store.failUpdateCommits = true;
        Case answered = desk.decide(c.caseId(), new ReviewRequest(Verdict.APPROVE, "MIN-2", null, null, c.version()), ANA);
        assertThat(answered.state()).isEqualTo(CaseState.CLOSED); // recorded: the reviewer is told it is decided
        assertThat(store.real.get(c.caseId(), Instant.now()).orElseThrow().isOpen()).isTrue();
        assertThat(desk.unoffered()).isEqualTo(1);
        store.failUpdateCommits = false;
        awaitOffered();
        Case stored = store.real.get(c.caseId(), Instant.now()).orElseThrow();
        assertThat(stored.state()).isEqualTo(CaseState.CLOSED);
        assertThat(stored.finalVerdict()).isEqualTo(Verdict.APPROVE);
        assertThat(desk.decision(d.decisionId()).orElseThrow().history()).extracting(HistoryEntry::type)
                .containsExactly("decision", "review");
    }

    @Test
    void closingTheDesk_stopsRetrying_andTheRebuildOffersWhatIsLeft() throws Exception {
        open();
        store.down = true;
        Decision d = decide("s-1", "minor");
        assertThat(desk.unoffered()).isEqualTo(1);
        desk.close();
        engine.close();
        store.down = false;
        open(); // the node restarts: its rebuild offers the case
        assertThat(desk.unoffered()).isZero();
        assertThat(store.real.byDecision(d.decisionId(), Instant.now())).isPresent();
        assertThat(store.real.all(Instant.now())).hasSize(1);
    }
}
