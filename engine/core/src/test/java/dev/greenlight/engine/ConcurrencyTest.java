package dev.greenlight.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.audit.AuditVerifier;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Submission;
import dev.greenlight.testing.RuleDirs;
import dev.greenlight.testing.Submissions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrencyTest {
    @TempDir
    Path dir;

    @Test
    void concurrentDecide_givesSameResultsAsSequential_andAGaplessLog() throws Exception {
        Path rules = dir.resolve("rules");
        RuleDirs.write(rules, "a.drl", "a", """
                rule "commercial" @policy("C-1") when Submission( intendedUse == "commercial" ) then verdict.reject("no"); end
                rule "long" when Media( durationSeconds != null, durationSeconds > 20 ) then verdict.escalate("long"); end
                rule "ok" when Submission() then verdict.approve("ok"); end
                """);
        List<Submission> inputs = new ArrayList<>();
        String[] uses = {"commercial", "portfolio", "press", "private"};
        for (int i = 0; i < 400; i++) {
            inputs.add(Submissions.base("s-" + i).intendedUse(uses[i % uses.length])
                    .media(List.of(dev.greenlight.model.Media.builder("video").durationSeconds((double) (i % 40) + 1).build()))
                    .build());
        }
        AtomicLong ids = new AtomicLong();
        try (Greenlight g = Greenlight.builder().rulesDirectory(rules).auditLog(dir.resolve("log.jsonl"))
                .decisionIds(() -> "d-" + ids.incrementAndGet()).build()) {
            List<Decision> sequential = new ArrayList<>();
            for (Submission s : inputs) {
                sequential.add(g.decide(s));
            }
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Decision>> futures = new ArrayList<>();
                for (Submission s : inputs) {
                    futures.add(pool.submit(() -> g.decide(s)));
                }
                for (int i = 0; i < inputs.size(); i++) {
                    Decision c = futures.get(i).get();
                    Decision s = sequential.get(i);
                    assertThat(c.submissionId()).isEqualTo(s.submissionId());
                    assertThat(c.verdict()).isEqualTo(s.verdict());
                    assertThat(c.reasons()).isEqualTo(s.reasons());
                    assertThat(c.ruleset()).isEqualTo(s.ruleset());
                }
            } finally {
                pool.shutdown();
            }
        }
        var r = AuditVerifier.verify(dir.resolve("log.jsonl"));
        assertThat(r.intact()).isTrue();
        assertThat(r.records()).isEqualTo(800);
    }
}
