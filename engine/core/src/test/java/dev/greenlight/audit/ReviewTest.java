package dev.greenlight.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greenlight.engine.Greenlight;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Verdict;
import dev.greenlight.testing.RuleDirs;
import dev.greenlight.testing.Submissions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReviewTest {
    @TempDir
    Path dir;

    @Test
    void review_isLinkedToTheDecision_andTheReviewersVerdictIsFinal_anAppealIsALaterReview() throws Exception {
        Path rules = RuleDirs.write(dir.resolve("rules"), "a.drl", "a",
                "rule \"unverified\" when Submission() then verdict.escalate(\"a reviewer looks\"); end\n").getParent();
        Path base = dir.resolve("audit.jsonl");
        Clock clock = Clock.fixed(Instant.parse("2026-11-02T08:00:00Z"), ZoneOffset.UTC);
        Decision d;
        Review first;
        Review appeal;
        try (Greenlight g = Greenlight.builder().rulesDirectory(rules).auditLog(base).clock(clock).build()) {
            d = g.decide(Submissions.base("s-1").build());
            g.decide(Submissions.base("s-2").build());
            assertThat(d.verdict()).isEqualTo(Verdict.ESCALATE);
            first = g.review(d.decisionId(), "rev-ana", Verdict.REJECT, "shows a real person");
            appeal = g.review(d.decisionId(), "rev-bo", Verdict.APPROVE, "consent form on file");
        }
        assertThat(first.round()).isEqualTo(1);
        assertThat(first.isAppeal()).isFalse();
        assertThat(first.previousVerdict()).isEqualTo(Verdict.ESCALATE);
        assertThat(first.decisionSeq()).isEqualTo(1);
        assertThat(first.reviewedAt()).isEqualTo(clock.instant());
        assertThat(appeal.round()).isEqualTo(2);
        assertThat(appeal.isAppeal()).isTrue();
        assertThat(appeal.previousVerdict()).isEqualTo(Verdict.REJECT);

        List<AuditRecord> records = AuditFixtures.records(base);
        List<Review> reviews = records.stream().filter(AuditRecord::isReview).map(AuditRecord::review).toList();
        assertThat(reviews).containsExactly(first, appeal);
        AuditRecord decisionRecord = records.get(0);
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(records.get(2).member("review")).at("/decision/hash").asText()).isEqualTo(decisionRecord.hash());
        assertThat(AuditFixtures.verify(base).reviews()).isEqualTo(2);

        // after a restart the decision is found in the log, with its history
        try (AuditLog log = AuditLog.open(base)) {
            Review third = log.review(d.decisionId(), "rev-cy", Verdict.REJECT, null, Instant.parse("2026-11-03T08:00:00Z"));
            assertThat(third.round()).isEqualTo(3);
            assertThat(third.previousVerdict()).isEqualTo(Verdict.APPROVE);
            assertThat(third.note()).isEmpty();
            assertThatThrownBy(() -> log.review("no-such-id", "rev", Verdict.APPROVE, "", Instant.now()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds no decision no-such-id");
            assertThatThrownBy(() -> log.review(d.decisionId(), " ", Verdict.APPROVE, "", Instant.now()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reviewer");
        }
    }

    @Test
    void review_withoutAnAuditLog_isRefused() {
        Path rules = RuleDirs.write(dir.resolve("r"), "a.drl", "a", "rule \"x\" when Submission() then verdict.approve(\"ok\"); end\n").getParent();
        try (Greenlight g = Greenlight.builder().rulesDirectory(rules).build()) {
            assertThatThrownBy(() -> g.review("id", "rev", Verdict.APPROVE, "")).isInstanceOf(IllegalStateException.class);
        }
    }
}
