package dev.greenlight.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.model.Verdict;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The review desk's additions to the log: optional review members, and appeal records verified like reviews. */
class DeskRecordsTest {
    static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void reviewDetails_areWrittenCanonicallyOnlyWhenPresent_andReadBack() throws Exception {
        Path base = dir.resolve("audit.jsonl");
        List<String> ids;
        try (AuditLog log = AuditLog.open(base)) {
            ids = AuditFixtures.append(log, 0, 2);
            log.review(ids.get(0), "rev-ana", Verdict.REJECT, "note", AT);
            log.review(ids.get(1), "rev-ana", Verdict.REJECT, "", AT, new ReviewDetails("c-2", "review", "MIN-2",
                    "Children may not be shown.", List.of()));
            log.review(ids.get(1), "rev-bo", Verdict.APPROVE, "", AT, new ReviewDetails("a-2", "appeal", "MIN-2", null,
                    List.of("label-ai", "credit-model")));
        }
        List<AuditRecord> recs = AuditFixtures.records(base);
        AuditRecord plain = recs.get(2);
        AuditRecord detailed = recs.get(3);
        assertThat(plain.member("review")).doesNotContain("caseId", "queue", "policy", "artistMessage", "conditions");
        assertThat(plain.reviewDetails().isEmpty()).isTrue();
        assertThat(detailed.reviewDetails()).isEqualTo(new ReviewDetails("c-2", "review", "MIN-2",
                "Children may not be shown.", List.of()));
        assertThat(recs.get(4).reviewDetails().conditions()).containsExactly("label-ai", "credit-model");
        // the bytes in the file are the canonical form of their own tree (keys sorted at every depth)
        for (String line : Files.readAllLines(base, StandardCharsets.UTF_8)) {
            ObjectNode o = (ObjectNode) AuditRecordFormat.MAPPER.readTree(line);
            o.remove("hash");
            String body = new String(CanonicalJson.of(o), StandardCharsets.UTF_8);
            assertThat(line).startsWith(body.substring(0, body.length() - 1));
        }
        assertThat(AuditFixtures.verify(base).intact()).isTrue();
    }

    @Test
    void appeal_isLinkedToItsDecision_verifies_andIsNoReviewRound() throws Exception {
        Path base = dir.resolve("audit.jsonl");
        List<String> ids;
        try (AuditLog log = AuditLog.open(base)) {
            ids = AuditFixtures.append(log, 0, 1);
            log.review(ids.get(0), "rev-ana", Verdict.REJECT, "", AT);
            Appeal a = log.appeal(ids.get(0), "a-1", "It is my own work.", AT);
            assertThat(a.decisionSeq()).isEqualTo(1);
            Review second = log.review(ids.get(0), "rev-bo", Verdict.APPROVE, "", AT);
            assertThat(second.round()).isEqualTo(2);
            assertThat(second.previousVerdict()).isEqualTo(Verdict.REJECT);
            assertThatThrownBy(() -> log.appeal(ids.get(0), null, " ", AT)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> log.appeal("nope", null, "text", AT)).isInstanceOf(IllegalArgumentException.class);
        }
        List<AuditRecord> recs = AuditFixtures.records(base);
        AuditRecord appeal = recs.get(2);
        assertThat(appeal.isAppeal()).isTrue();
        assertThat(appeal.decisionId()).isEqualTo(ids.get(0));
        assertThat(appeal.appeal()).isEqualTo(new Appeal(3, ids.get(0), 1, "s-0", "a-1", "It is my own work.", AT));
        assertThat(appeal.member("appeal")).contains(recs.get(0).hash());
        VerifyResult v = AuditFixtures.verify(base);
        assertThat(v.intact()).isTrue();
        assertThat(v.records()).isEqualTo(4);
        // after a restart the lookup by reading the log counts the appeal as no round either
        try (AuditLog log = AuditLog.open(base)) {
            assertThat(log.review(ids.get(0), "rev-cy", Verdict.REJECT, "", AT).round()).isEqualTo(3);
        }
        // one record read by its place
        AuditRecord again = AuditReader.readAt(appeal.file(), appeal.offset());
        assertThat(again.appeal()).isEqualTo(appeal.appeal());
        assertThatThrownBy(() -> AuditReader.readAt(appeal.file(), appeal.offset() + 1)).isInstanceOf(AuditException.class);
    }

    @Test
    void anAppealThatNamesNoDecision_failsVerification() throws Exception {
        Path base = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(base)) {
            List<String> ids = AuditFixtures.append(log, 0, 1);
            log.appeal(ids.get(0), null, "text", AT);
        }
        List<ObjectNode> recs = Rewriter.read(base);
        ObjectNode appeal = recs.stream().filter(r -> "appeal".equals(r.path("type").asText())).findFirst().orElseThrow();
        ((ObjectNode) appeal.get("appeal")).with("decision").put("seq", 5);
        Rewriter.write(base, recs, true, null, true);
        VerifyResult v = AuditFixtures.verify(base);
        assertThat(v.intact()).isFalse();
        assertThat(v.toString()).contains("an appeal must name an earlier decision record by seq and hash");
    }
}
