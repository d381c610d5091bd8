package dev.greenlight.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A chain checked from its lines (as a shipped copy is) finds what the file verifier finds. */
class ChainVerifierTest {
    @TempDir
    Path dir;

    @Test
    void anIntactSignedChain_isIntact_andNeedsTheKey() throws IOException {
        KeyPair key = AuditKeys.generate();
        List<byte[]> lines = signedLog(key);
        VerifyResult withKey = run(lines, VerifyOptions.DEFAULT.withKey(key.getPublic()));
        VerifyResult file = AuditVerifier.verify(dir.resolve("audit.jsonl"), VerifyOptions.DEFAULT.withKey(key.getPublic()));
        assertThat(withKey.intact()).isTrue();
        assertThat(withKey.lastSeq()).isEqualTo(file.lastSeq());
        assertThat(withKey.lastHash()).isEqualTo(file.lastHash());
        assertThat(withKey.signedCheckpoints()).isEqualTo(file.signedCheckpoints());

        VerifyResult noKey = run(lines, VerifyOptions.DEFAULT);
        assertThat(noKey.intact()).isFalse();
        assertThat(noKey.problem()).contains("no public key was given");
        assertThat(run(lines, VerifyOptions.DEFAULT.with(false, true)).intact()).isTrue();
    }

    @Test
    void aChangedRemovedOrForeignRecord_isNamedBySeq() throws IOException {
        KeyPair key = AuditKeys.generate();
        List<byte[]> lines = signedLog(key);
        VerifyOptions withKey = VerifyOptions.DEFAULT.withKey(key.getPublic());

        List<byte[]> changed = new ArrayList<>(lines);
        changed.set(5, new String(lines.get(5), StandardCharsets.UTF_8).replace("APPROVE", "REJECT").getBytes(StandardCharsets.UTF_8));
        VerifyResult c = run(changed, withKey);
        assertThat(c.badSeq()).isEqualTo(6);
        assertThat(c.problem()).startsWith("hash does not match");

        List<byte[]> removed = new ArrayList<>(lines);
        removed.remove(5);
        VerifyResult r = run(removed, withKey);
        assertThat(r.badSeq()).isEqualTo(6);
        assertThat(r.problem()).contains("sequence number 7 where 6 was expected");

        // a checkpoint saved elsewhere exposes a copy cut short
        Checkpoint last = Checkpoint.read(Segments.checkpointFile(dir.resolve("audit.jsonl")));
        VerifyResult cut = run(lines.subList(0, 8), withKey.withCheckpoint(last, Path.of("saved.checkpoint")));
        assertThat(cut.intact()).isFalse();
        assertThat(cut.problem()).contains("truncated");
    }

    private List<byte[]> signedLog(KeyPair key) throws IOException {
        Path base = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(AuditConfig.builder(base).checkpointEvery(4, Duration.ofHours(1)).signingKey(key).build())) {
            AuditFixtures.append(log, 1, 10);
        }
        List<byte[]> out = new ArrayList<>();
        for (String l : Files.readAllLines(base, StandardCharsets.UTF_8)) {
            out.add(l.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    private static VerifyResult run(List<byte[]> lines, VerifyOptions options) {
        ChainVerifier v = new ChainVerifier(options);
        for (byte[] line : lines) {
            if (!v.accept(line)) {
                break;
            }
        }
        return v.finish();
    }
}
