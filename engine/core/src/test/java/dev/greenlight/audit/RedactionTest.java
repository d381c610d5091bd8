package dev.greenlight.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Signal;
import dev.greenlight.model.Submission;
import dev.greenlight.model.Submitter;
import dev.greenlight.model.Verdict;
import dev.greenlight.testing.Submissions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/reliability.md L8: configured values are redacted before anything is written: no raw file of the
 * log ever holds an erased or hashed value, the record lists what was redacted, and a prompt kept
 * aside stays out of the chained record (its hash stays in) until it is erased from the store.
 */
class RedactionTest {
    private static final String EMAIL = "alice.secret@example.com";
    private static final String ARTIST = "artist-secret-7731";
    private static final String PROMPT = "a lighthouse painted by my neighbour Xylophonia Quennell";
    private static final String TERM = "quennell-term";

    @TempDir
    Path dir;

    private Submission submission(String id) {
        return Submissions.base(id).prompt(PROMPT).submitter(new Submitter(ARTIST, "early-access", true, List.of()))
                .attribute("email", EMAIL).build();
    }

    private Decision decision(String id, String submissionId) {
        Decision d = AuditFixtures.decision(id, submissionId, Verdict.ESCALATE);
        return new Decision(d.decisionId(), d.submissionId(), d.verdict(), d.reasons(),
                List.of(Signal.builder("prompt.term").source("prompt-screen").value(TERM).build()), d.ruleset(), d.plugins(),
                d.decidedAt(), d.elapsedMicros());
    }

    @Test
    void L8_redactedValues_neverReachAFile_andTheRecordListsThem() throws IOException {
        Path base = dir.resolve("audit.jsonl");
        String promptHash = AuditRecordFormat.sha256Hex(PROMPT);
        AuditConfig config = AuditConfig.builder(base).durability(Durability.SYNC).segmentBytes(4096)
                .redact(Redaction.erase("/submission/attributes/email"))
                .redact(Redaction.hash("/submission/submitter/id"))
                .redact(Redaction.aside("/submission/prompt"))
                .redact(Redaction.erase("/decision/signals/*/value"))
                .build();
        try (AuditLog log = AuditLog.open(config)) {
            for (int i = 0; i < 12; i++) {
                log.append(decision("d-" + i, "s-" + i), submission("s-" + i));
            }
        }
        assertThat(AuditFixtures.files(base)).hasSizeGreaterThan(3); // segments, checkpoint, store, lock
        for (Path f : AuditFixtures.files(base)) {
            String raw = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            assertThat(raw).as(f.toString()).doesNotContain(EMAIL).doesNotContain(ARTIST).doesNotContain(TERM);
            if (!f.equals(Segments.erasableFile(base))) {
                assertThat(raw).as(f + " (chained records hold only the prompt's hash)").doesNotContain(PROMPT);
            }
        }
        assertThat(Files.readString(Segments.erasableFile(base))).contains(PROMPT).contains(promptHash);

        AuditRecord first = AuditFixtures.records(base).get(0);
        JsonNode s = first.tree().get("submission");
        assertThat(s.path("attributes").has("email")).isFalse();
        assertThat(s.path("submitter").path("id").asText()).isEqualTo("sha256:" + AuditRecordFormat.sha256Hex(ARTIST));
        assertThat(s.path("prompt").asText()).isEqualTo("sha256:" + promptHash);
        assertThat(first.redactions()).containsExactly("erase:/submission/attributes/email", "hash:/submission/submitter/id",
                "aside:/submission/prompt", "erase:/decision/signals/0/value");
        assertThat(AuditFixtures.verify(base).intact()).isTrue();

        AuditReader.Restored restored = AuditReader.restore(first, AuditReader.erasableTexts(base));
        assertThat(AuditRecordFormat.MAPPER.readTree(restored.submissionJson()).path("prompt").asText()).isEqualTo(PROMPT);
        assertThat(restored.lost()).containsExactly("erase:/submission/attributes/email", "hash:/submission/submitter/id",
                "erase:/decision/signals/0/value");

        try (AuditLog log = AuditLog.open(config)) {
            assertThat(log.erase(promptHash)).isEqualTo(1); // the same text is kept once
        }
        for (Path f : AuditFixtures.files(base)) {
            assertThat(Files.readString(f, StandardCharsets.ISO_8859_1)).as(f + " after erasure").doesNotContain(PROMPT);
        }
        assertThat(AuditFixtures.verify(base).intact()).as("erasure leaves the chain intact").isTrue();
        assertThat(AuditReader.restore(first, AuditReader.erasableTexts(base)).lost()).contains("aside:/submission/prompt");
    }

    @Test
    void pointersOutsideSubmissionAndSignals_areRefused() {
        assertThatThrownBy(() -> Redaction.erase("/decision/verdict")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/submission/");
        assertThatThrownBy(() -> Redaction.erase("submission/prompt")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Redaction.parseSpec("mask:/submission/prompt")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Redaction.parseSpec("hash:/submission/attributes/a~1b")).isEqualTo(Redaction.hash("/submission/attributes/a~1b"));
        assertThat(Redaction.hash("/submission/attributes/a~1b").segments()).containsExactly("submission", "attributes", "a/b");
    }

    @Test
    void wildcardAndMissingPointers() throws IOException {
        Path base = dir.resolve("w/audit.jsonl");
        try (AuditLog log = AuditLog.open(AuditConfig.builder(base).durability(Durability.NONE)
                .redact(Redaction.hash("/submission/media/*/path")).redact(Redaction.erase("/submission/attributes/nope")).build())) {
            Submission s = Submissions.base("s-1").addMedia(dev.greenlight.model.Media.builder("image").path("private/home/x.png").build()).build();
            log.append(AuditFixtures.decision("d-1", "s-1", Verdict.APPROVE), s);
        }
        AuditRecord r = AuditFixtures.records(base).get(0);
        assertThat(r.redactions()).containsExactly("hash:/submission/media/1/path");
        assertThat(Files.readString(base)).doesNotContain("private/home/x.png");
    }
}
