package dev.greenlight.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.audit.AuditVerifier;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Submission;
import dev.greenlight.model.Verdict;
import dev.greenlight.testing.RuleDirs;
import dev.greenlight.testing.Submissions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchDecideTest {
    @TempDir
    Path dir;

    @Test
    void decideAll_recordsTheBatchWithFewFsyncs_andMatchesOneByOne() throws Exception {
        Path rules = dir.resolve("rules");
        RuleDirs.write(rules, "a.drl", "a", """
                rule "commercial" @policy("C-1") when Submission( intendedUse == "commercial" ) then verdict.reject("No."); end
                rule "ok" @policy("C-2") when Submission() then verdict.approve("Fine."); end
                """);
        List<Submission> batch = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            batch.add(Submissions.base("s-" + i).intendedUse(i % 3 == 0 ? "commercial" : "portfolio").build());
        }
        Path log = dir.resolve("audit.jsonl");
        List<Decision> decided;
        long syncs;
        try (Greenlight g = Greenlight.builder().rulesDirectory(rules).auditLog(log).build()) {
            decided = g.decideAll(batch, null);
            syncs = g.auditStats().orElseThrow().syncs();
            Decision single = g.decide(batch.get(0));
            assertThat(decided.get(0).reasons()).isEqualTo(single.reasons());
        }
        assertThat(decided).hasSize(1_000);
        assertThat(decided).extracting(Decision::submissionId).containsExactlyElementsOf(
                batch.stream().map(Submission::getId).toList());
        assertThat(decided.get(0).verdict()).isEqualTo(Verdict.REJECT);
        assertThat(decided.get(1).verdict()).isEqualTo(Verdict.APPROVE);
        // the whole batch shares a handful of fsyncs at most, where one by one it would take 1,000
        assertThat(syncs).isLessThan(20);
        var verified = AuditVerifier.verify(log);
        assertThat(verified.intact()).as(verified.toString()).isTrue();
        assertThat(verified.records()).isGreaterThanOrEqualTo(1_001);
    }
}
