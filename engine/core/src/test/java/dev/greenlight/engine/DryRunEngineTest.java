package dev.greenlight.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greenlight.audit.AuditReader;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Verdict;
import dev.greenlight.testing.RuleDirs;
import dev.greenlight.testing.Submissions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Greenlight#dryRun()}: the same engine without its audit log, derived rather than flagged. */
class DryRunEngineTest {
    @TempDir
    Path dir;

    @Test
    void dryRun_decidesWithTheSameRules_recordsNothing_andClosingItLeavesTheEngineRunning() throws Exception {
        Path rules = RuleDirs.write(dir.resolve("rules"), "a.drl", "a",
                "rule \"commercial\" when Submission( intendedUse == \"commercial\" ) then verdict.reject(\"no\"); end\n"
                + "rule \"ok\" when Submission() then verdict.approve(\"yes\"); end\n").getParent();
        Path log = dir.resolve("audit.jsonl");
        try (Greenlight engine = Greenlight.builder().rulesDirectory(rules).auditLog(log).build()) {
            Greenlight dry = engine.dryRun();
            Decision previewed = dry.decide(Submissions.base("preview").intendedUse("commercial").build());
            assertThat(previewed.verdict()).isEqualTo(Verdict.REJECT);
            assertThat(dry.ruleset()).isEqualTo(engine.ruleset());
            dry.close();

            Decision recorded = engine.decide(Submissions.base("real").build());
            assertThat(recorded.verdict()).isEqualTo(Verdict.APPROVE);
            List<String> logged = new ArrayList<>();
            AuditReader.read(log, rec -> {
                if (rec.isDecision()) {
                    logged.add(rec.decisionId());
                }
            });
            assertThat(logged).containsExactly(recorded.decisionId());
            assertThatThrownBy(() -> engine.dryRun().review(recorded.decisionId(), "ana", Verdict.REJECT, "x"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("has none");
        }
    }
}
