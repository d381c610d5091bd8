package dev.greenlight.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.audit.AuditReader;
import dev.greenlight.audit.AuditRecord;
import dev.greenlight.model.Decision;
import dev.greenlight.testing.RuleDirs;
import dev.greenlight.testing.Submissions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The review desk follows an engine through this listener: each decision once durable, with its record's seq. */
class RecordedListenerTest {
    @TempDir
    Path dir;

    @Test
    void everyRecordedDecisionIsHeardWithItsSequenceNumber_singleAndBatch_untilRemoved() throws Exception {
        Path rules = RuleDirs.write(dir.resolve("rules"), "a.drl", "a",
                "rule \"esc\" when Submission() then verdict.escalate(\"a reviewer looks\"); end\n").getParent();
        Path base = dir.resolve("audit.jsonl");
        Map<String, Long> heard = new ConcurrentHashMap<>();
        RecordedDecisionListener l = (seq, d, s) -> {
            assertThat(s.getId()).isEqualTo(d.submissionId());
            heard.put(d.decisionId(), seq);
        };
        try (Greenlight g = Greenlight.builder().rulesDirectory(rules).auditLog(base).build()) {
            assertThat(g.auditFile()).contains(base);
            g.addRecordedListener(l);
            g.addRecordedListener((seq, d, s) -> {
                throw new IllegalStateException("a failing listener does not stop the decision");
            });
            Decision one = g.decide(Submissions.base("s-1").build());
            List<Decision> batch = g.decideAll(List.of(Submissions.base("s-2").build(), Submissions.base("s-3").build()), null);
            g.dryRun().decide(Submissions.base("s-dry").build()); // records nothing, so tells nothing
            g.removeRecordedListener(l);
            g.decide(Submissions.base("s-4").build());
            assertThat(heard).containsOnlyKeys(one.decisionId(), batch.get(0).decisionId(), batch.get(1).decisionId());
        }
        List<AuditRecord> recs = new ArrayList<>();
        AuditReader.read(base, recs::add);
        for (AuditRecord r : recs) {
            if (r.isDecision() && heard.containsKey(r.decisionId())) {
                assertThat(heard.get(r.decisionId())).isEqualTo(r.seq());
            }
        }
    }
}
