package dev.greenlight.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.json.ModelJson;
import dev.greenlight.model.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Segments, checkpoints, keys and the first version of the format. */
class LogLayoutTest {
    @TempDir
    Path dir;

    @Test
    void segments_rollBySize_andTheChainContinuesAcrossThem() throws IOException {
        Path base = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(AuditConfig.builder(base).segmentBytes(4096).build())) {
            AuditFixtures.append(log, 1, 30);
            assertThat(log.stats().segments()).isPositive();
        }
        List<Path> segments = Segments.list(base);
        assertThat(segments.size()).isGreaterThan(3);
        assertThat(segments.get(1).getFileName().toString()).isEqualTo("audit.jsonl.000002");
        for (Path s : segments) {
            assertThat(Files.size(s)).isLessThanOrEqualTo(4096);
        }
        String firstOfSecond = Files.readAllLines(segments.get(1)).get(0);
        String lastOfFirst = Files.readAllLines(segments.get(0)).get(Files.readAllLines(segments.get(0)).size() - 1);
        assertThat(firstOfSecond).contains("\"prev\":\"" + lastOfFirst.substring(lastOfFirst.length() - 66, lastOfFirst.length() - 2) + "\"");
        VerifyResult v = AuditFixtures.verify(base);
        assertThat(v.intact()).isTrue();
        assertThat(v.segments()).isEqualTo(segments.size());
        assertThat(AuditFixtures.decisionIds(base)).hasSize(30);
    }

    @Test
    void checkpoints_everyNRecords_signed_andSavedBesideTheLog() throws IOException {
        Path base = dir.resolve("audit.jsonl");
        KeyPair key = AuditKeys.generate();
        try (AuditLog log = AuditLog.open(AuditConfig.builder(base).checkpointEvery(4, Duration.ofHours(1)).signingKey(key).build())) {
            AuditFixtures.append(log, 1, 10);
            assertThat(log.stats().checkpoints()).isEqualTo(2);
        }
        List<AuditRecord> cps = AuditFixtures.records(base).stream().filter(AuditRecord::isCheckpoint).toList();
        assertThat(cps).extracting(r -> r.checkpoint().seq()).containsExactly(4L, 9L, 12L); // after 4 records, 4 more (and the first checkpoint), and on close
        assertThat(cps).allMatch(r -> r.checkpoint().verify(key.getPublic()));
        Checkpoint saved = Checkpoint.read(Segments.checkpointFile(base));
        assertThat(saved).isEqualTo(cps.get(2).checkpoint());
        assertThat(saved.log()).isEqualTo(AuditFixtures.records(base).get(0).hash());
        VerifyResult v = AuditVerifier.verify(base, VerifyOptions.DEFAULT.withKey(key.getPublic()));
        assertThat(v.intact()).isTrue();
        assertThat(v.notes()).anyMatch(n -> n.contains("signatures good"));
    }

    @Test
    void checkpoints_afterTheInterval_evenWhenIdle() throws Exception {
        Path base = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(AuditConfig.builder(base).checkpointEvery(1000, Duration.ofMillis(100)).build())) {
            AuditFixtures.append(log, 1, 3);
            AuditFixtures.awaitCheckpointFile(base);
            assertThat(log.stats().checkpoints()).isEqualTo(1);
            assertThat(Files.exists(Segments.checkpointFile(base))).isTrue();
        }
    }

    @Test
    void signedLog_openedWithoutTheKey_writesNoCheckpoints() throws IOException {
        Path base = dir.resolve("audit.jsonl");
        KeyPair key = AuditKeys.generate();
        try (AuditLog log = AuditLog.open(AuditConfig.builder(base).signingKey(key).build())) {
            AuditFixtures.append(log, 1, 2);
        }
        try (AuditLog log = AuditLog.open(base)) {
            AuditFixtures.append(log, 3, 2);
        }
        VerifyResult v = AuditVerifier.verify(base, VerifyOptions.DEFAULT.withKey(key.getPublic()));
        assertThat(v.intact()).as(v.describe("log")).isTrue();
        assertThat(v.checkpoints()).isEqualTo(1);
        assertThat(v.notes()).anyMatch(n -> n.contains("2 records after the last signed checkpoint"));
    }

    @Test
    void keys_roundTripThroughFiles_andAreNeverOverwritten() throws IOException {
        KeyPair key = AuditKeys.generate();
        Path priv = dir.resolve("k/audit.key");
        Path pub = dir.resolve("k/audit.pub");
        AuditKeys.write(key, priv, pub);
        assertThat(AuditKeys.readKeyPair(priv).getPublic()).isEqualTo(key.getPublic());
        assertThat(AuditKeys.readPublicKey(pub)).isEqualTo(key.getPublic());
        assertThat(AuditKeys.readPublicKey(priv)).isEqualTo(key.getPublic());
        assertThat(AuditKeys.keyId(key.getPublic())).hasSize(16);
        assertThat(Files.readString(pub)).startsWith("-----BEGIN PUBLIC KEY-----").doesNotContain("PRIVATE");
        assertThatThrownBy(() -> AuditKeys.write(AuditKeys.generate(), priv, dir.resolve("k/other.pub")))
                .isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
        if (priv.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(priv))).isEqualTo("rw-------");
        }
    }

    @Test
    void version1Log_verifies_andIsContinuedWithVersion2Records() throws IOException {
        Path base = dir.resolve("v1.jsonl");
        StringBuilder text = new StringBuilder();
        String prev = AuditRecordFormat.GENESIS;
        for (int i = 1; i <= 3; i++) { // exactly what the first release wrote
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.put("v", 1);
            body.put("seq", i);
            body.put("type", "decision");
            body.put("prev", prev);
            body.set("decision", ModelJson.decision(AuditFixtures.decision("d-" + i, "s-" + i, Verdict.APPROVE)));
            body.set("submission", ModelJson.submission(AuditFixtures.submission("s-" + i)));
            byte[] canonical = CanonicalJson.of(body);
            prev = AuditRecordFormat.sha256Hex(canonical, canonical.length);
            text.append(new String(AuditRecordFormat.line(canonical, prev), StandardCharsets.UTF_8)).append('\n');
        }
        Files.writeString(base, text);
        assertThat(AuditFixtures.verify(base).intact()).isTrue();
        try (AuditLog log = AuditLog.open(base)) {
            AuditFixtures.append(log, 4, 2);
        }
        VerifyResult v = AuditFixtures.verify(base);
        assertThat(v.intact()).isTrue();
        assertThat(v.decisions()).isEqualTo(5);
        List<String> lines = Files.readAllLines(base);
        assertThat(lines.get(2)).contains("\"v\":1");
        assertThat(lines.get(3)).contains("\"v\":2");
    }

    @Test
    void secondWriter_isRefused_untilTheFirstCloses() {
        Path base = dir.resolve("audit.jsonl");
        try (AuditLog first = AuditLog.open(base)) {
            assertThatThrownBy(() -> AuditLog.open(base)).isInstanceOf(AuditException.class).hasMessageContaining("in use");
        }
        try (AuditLog again = AuditLog.open(base)) {
            assertThat(again.recovery().tailCut()).isFalse();
        }
    }

    @Test
    void config_validatesEagerly() {
        assertThatThrownBy(() -> AuditConfig.builder(dir).segmentBytes(100)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("segmentBytes must be at least 4096, was 100");
        assertThatThrownBy(() -> AuditConfig.builder(dir).checkpointEvery(0, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
    }
}
