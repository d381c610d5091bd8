package dev.greenlight.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greenlight.model.Verdict;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A review made on a review desk shared by several nodes, of a decision recorded in another node's
 * log: the review names that log in {@code decision.log}; a local verify counts the link and says
 * that verify --db checks it; a review of a decision in its own log is written as before.
 */
class CrossLogReviewTest {
    static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void reviewOfAnotherLogsDecision_namesTheLog_andVerifyCountsTheLink() throws Exception {
        Path a = dir.resolve("a/audit.jsonl");
        Path b = dir.resolve("b/audit.jsonl");
        Files.createDirectories(a.getParent());
        Files.createDirectories(b.getParent());
        List<String> aIds;
        String aLog;
        try (AuditLog log = AuditLog.open(a)) {
            assertThat(log.logId()).isEmpty();
            aIds = AuditFixtures.append(log, 0, 3);
            aLog = log.logId().orElseThrow();
        }
        AuditRecord decision = AuditFixtures.records(a).get(2); // seq 3 in log A
        Review r;
        String bLog;
        try (AuditLog log = AuditLog.open(b)) {
            AuditFixtures.append(log, 100, 1); // B's own record 1: B's seq 2 is below A's decision seq 3
            bLog = log.logId().orElseThrow();
            DecisionRef inA = new DecisionRef(aIds.get(2), decision.seq(), decision.hash(), "s-2", Verdict.ESCALATE, 0, aLog);
            r = log.review(inA, "rev-ana", Verdict.APPROVE, "", AT, new ReviewDetails("c-x-3", "review", null, null, List.of()));
        }
        assertThat(r.decisionLog()).isEqualTo(aLog);
        assertThat(r.round()).isEqualTo(1);
        assertThat(r.previousVerdict()).isEqualTo(Verdict.ESCALATE);
        assertThat(bLog).isNotEqualTo(aLog);

        AuditRecord review = AuditFixtures.records(b).get(1);
        assertThat(review.seq()).isEqualTo(2);
        assertThat(review.member("review")).contains("\"decision\":{\"hash\":\"" + decision.hash() + "\",\"log\":\""
                + aLog + "\",\"seq\":3}");
        assertThat(review.review()).isEqualTo(r);

        VerifyResult v = AuditFixtures.verify(b);
        assertThat(v.intact()).isTrue();
        assertThat(v.notes()).contains("1 link to decisions in other logs (reviews made on a shared review desk), "
                + "checked by verify --db");
        assertThat(AuditFixtures.verify(a).notes()).noneMatch(n -> n.contains("other logs"));
    }

    @Test
    void reviewOfItsOwnLogsDecision_hasNoLogMember() throws Exception {
        Path a = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(a)) {
            List<String> ids = AuditFixtures.append(log, 0, 1);
            AuditRecord d = AuditFixtures.records(a).get(0);
            // naming its own log id in the link changes nothing in the record
            log.review(new DecisionRef(ids.get(0), 1, d.hash(), "s-0", Verdict.ESCALATE, 0, log.logId().orElseThrow()),
                    "rev-ana", Verdict.REJECT, "", AT, ReviewDetails.NONE);
        }
        AuditRecord review = AuditFixtures.records(a).get(1);
        assertThat(review.member("review")).doesNotContain("\"log\"");
        assertThat(review.review().decisionLog()).isNull();
        assertThat(AuditFixtures.verify(a).notes()).noneMatch(n -> n.contains("other logs"));
    }

    @Test
    void aLogMemberThatIsNoLogId_failsVerify() throws Exception {
        Path a = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(a)) {
            AuditFixtures.append(log, 0, 1);
        }
        String ok = Files.readAllLines(a, StandardCharsets.UTF_8).get(0);
        assertThat(ok).isNotEmpty();
        assertThatThrownBy(() -> new DecisionRef("d", 1, "0".repeat(64), "s", Verdict.ESCALATE, 0, "not-a-log"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
