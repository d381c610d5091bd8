package dev.greenlight.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16 item 4: verifying without the key never calls a log with signed checkpoints intact, and
 * strict mode fails a log whose records run past its last signed checkpoint (or that has none).
 */
class VerifyWithoutKeyTest {
    private static final KeyPair KEY = AuditKeys.generate();

    @TempDir
    Path dir;
    Path base;

    // records: seq 1-10 decisions, 11 checkpoint, 12-21, 22 checkpoint, 23-32, 33 checkpoint (on close)
    @BeforeEach
    void writeLog() {
        base = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(AuditConfig.builder(base).durability(Durability.SYNC)
                .checkpointEvery(10, Duration.ofHours(1)).signingKey(KEY).build())) {
            AuditFixtures.append(log, 1, 30);
        }
    }

    private VerifyResult verify(VerifyOptions options) {
        try {
            return AuditVerifier.verify(base, options);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void item4_verify_signedCheckpointsWithoutAKey_isNotIntact_butIsWithTheKeyOrChainOnly() {
        VerifyResult noKey = verify(VerifyOptions.DEFAULT);
        assertThat(noKey.intact()).isFalse();
        assertThat(noKey.problem()).contains("say they are signed (key " + AuditKeys.keyId(KEY.getPublic())).contains("--key");
        assertThat(verify(VerifyOptions.DEFAULT.withKey(KEY.getPublic())).intact()).isTrue();
        VerifyResult chain = verify(VerifyOptions.DEFAULT.with(false, true));
        assertThat(chain.intact()).isTrue();
        assertThat(chain.notes()).anySatisfy(n -> assertThat(n).contains("NOT authenticated"));
    }

    @Test
    void item4_verify_rewriteThatRecomputedTheChainAndTheCheckpointFile_keepingKeyIds_isNotIntactWithoutAKey() {
        List<ObjectNode> rs = Rewriter.read(base);
        ((ObjectNode) rs.get(14).get("decision")).put("verdict", "REJECT");
        List<ObjectNode> original = Rewriter.read(base);
        Rewriter.write(base, rs, true, KEY, false);
        List<ObjectNode> restated = Rewriter.read(base);
        for (int i : new int[] {10, 21, 32}) { // the forger has no key: the old signatures stay
            ((ObjectNode) restated.get(i).get("checkpoint")).put("sig", original.get(i).get("checkpoint").get("sig").asText());
        }
        Rewriter.write(base, restated, false, null, true);
        assertThat(verify(VerifyOptions.DEFAULT).intact()).isFalse();
        assertThat(verify(VerifyOptions.DEFAULT.withKey(KEY.getPublic())).intact()).isFalse();
    }

    @Test
    void item4_verify_strict_failsOnStrippedCheckpoints_recordsAfterTheLastSignedOne_andWithoutAKey() throws IOException {
        VerifyOptions strict = VerifyOptions.DEFAULT.withKey(KEY.getPublic()).with(true, false);
        assertThat(verify(strict).intact()).as("closed cleanly: ends with a signed checkpoint").isTrue();
        assertThat(verify(VerifyOptions.DEFAULT.with(true, false)).problem()).contains("needs the public key");

        // records appended after the final checkpoint, chain recomputed (as a forger without the key would)
        List<ObjectNode> rs = Rewriter.read(base);
        List<ObjectNode> longer = new java.util.ArrayList<>(rs);
        longer.add(rs.get(0).deepCopy());
        Rewriter.write(base, longer, false, null, false);
        VerifyResult appended = verify(strict);
        assertThat(appended.intact()).isFalse();
        assertThat(appended.problem()).contains("1 record follows the last signed checkpoint (seq 33)");

        // every checkpoint stripped and the checkpoint file deleted
        List<ObjectNode> stripped = rs.stream().filter(r -> !"checkpoint".equals(r.path("type").asText())).toList();
        Rewriter.write(base, stripped, false, null, false);
        Files.deleteIfExists(Segments.checkpointFile(base));
        assertThat(verify(VerifyOptions.DEFAULT).intact()).as("without strict, the chain alone passes").isTrue();
        assertThat(verify(VerifyOptions.DEFAULT).notes()).anySatisfy(n -> assertThat(n).contains("NOT authenticated"));
        assertThat(verify(strict).intact()).isFalse();
    }
}
