package dev.greenlight.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.engine.Greenlight;
import dev.greenlight.model.Submission;
import dev.greenlight.testing.RuleDirs;
import dev.greenlight.testing.Submissions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/reliability.md L6: 16 threads deciding 10,000 submissions each into one log. The sequence has no
 * gaps or duplicates (verify), every decision is there once, and each thread's decisions are in the
 * order it made them.
 */
class ConcurrentAppendTest {
    private static final int THREADS = 16;

    @TempDir
    Path dir;

    @Test
    void L6_16threads_x_10000decisions_noGapsNoDuplicates_verifyPasses() throws Exception {
        decideConcurrently(Durability.NONE, Integer.getInteger("greenlight.audit.l6.perThread", 10_000));
    }

    @Test
    void L6_groupCommit_16threads_shareFsyncs() throws Exception {
        FaultyFiles counting = decideConcurrently(Durability.GROUP, 200);
        assertThat(counting.forces).as("concurrent decisions shared fsyncs").isLessThan(THREADS * 200 / 2);
    }

    private FaultyFiles decideConcurrently(Durability durability, int perThread) throws Exception {
        Path rules = RuleDirs.write(dir.resolve("rules-" + durability), "a.drl", "a",
                "rule \"ok\" when Submission() then verdict.approve(\"fine\"); end\n").getParent();
        Path base = dir.resolve(durability + "/audit.jsonl");
        Submission[] inputs = new Submission[THREADS];
        for (int t = 0; t < THREADS; t++) {
            inputs[t] = Submissions.base("s-" + t).build();
        }
        List<List<String>> made = new ArrayList<>();
        FaultyFiles counting = new FaultyFiles(); // no faults: it counts the fsyncs
        AuditConfig config = AuditConfig.builder(base).durability(durability).segmentBytes(16L << 20).files(counting).build();
        try (Greenlight g = Greenlight.builder().rulesDirectory(rules).auditLog(config).build()) {
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<List<String>>> fs = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Submission s = inputs[t];
                fs.add(pool.submit(() -> {
                    List<String> ids = new ArrayList<>(perThread);
                    for (int i = 0; i < perThread; i++) {
                        ids.add(g.decide(s).decisionId());
                    }
                    return ids;
                }));
            }
            for (Future<List<String>> f : fs) {
                made.add(f.get());
            }
            pool.shutdown();
        }
        VerifyResult v = AuditVerifier.verify(base);
        assertThat(v.intact()).as(v.describe(base.toString())).isTrue();
        assertThat(v.decisions()).isEqualTo((long) THREADS * perThread);

        Map<String, Long> seqOf = new HashMap<>();
        Set<String> dups = new HashSet<>();
        AuditReader.read(base, r -> {
            if (r.isDecision() && seqOf.put(r.decisionId(), r.seq()) != null) {
                dups.add(r.decisionId());
            }
        });
        assertThat(dups).isEmpty();
        for (List<String> ids : made) {
            long last = 0;
            for (String id : ids) {
                Long seq = seqOf.get(id);
                assertThat(seq).as("decision " + id + " is in the log").isNotNull();
                assertThat(seq).as("in the order its thread made it").isGreaterThan(last);
                last = seq;
            }
        }
        return counting;
    }
}
