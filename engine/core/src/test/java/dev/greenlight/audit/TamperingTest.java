package dev.greenlight.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/reliability.md L4: every kind of tampering is caught by verify, which names the first bad record
 * (or the checkpoint that exposes it). The log: 30 decisions, a signed checkpoint after every 10
 * records, one segment.
 */
class TamperingTest {
    private static final KeyPair KEY = AuditKeys.generate();
    private static final KeyPair OTHER = AuditKeys.generate();

    @TempDir
    Path dir;
    Path base;
    VerifyOptions withKey;

    @BeforeEach
    void writeLog() {
        base = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(AuditConfig.builder(base).durability(Durability.SYNC)
                .checkpointEvery(10, Duration.ofHours(1)).signingKey(KEY).build())) {
            AuditFixtures.append(log, 1, 30);
        }
        withKey = VerifyOptions.DEFAULT.withKey(KEY.getPublic());
        VerifyResult ok = verify(withKey);
        assertThat(ok.intact()).as(ok.describe("log")).isTrue();
        assertThat(ok.checkpoints()).isEqualTo(3);
        assertThat(ok.signedCheckpoints()).isEqualTo(3);
    }

    // records: seq 1-10 decisions, 11 checkpoint, 12-21 decisions, 22 checkpoint, 23-32 decisions, 33 checkpoint

    @Test
    void L4_editedRecord_rehashed_isCaughtAtTheNextRecord() {
        List<ObjectNode> rs = Rewriter.read(base);
        ObjectNode five = rs.get(4);
        ((ObjectNode) five.get("decision")).put("verdict", "REJECT");
        writeKeepingTheRestAsIs(rs, 4);
        VerifyResult r = verify(VerifyOptions.DEFAULT);
        assertBad(r, 6, "\"prev\" does not match the hash of the record before it (seq 5)");
    }

    @Test
    void L4_editedByte_isCaughtAtThatRecord() throws IOException {
        String text = Files.readString(base);
        Files.writeString(base, text.replaceFirst("\"submissionId\":\"s-7\"", "\"submissionId\":\"s-9\""));
        assertBad(verify(VerifyOptions.DEFAULT), 7, "hash does not match");
    }

    @Test
    void L4_deletedRecord_isCaughtWhereItWas() throws IOException {
        List<String> lines = Files.readAllLines(base);
        lines.remove(13);
        Files.write(base, lines);
        assertBad(verify(VerifyOptions.DEFAULT), 14, "sequence number 15 where 14 was expected");
    }

    @Test
    void L4_swappedRecords_areCaughtAtTheFirst() throws IOException {
        List<String> lines = Files.readAllLines(base);
        Collections.swap(lines, 2, 7);
        Files.write(base, lines);
        assertBad(verify(VerifyOptions.DEFAULT), 3, "sequence number 8 where 3 was expected");
    }

    @Test
    void L4_insertedRecord_isCaught() throws IOException {
        List<String> lines = Files.readAllLines(base);
        lines.add(4, lines.get(3));
        Files.write(base, lines);
        assertBad(verify(VerifyOptions.DEFAULT), 5, "sequence number 4 where 5 was expected");
    }

    @Test
    void L4_truncatedBelowACheckpoint_isCaughtByTheCheckpointFile() throws IOException {
        List<String> lines = Files.readAllLines(base);
        Files.write(base, lines.subList(0, 25));
        VerifyResult r = verify(VerifyOptions.DEFAULT);
        assertThat(r.intact()).isFalse();
        assertThat(r.problem()).contains("the log ends at seq 25 but checkpoint " + Segments.checkpointFile(base)
                + " covers seq 32").contains("truncated");
    }

    @Test
    void L4_truncatedToAnEarlierCheckpoint_withTheCheckpointFileReplaced_isCaughtByASavedCheckpoint() throws IOException {
        Path saved = copyCheckpointElsewhere();
        List<String> lines = Files.readAllLines(base);
        Files.write(base, lines.subList(0, 22)); // ends with the checkpoint at seq 22: consistent on its own
        Files.writeString(Segments.checkpointFile(base), Checkpoint.fromJson(
                AuditRecordFormat.MAPPER.readTree(lines.get(21))).toLine() + "\n");
        assertThat(verify(withKey).intact()).as("undetectable without a copy kept elsewhere").isTrue();
        VerifyResult r = verify(withKey.withCheckpoint(Checkpoint.read(saved), saved));
        assertThat(r.intact()).isFalse();
        assertThat(r.problem()).contains("checkpoint " + saved + " covers seq 32").contains("truncated");
    }

    @Test
    void L4_rewriteWithoutTheKey_leavingCheckpointsAlone_isCaughtAtTheFirstCheckpointAfterTheEdit() {
        List<ObjectNode> rs = Rewriter.read(base);
        ((ObjectNode) rs.get(14).get("decision")).put("verdict", "REJECT");
        Rewriter.write(base, rs, false, null, false);
        assertBad(verify(VerifyOptions.DEFAULT), 22, "checkpoint does not cover the record before it");
    }

    @Test
    void L4_rewriteWithoutTheKey_restatingCheckpointsUnsigned_isCaughtWithTheKey() {
        List<ObjectNode> rs = Rewriter.read(base);
        ((ObjectNode) rs.get(14).get("decision")).put("verdict", "REJECT");
        Rewriter.write(base, rs, true, null, true);
        assertThat(verify(VerifyOptions.DEFAULT).intact()).as("without the key the chain alone cannot tell").isTrue();
        VerifyResult r = verify(withKey);
        assertThat(r.intact()).isFalse();
        assertThat(r.problem()).contains("no checkpoint signed by the given key");
    }

    @Test
    void L4_rewriteWithoutTheKey_resigningWithAnotherKey_isCaughtAtTheFirstCheckpoint() {
        List<ObjectNode> rs = Rewriter.read(base);
        ((ObjectNode) rs.get(14).get("decision")).put("verdict", "REJECT");
        Rewriter.write(base, rs, true, OTHER, false);
        VerifyResult r = verify(withKey);
        assertBad(r, 11, "checkpoint is signed by key " + AuditKeys.keyId(OTHER.getPublic()) + ", which is not among the given keys");
    }

    @Test
    void L4_rewriteWithoutTheKey_keepingTheOldSignatures_isCaughtAtTheFirstCheckpointAfterTheEdit() {
        List<ObjectNode> rs = Rewriter.read(base);
        ((ObjectNode) rs.get(14).get("decision")).put("verdict", "REJECT");
        // restate the checkpoints' heads but keep their old signatures
        List<ObjectNode> original = Rewriter.read(base);
        Rewriter.write(base, rs, true, KEY, false);
        List<ObjectNode> restated = Rewriter.read(base);
        for (int i : new int[] {10, 21, 32}) {
            ((ObjectNode) restated.get(i).get("checkpoint")).put("sig", original.get(i).get("checkpoint").get("sig").asText());
        }
        Rewriter.write(base, restated, false, null, false);
        assertBad(verify(withKey), 22, "checkpoint signature does not verify");
    }

    @Test
    void L4_rewriteWithTheKey_isCaughtOnlyByACheckpointSavedElsewhere() throws IOException {
        Path saved = copyCheckpointElsewhere();
        List<ObjectNode> rs = Rewriter.read(base);
        ((ObjectNode) rs.get(14).get("decision")).put("verdict", "REJECT");
        Rewriter.write(base, rs, true, KEY, true); // the holder of the key re-signs everything
        assertThat(verify(withKey).intact()).as("a rewrite with the key is consistent on its own").isTrue();
        VerifyResult r = verify(withKey.withCheckpoint(Checkpoint.read(saved), saved));
        assertThat(r.intact()).isFalse();
        assertThat(r.badSeq()).isEqualTo(32);
        assertThat(r.problem()).contains("differs from checkpoint " + saved).contains("rewritten at or before this record");
    }

    @Test
    void L4_unsignedCheckpointAfterSignedOnes_isCaught() {
        List<ObjectNode> rs = Rewriter.read(base);
        ((ObjectNode) rs.get(32).get("checkpoint")).remove("sig");
        ((ObjectNode) rs.get(32).get("checkpoint")).remove("keyId");
        Rewriter.write(base, rs, false, null, false);
        assertBad(verify(withKey), 33, "checkpoint is unsigned, after signed ones");
    }

    @Test
    void L4_alteredSavedCheckpoint_isRejected() throws IOException {
        Path saved = copyCheckpointElsewhere();
        Files.writeString(saved, Files.readString(saved).replace("\"seq\":32", "\"seq\":31"));
        VerifyResult r = verify(withKey.withCheckpoint(Checkpoint.read(saved), saved));
        assertThat(r.intact()).isFalse();
        assertThat(r.problem()).contains("checkpoint " + saved + ": its signature does not verify");
    }

    @Test
    void L4_deletedSegment_isCaught() {
        Path base2 = dir.resolve("seg/audit.jsonl");
        try (AuditLog log = AuditLog.open(AuditConfig.builder(base2).durability(Durability.NONE).segmentBytes(4096).build())) {
            AuditFixtures.append(log, 1, 20);
        }
        try {
            Files.delete(Segments.segment(base2, 2));
            VerifyResult r = AuditVerifier.verify(base2);
            assertThat(r.intact()).isFalse();
            assertThat(r.problem()).contains("segment " + Segments.segment(base2, 2) + " is missing");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Path copyCheckpointElsewhere() throws IOException {
        Path saved = dir.resolve("elsewhere/checkpoint.json");
        Files.createDirectories(saved.getParent());
        Files.copy(Segments.checkpointFile(base), saved);
        return saved;
    }

    /** Rewrites only record {@code index} with a fresh hash, as an editor with a text editor and sha256sum would. */
    private void writeKeepingTheRestAsIs(List<ObjectNode> rs, int index) {
        try {
            List<String> lines = Files.readAllLines(base);
            ObjectNode o = rs.get(index);
            byte[] body = CanonicalJson.of(o);
            lines.set(index, new String(AuditRecordFormat.line(body, AuditRecordFormat.sha256Hex(body, body.length)),
                    java.nio.charset.StandardCharsets.UTF_8));
            Files.write(base, lines);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private VerifyResult verify(VerifyOptions options) {
        try {
            return AuditVerifier.verify(base, options);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void assertBad(VerifyResult r, long line, String problem) {
        assertThat(r.intact()).as("tampering caught").isFalse();
        assertThat(r.problem()).contains(problem);
        assertThat(r.badLine()).as(r.describe("log")).isEqualTo(line);
        assertThat(r.badSeq()).isEqualTo(line); // one segment: line n holds seq n
        assertThat(r.file()).isEqualTo(base);
        assertThat(r.describe("log")).startsWith(base + ":" + line + ": record seq " + line);
    }
}
