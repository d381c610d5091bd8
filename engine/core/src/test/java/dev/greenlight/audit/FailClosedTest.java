package dev.greenlight.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greenlight.engine.Greenlight;
import dev.greenlight.model.Decision;
import dev.greenlight.testing.RuleDirs;
import dev.greenlight.testing.Submissions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/reliability.md L5: an fsync that fails, a disk that fills up in the middle of a record. The decision
 * whose record met it, and every one after, is not returned (so nothing is approved unrecorded),
 * even when the disk would accept writes again; after a restart the log verifies.
 */
class FailClosedTest {
    @TempDir
    Path dir;
    Path rules;
    Path base;

    @BeforeEach
    void setUp() {
        rules = RuleDirs.write(dir.resolve("rules"), "a.drl", "a",
                "rule \"ok\" @policy(\"P-1\") when Submission() then verdict.approve(\"fine\"); end\n").getParent();
        base = dir.resolve("log/audit.jsonl");
    }

    private Greenlight engine(FaultyFiles files) {
        return Greenlight.builder().rulesDirectory(rules).auditLog(AuditConfig.builder(base).files(files).build()).build();
    }

    @Test
    void L5_fsyncFailsOnTheKthCall_thatDecisionAndEveryLaterOneIsNotReturned() {
        FaultyFiles files = new FaultyFiles();
        files.failForceAt = 4;
        List<Decision> returned = new ArrayList<>();
        int refused = 0;
        try (Greenlight g = engine(files)) {
            for (int i = 0; i < 10; i++) {
                try {
                    returned.add(g.decide(Submissions.base("s-" + i).build()));
                } catch (AuditException e) {
                    refused++;
                    assertThat(e).hasMessageContaining(i == 3 ? "fsync of " + base + " failed" : "stopped accepting records")
                            .hasMessageContaining("accepts no more records");
                }
            }
            assertThat(files.forces).as("no fsync is retried after the failure").isEqualTo(4);
        }
        assertThat(returned).hasSize(3);
        assertThat(refused).isEqualTo(7);
        assertRestartVerifies(returned);
    }

    @Test
    void L5_diskFullInTheMiddleOfARecord_failsClosed_andTheTornRecordIsCutOnRestart() {
        FaultyFiles files = new FaultyFiles();
        files.diskFullAfter = 2500;
        List<Decision> returned = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        try (Greenlight g = engine(files)) {
            for (int i = 0; i < 10; i++) {
                try {
                    Decision d = g.decide(Submissions.base("s-" + i).build());
                    assertThat(refusals).as("nothing is returned after a refusal").isEmpty();
                    returned.add(d);
                } catch (AuditException e) {
                    refusals.add(e.getMessage());
                }
            }
        }
        assertThat(refusals.get(0)).contains("write to " + base + " failed (the disk is full)");
        assertThat(returned).isNotEmpty().hasSizeLessThan(10);
        RecoveryReport r;
        try (AuditLog log = AuditLog.open(base)) {
            r = log.recovery();
        }
        assertThat(r.tailCut()).as("the half-written record is cut").isTrue();
        assertRestartVerifies(returned);
    }

    @Test
    void L5_fsyncFailsUnderConcurrentDecisions_noDecisionStartedAfterTheFailureIsReturned() throws Exception {
        FaultyFiles files = new FaultyFiles();
        files.failForceAt = 6;
        List<Decision> returned = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean failed = new AtomicBoolean();
        List<Boolean> startedAfterFailureButReturned = Collections.synchronizedList(new ArrayList<>());
        try (Greenlight g = engine(files)) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                fs.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        boolean after = failed.get();
                        try {
                            returned.add(g.decide(Submissions.base("s-" + thread + "-" + i).build()));
                            if (after) {
                                startedAfterFailureButReturned.add(true);
                            }
                        } catch (AuditException e) {
                            failed.set(true);
                        }
                    }
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(failed).isTrue();
        assertThat(startedAfterFailureButReturned).isEmpty();
        assertThat(returned.size()).isLessThan(400);
        assertRestartVerifies(returned);
    }

    /** After a restart the log verifies and holds every returned decision. */
    private void assertRestartVerifies(List<Decision> returned) {
        try (AuditLog log = AuditLog.open(base)) {
            assertThat(log.recovery().lastSeq()).isGreaterThanOrEqualTo(returned.size());
        }
        VerifyResult v = AuditFixtures.verify(base);
        assertThat(v.intact()).as(v.describe(base.toString())).isTrue();
        assertThat(AuditFixtures.decisionIds(base)).containsAll(returned.stream().map(Decision::decisionId).toList());
    }
}
