package dev.greenlight.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greenlight.audit.AuditException;
import dev.greenlight.audit.AuditReader;
import dev.greenlight.audit.AuditRecord;
import dev.greenlight.audit.AuditStats;
import dev.greenlight.audit.FailingFsync;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Submission;
import dev.greenlight.testing.ShippedPack;
import dev.greenlight.testing.Submissions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deciding without a thread waiting for the log: same decisions, recorded, group-committed, failing closed. */
class DecideAsyncTest {
    @TempDir
    Path dir;

    /** Counts what listeners hear. */
    static final class Heard implements GreenlightListener {
        final List<String> decided = new CopyOnWriteArrayList<>();
        final List<RuntimeException> failed = new CopyOnWriteArrayList<>();

        @Override
        public void decided(Decision decision, long nanos) {
            decided.add(decision.decisionId());
        }

        @Override
        public void decisionFailed(Submission submission, RuntimeException error) {
            failed.add(error);
        }
    }

    @Test
    void manyDecisionsInFlightFromOneThread_areAllRecorded_sharingFsyncs() throws Exception {
        Path log = dir.resolve("audit.jsonl");
        Heard heard = new Heard();
        List<Decision> decided = new ArrayList<>();
        List<Submission> submissions = new ArrayList<>();
        try (Greenlight g = Greenlight.builder().rulesDirectory(ShippedPack.rules()).auditLog(log).listener(heard).build()) {
            List<CompletableFuture<Decision>> inFlight = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                Submission s = Submissions.base("s-" + i).build();
                submissions.add(s);
                inFlight.add(g.decideAsync(s, (Path) null));
            }
            for (int i = 0; i < inFlight.size(); i++) {
                Decision d = inFlight.get(i).join();
                assertThat(d.submissionId()).isEqualTo("s-" + i);
                assertThat(d.verdict()).isEqualTo(g.decide(submissions.get(i), (Path) null).verdict());
                decided.add(d);
            }
            AuditStats stats = g.auditStats().orElseThrow();
            assertThat(stats.records()).isGreaterThanOrEqualTo(600); // the async ones and the sync checks
            assertThat(stats.syncs()).as("group commit without a waiting thread per record").isLessThan(stats.records());
        }
        List<String> logged = new ArrayList<>();
        AuditReader.read(log, (AuditRecord r) -> {
            if (r.isDecision()) {
                logged.add(r.decision().decisionId());
            }
        });
        assertThat(logged).containsAll(decided.stream().map(Decision::decisionId).toList());
        assertThat(heard.decided).containsAll(decided.stream().map(Decision::decisionId).toList());
        assertThat(heard.failed).isEmpty();
    }

    @Test
    void aRecordThatCannotBeMadeDurable_failsTheFuture_neverApproves() throws Exception {
        Heard heard = new Heard();
        try (Greenlight g = Greenlight.builder().rulesDirectory(ShippedPack.rules())
                .auditLog(FailingFsync.config(dir.resolve("audit.jsonl"))).listener(heard).build()) {
            CompletableFuture<Decision> f = g.decideAsync(Submissions.base("s-1").build(), (Path) null);
            assertThatThrownBy(f::join).isInstanceOf(CompletionException.class).hasCauseInstanceOf(AuditException.class);
            CompletableFuture<Decision> later = g.decideAsync(Submissions.base("s-2").build(), (Path) null);
            assertThatThrownBy(later::join).hasCauseInstanceOf(AuditException.class);
            assertThat(heard.decided).isEmpty();
            assertThat(heard.failed).hasSize(2).allMatch(e -> e instanceof AuditException);
        } catch (AuditException closing) {
            // closing a failed log may report the failure again
        }
    }

    @Test
    void givenSignals_decideAsDecideDoes() {
        try (Greenlight g = Greenlight.builder().rulesDirectory(ShippedPack.rules()).auditLog(dir.resolve("a.jsonl")).build()) {
            Submission s = Submissions.base("s-1").build();
            List<dev.greenlight.model.Signal> signals = List.of(dev.greenlight.model.Signal.builder("prompt.term")
                    .source("prompt-screen").category("public-figure").value("a name").score(0.9).build());
            Decision async = g.decideAsync(s, signals).join();
            Decision sync = g.decide(s, signals);
            assertThat(async.verdict()).isEqualTo(sync.verdict());
            assertThat(async.reasons()).isEqualTo(sync.reasons());
            assertThat(async.signals()).isEqualTo(signals);
        }
    }

    @Test
    void withoutALog_theFutureIsComplete() {
        try (Greenlight g = Greenlight.builder().rulesDirectory(ShippedPack.rules()).build()) {
            CompletableFuture<Decision> f = g.decideAsync(Submissions.base("s-1").build(), (Path) null);
            assertThat(f).isCompleted();
            assertThat(f.join().submissionId()).isEqualTo("s-1");
        }
    }
}
