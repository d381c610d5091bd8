package dev.greenlight.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.audit.AuditConfig;
import dev.greenlight.audit.AuditLog;
import dev.greenlight.audit.Durability;
import dev.greenlight.audit.Redaction;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Media;
import dev.greenlight.model.ModelInfo;
import dev.greenlight.model.PluginRun;
import dev.greenlight.model.Reason;
import dev.greenlight.model.RulesetRef;
import dev.greenlight.model.ShadowVerdict;
import dev.greenlight.model.Signal;
import dev.greenlight.model.Submission;
import dev.greenlight.model.Verdict;
import dev.greenlight.testing.Submissions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bytes of every record type and member the corpus golden test does not reach: shadow members
 * (a verdict with reasons, a failed shadow), redactions of every action and shape (wildcards, array
 * elements, objects, booleans, kept-aside text), reviews, signed checkpoints, the checkpoint and
 * erasable files, with strings that need escaping. {@code audit/record-bytes.txt} was written by the
 * code before the audit writer was reorganised: a difference is a change of the log's bytes.
 */
class AuditRecordBytesTest {
    private static final String EXPECTED = "/audit/record-bytes.txt";
    /** A fixed Ed25519 key: its signatures are deterministic, so a signed checkpoint's bytes are too. */
    private static final String KEY = """
            -----BEGIN PRIVATE KEY-----
            MC4CAQAwBQYDK2VwBCIEIFNmtiaWp3K/trr2Q+IRClXkxKuVlBmmslab47gzGPI5
            -----END PRIVATE KEY-----
            -----BEGIN PUBLIC KEY-----
            MCowBQYDK2VwAyEAMfjTKWtD15ITlYu/FmF3JLPqReAwiP/HdfnvkIz+uZM=
            -----END PUBLIC KEY-----
            """;
    /** Text a canonical writer must escape or encode: quote, backslash, control, Latin-1, outside the BMP. */
    private static final String ODD = "q\"b\\c\u0001t\té \uD83D\uDE00 </x>";

    @TempDir
    Path dir;

    @Test
    void everyRecordTypeAndMember_isWrittenAsBeforeTheChange() throws IOException {
        Path key = dir.resolve("key.pem");
        Files.writeString(key, KEY, StandardCharsets.US_ASCII);
        Clock clock = Clock.fixed(Instant.parse("2026-12-02T08:00:00Z"), ZoneOffset.UTC);

        Path plain = dir.resolve("plain").resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(AuditConfig.builder(plain).durability(Durability.GROUP)
                .checkpointEvery(3, Duration.ofHours(1)).clock(clock).signingKey(key).build())) {
            write(log);
        }
        Path redacted = dir.resolve("redacted").resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(AuditConfig.builder(redacted).durability(Durability.GROUP)
                .checkpointEvery(3, Duration.ofHours(1)).clock(clock)
                .redact(Redaction.hash("/submission/attributes/*"))
                .redact(Redaction.erase("/submission/tags/1"))
                .redact(Redaction.aside("/submission/prompt"))
                .redact(Redaction.hash("/submission/media/0"))
                .redact(Redaction.hash("/submission/provenance/c2pa"))
                .redact(Redaction.erase("/submission/model"))
                .redact(Redaction.hash("/decision/signals/*/attributes"))
                .redact(Redaction.aside("/decision/signals/*/value"))
                .redact(Redaction.hash("/submission/*")).build())) {
            write(log);
        }

        byte[] got = dump(dir);
        byte[] want;
        try (InputStream in = getClass().getResourceAsStream(EXPECTED)) {
            assertThat(in).as("resource " + EXPECTED).isNotNull();
            want = in.readAllBytes();
        }
        assertThat(new String(got, StandardCharsets.UTF_8)).isEqualTo(new String(want, StandardCharsets.UTF_8));
        assertThat(got).isEqualTo(want);
    }

    private static void write(AuditLog log) {
        RulesetRef shadowRules = new RulesetRef("candidate", "sha256:" + "cd".repeat(32));
        Decision d1 = decision("d-1", "s-1", Verdict.APPROVE);
        log.append(d1, submission("s-1"), new ShadowVerdict(shadowRules, Verdict.REJECT,
                List.of(new Reason("press", Verdict.REJECT, "press " + ODD, "P-1"), new Reason("ok", Verdict.APPROVE, "ok", null)),
                1234, null));
        log.append(decision("d-2", "s-2", Verdict.ESCALATE), submission("s-2"),
                new ShadowVerdict(shadowRules, null, List.of(), 7, "java.lang.IllegalStateException: " + ODD));
        log.append(decision("d-3", "s-3", Verdict.REJECT), submission("s-3"),
                new ShadowVerdict(shadowRules, Verdict.REJECT, List.of(), 0, null));
        log.append(decision("d-4", "s-4", Verdict.APPROVE), submission("s-4"));
        log.review("d-2", "reviewer " + ODD, Verdict.APPROVE, "note " + ODD, Instant.parse("2026-12-02T09:00:00Z"));
        log.review("d-2", "second", Verdict.REJECT, null, Instant.parse("2026-12-02T09:30:00Z"));
        log.append(decision("d-5", "s-5", Verdict.APPROVE), submission("s-5"));
    }

    private static Decision decision(String id, String submissionId, Verdict verdict) {
        return new Decision(id, submissionId, verdict,
                List.of(new Reason("rule-" + ODD, verdict, "because " + ODD, "P-1"), new Reason("plain", verdict, "m", null)),
                List.of(Signal.builder("prompt.term").source("prompt-screen").category("brand").value("acme " + ODD)
                                .score(0.9).mediaIndex(0).attribute("z", "last").attribute("a", ODD).build(),
                        Signal.builder("bare").source("s").build(),
                        Signal.builder("big").source("s").score(1.0E-7).value("v").build()),
                new RulesetRef("live", "sha256:" + "ab".repeat(32)),
                List.of(new PluginRun("hash-match", "1.0.0", 17, false), new PluginRun("media-probe", "2.1", 3, true)),
                Instant.parse("2026-11-01T10:00:00.123456Z"), 42);
    }

    private static Submission submission(String id) {
        return Submissions.base(id).title("title " + ODD).description("d").model(new ModelInfo("m", "1"))
                .tags(List.of("a", "b " + ODD, "c")).prompt("prompt " + ODD)
                .addMedia(Media.builder("video").mimeType("video/mp4").path("/x/" + ODD).sha256("ef".repeat(32))
                        .bytes(123456789012L).width(1920).height(1080).durationSeconds(12.5).frameRate(29.97).build())
                .attribute("email", "a@b.c").attribute("count", 3L).attribute("ratio", 0.25).attribute("ok", true)
                .attribute("zz " + ODD, "v").build();
    }

    /**
     * Every file under {@code root} (but the key, the lock, and the derived state file and segment
     * indexes, which hold no records), by relative name, with its bytes.
     */
    private static byte[] dump(Path root) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals("key.pem"))
                    .filter(p -> !p.getFileName().toString().endsWith(".lock"))
                    .filter(p -> !p.getFileName().toString().endsWith(".state") && !p.getFileName().toString().endsWith(".idx"))
                    .sorted().toList();
        }
        for (Path f : files) {
            out.writeBytes(("== " + root.relativize(f).toString().replace('\\', '/') + "\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(Files.readAllBytes(f));
            out.writeBytes("\n".getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
