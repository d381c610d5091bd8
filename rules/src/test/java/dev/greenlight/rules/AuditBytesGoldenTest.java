package dev.greenlight.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.audit.AuditConfig;
import dev.greenlight.audit.Durability;
import dev.greenlight.audit.Redaction;
import dev.greenlight.engine.Greenlight;
import dev.greenlight.json.BatchItem;
import dev.greenlight.json.SubmissionReader;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Signal;
import dev.greenlight.model.Submission;
import dev.greenlight.model.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit log's bytes do not change under a refactoring: the corpus decided by a copy of the
 * policy pack ({@code golden/policies}, kept as it was when the copy of the log was made) with a
 * fixed clock, ticker and ids (signals injected for some, a redaction, reviews, checkpoints)
 * writes exactly the log kept in {@code golden/audit-corpus.jsonl.gz}, which was written before the
 * engine was reorganised. A change that alters the bytes on purpose (a new record version) regenerates
 * the copy with {@code -Dgreenlight.golden.write=true} and says why in its commit.
 */
class AuditBytesGoldenTest {
    private static final String GOLDEN = "/golden/audit-corpus.jsonl.gz";

    @TempDir
    Path dir;

    @Test
    void corpusLog_isByteForByteTheCopyMadeBeforeTheChange() throws IOException {
        byte[] written = decideCorpus(dir.resolve("audit.jsonl"));
        if (Boolean.getBoolean("greenlight.golden.write")) {
            Path out = Path.of("src/test/resources" + GOLDEN);
            Files.createDirectories(out.getParent());
            try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(out))) {
                gz.write(written);
            }
        }
        byte[] golden;
        try (InputStream in = new GZIPInputStream(getClass().getResourceAsStream(GOLDEN))) {
            golden = in.readAllBytes();
        }
        String[] want = new String(golden, StandardCharsets.UTF_8).split("\n", -1);
        String[] got = new String(written, StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < Math.min(want.length, got.length); i++) {
            assertThat(got[i]).as("line %d of the audit log", i + 1).isEqualTo(want[i]);
        }
        assertThat(got.length).as("lines in the audit log").isEqualTo(want.length);
        assertThat(written).isEqualTo(golden);
    }

    private static byte[] decideCorpus(Path log) throws IOException {
        List<Submission> corpus = new ArrayList<>();
        try (InputStream in = AuditBytesGoldenTest.class.getResourceAsStream("/corpus/submissions-2k.jsonl")) {
            new SubmissionReader().readBatch(in, "corpus", item -> {
                if (item instanceof BatchItem.Valid v) {
                    corpus.add(v.submission());
                }
            });
        }
        assertThat(corpus).hasSizeGreaterThan(1_900);
        Clock clock = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
        AtomicLong ids = new AtomicLong();
        AuditConfig config = AuditConfig.builder(log).durability(Durability.NONE)
                .checkpointEvery(250, Duration.ofDays(1)).clock(clock)
                .redact(Redaction.hash("/submission/submitter/id")).build();
        List<String> decided = new ArrayList<>();
        // a copy of the pack as it was, so that changing the shipped policies does not change these bytes
        try (Greenlight engine = Greenlight.builder()
                .rulesClasspath("golden/policies", AuditBytesGoldenTest.class.getClassLoader()).clock(clock).ticker(() -> 0L)
                .decisionIds(() -> String.format("d-%06d", ids.incrementAndGet())).auditLog(config).build()) {
            for (int i = 0; i < corpus.size(); i++) {
                Decision d = engine.decide(corpus.get(i), signals(i));
                decided.add(d.decisionId());
            }
            for (int i = 0; i < decided.size(); i += 97) {
                engine.review(decided.get(i), "reviewer-" + (i % 3), i % 2 == 0 ? Verdict.APPROVE : Verdict.REJECT,
                        "note " + i);
            }
        }
        return Files.readAllBytes(log);
    }

    /** Evidence of several shapes, so signals' bytes are covered too; none for most submissions. */
    private static List<Signal> signals(int i) {
        List<Signal> signals = new ArrayList<>();
        if (i % 3 == 0) {
            signals.add(Signal.builder("prompt.term").source("prompt-screen").category(i % 2 == 0 ? "public-figure" : "brand")
                    .value("term " + i).score(0.5 + (i % 5) / 10.0).attribute("matched", "t\u00e9rm " + i).build());
        }
        if (i % 7 == 0) {
            signals.add(Signal.builder("media.mismatch").source("media-probe").mediaIndex(0).category("type")
                    .value("image/png").attribute("declared", "video/mp4").build());
        }
        if (i % 11 == 0) {
            signals.add(Signal.builder("hash.match").source("hash-match").mediaIndex(0).category("known-content")
                    .score(1.0).attribute("distance", String.valueOf(i % 31)).build());
        }
        return signals;
    }
}
