package dev.greenlight.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.audit.AuditConfig;
import dev.greenlight.audit.AuditVerifier;
import dev.greenlight.audit.Durability;
import dev.greenlight.audit.VerifyResult;
import dev.greenlight.engine.Greenlight;
import dev.greenlight.model.Signal;
import dev.greenlight.model.Submission;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecisionRateTest {
    @TempDir
    Path dir;

    @Test
    void timesTheDecisionsAskedForAfterTheWarmUpAndEveryDecisionIsInTheLog() throws Exception {
        List<Submission> submissions = CorpusGenerator.submissions(50, 1);
        List<List<Signal>> signals = submissions.stream().map(s -> CorpusGenerator.signals(s, 5, 1)).toList();
        Path base = dir.resolve("audit.jsonl");
        DecisionRate.Result r;
        try (Greenlight engine = Greenlight.builder().rulesDirectory(RuleGenerator.writeTo(Files.createDirectories(
                dir.resolve("rules")), 10, 1)).auditLog(AuditConfig.builder(base).durability(Durability.NONE).build()).build()) {
            r = DecisionRate.measure(engine, submissions, signals, 4, Duration.ofMillis(200), 300);
        }
        assertThat(r.decisions()).isEqualTo(300);
        assertThat(r.callers()).isEqualTo(4);
        assertThat(r.warmedUp()).isPositive();
        assertThat(r.perSecond()).isPositive();
        VerifyResult log = AuditVerifier.verify(base);
        assertThat(log.intact()).isTrue();
        assertThat(log.decisions()).isEqualTo(r.warmedUp() + 300);
    }
}
