package dev.greenlight.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.model.Decision;
import dev.greenlight.model.Submission;
import dev.greenlight.testing.RuleDirs;
import dev.greenlight.testing.Submissions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * New rules are warmed with recent inputs before they are swapped in, so that the decisions right
 * after a reload do not pay for cold sessions; a warm-up is not a decision and leaves no trace.
 */
class ReloadWarmUpTest {
    @TempDir
    Path dir;

    private static String rules(int k) {
        return "rule \"version\" @policy(\"V-1\") when Submission() then verdict.approve(\"v" + k + "\"); end\n"
                + "rule \"press\" @policy(\"P-1\") when Submission( intendedUse == \"press\" ) then verdict.escalate(\"press " + k + "\"); end\n";
    }

    @Test
    void warmUpBeforeTheSwap_isNotRecorded_norSeenByListenersOrMetrics() throws Exception {
        Path rulesDir = dir.resolve("rules");
        RuleDirs.write(rulesDir, "a.drl", "a", rules(0));
        AtomicInteger decided = new AtomicInteger();
        AtomicInteger appended = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        GreenlightListener counting = new GreenlightListener() {
            @Override
            public void decided(Decision decision, long nanos) {
                decided.incrementAndGet();
            }

            @Override
            public void auditAppended(long nanos) {
                appended.incrementAndGet();
            }

            @Override
            public void decisionFailed(Submission submission, RuntimeException error) {
                failed.incrementAndGet();
            }
        };
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (Greenlight g = Greenlight.builder().rulesDirectory(rulesDir).auditLog(dir.resolve("audit.jsonl"))
                .listener(counting).meterRegistry(meters).build()) {
            int n = 40;
            for (int i = 0; i < n; i++) {
                g.decide(Submissions.base("s" + i).intendedUse(i % 2 == 0 ? "press" : "portfolio").build());
            }
            double counted = decisionsCounted(meters);
            assertThat(counted).isEqualTo(n);

            RuleDirs.write(rulesDir, "a.drl", "a", rules(1));
            assertThat(g.reloadRules().status()).isEqualTo(ReloadResult.Status.ACTIVATED);

            // the warm-up ran: the new rules have a session waiting before any decision was made with them
            assertThat(g.liveCompiled().kieBase().getKieSessions()).isNotEmpty();
            // and it was not a decision: nothing logged, counted or heard of
            assertThat(g.auditStats().orElseThrow().records()).isEqualTo(n);
            assertThat(decided.get()).isEqualTo(n);
            assertThat(appended.get()).isEqualTo(n);
            assertThat(failed.get()).isZero();
            assertThat(decisionsCounted(meters)).isEqualTo(n);
            assertThat(meters.find("greenlight.rule.votes").counters().stream().mapToDouble(c -> c.count()).sum())
                    .isEqualTo(n + n / 2.0);

            Decision after = g.decide(Submissions.base("after").intendedUse("press").build());
            assertThat(after.reasons()).extracting(r -> r.message()).containsExactlyInAnyOrder("v1", "press 1");
            assertThat(g.liveCompiled().kieBase().getKieSessions()).hasSize(1);
            assertThat(g.auditStats().orElseThrow().records()).isEqualTo(n + 1);
            assertThat(decided.get()).isEqualTo(n + 1);
        }
    }

    private static double decisionsCounted(SimpleMeterRegistry meters) {
        return meters.find("greenlight.decisions").counters().stream().mapToDouble(c -> c.count()).sum();
    }
}
