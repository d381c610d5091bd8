package dev.greenlight.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/reliability.md L3: damage that is not a torn tail — a flipped bit or an absurdly long line in the
 * middle of the log, a missing segment, a log shorter than its checkpoint — refuses to start,
 * names file, offset and sequence number, runs out of no memory, and leaves every file untouched.
 * A torn tail is the one thing recovery repairs.
 */
class CorruptionTest {
    @TempDir
    Path dir;
    Path base;

    @BeforeEach
    void writeLog() {
        base = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(config().build())) {
            AuditFixtures.append(log, 1, 40);
        }
        assertThat(AuditFixtures.files(base)).as("several segments").hasSizeGreaterThan(4);
    }

    private AuditConfig.Builder config() {
        return AuditConfig.builder(base).durability(Durability.NONE).segmentBytes(8192).checkpointEvery(10, Duration.ofHours(1));
    }

    @Test
    void L3_flippedBit_inTheMiddle_refusesToStart_namingFileOffsetAndSeq() throws IOException {
        Path seg = Segments.segment(base, 2);
        long offset = nthLineOffset(seg, 2);
        flipBit(seg, offset + 40);
        long seq = firstSeq(seg) + 1;
        readWholeOnOpen();
        Map<Path, String> before = snapshot();

        assertThatThrownBy(() -> AuditLog.open(config().build())).isInstanceOf(AuditException.class)
                .hasMessageContaining("damaged").hasMessageContaining(seg + ":2: record seq " + seq)
                .hasMessageContaining("offset " + offset);
        assertThat(snapshot()).as("every file untouched").isEqualTo(before);
        VerifyResult v = AuditFixtures.verify(base);
        assertThat(v.intact()).isFalse();
        assertThat(v.file()).isEqualTo(seg);
        assertThat(v.badLine()).isEqualTo(2);
        assertThat(v.badSeq()).isEqualTo(seq);
        assertThat(v.offset()).isEqualTo(offset);
        assertThat(v.tornTail()).isFalse();
    }

    @Test
    void L3_flippedBit_inTheLastSegment_withRecordsAfterIt_isDamage_notATornTail() throws IOException {
        Path last = lastSegment();
        flipBit(last, nthLineOffset(last, 1) + 20);
        readWholeOnOpen();
        Map<Path, String> before = snapshot();
        assertThatThrownBy(() -> AuditLog.open(config().build())).isInstanceOf(AuditException.class)
                .hasMessageContaining(last + ":1: record seq ");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void L3_absurdlyLongLine_inTheMiddle_refusesWithoutRunningOutOfMemory() throws IOException {
        Path seg = Segments.segment(base, 2);
        byte[] original = Files.readAllBytes(seg);
        long offset = nthLineOffset(seg, 2);
        try (OutputStream out = Files.newOutputStream(seg, StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(original, 0, (int) offset);
            byte[] chunk = new byte[1 << 20];
            Arrays.fill(chunk, (byte) '7');
            for (int i = 0; i < 24; i++) { // 24 MiB, three times the bound on a record
                out.write(chunk);
            }
            out.write(original, (int) offset, original.length - (int) offset);
        }
        Map<Path, String> before = snapshot();
        assertThatThrownBy(() -> AuditLog.open(config().build())).isInstanceOf(AuditException.class)
                .hasMessageContaining(seg + ":2: record seq " + (firstSeq(seg) + 1))
                .hasMessageContaining("longer than");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void L3_missingSegment_refusesToStart_namingIt() throws IOException {
        Files.delete(Segments.segment(base, 3));
        assertThatThrownBy(() -> AuditLog.open(config().build())).isInstanceOf(AuditException.class)
                .hasMessageContaining("segment " + Segments.segment(base, 3) + " is missing");
    }

    @Test
    void L3_logShorterThanItsCheckpoint_refusesToStart() throws IOException {
        // SYNC writes the checkpoint file; then whole segments go missing from the end
        try (AuditLog log = AuditLog.open(config().durability(Durability.SYNC).build())) {
            AuditFixtures.append(log, 41, 5);
        }
        Checkpoint cp = Checkpoint.read(Segments.checkpointFile(base));
        for (int n = 3; Files.exists(Segments.segment(base, n)); n++) {
            Files.delete(Segments.segment(base, n));
        }
        Map<Path, String> before = snapshot();
        assertThatThrownBy(() -> AuditLog.open(config().build())).isInstanceOf(AuditException.class)
                .hasMessageContaining("shorter than its last checkpoint")
                .hasMessageContaining("covers seq " + cp.seq());
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void tornTail_isCutOff_keptAside_andTheChainContinues() throws IOException {
        Path last = lastSegment();
        byte[] bytes = Files.readAllBytes(last);
        byte[] torn = "{\"decision\":{\"decisionId\":\"d-41\"".getBytes(StandardCharsets.UTF_8);
        byte[] zeros = new byte[300];
        Files.write(last, torn, StandardOpenOption.APPEND);
        Files.write(last, zeros, StandardOpenOption.APPEND);
        RecoveryReport r;
        try (AuditLog log = AuditLog.open(config().build())) {
            r = log.recovery();
            AuditFixtures.append(log, 41, 2);
        }
        assertThat(r.tailCut()).isTrue();
        assertThat(r.offset()).isEqualTo(bytes.length);
        assertThat(r.bytesCut()).isEqualTo(torn.length + zeros.length);
        assertThat(Files.readAllBytes(r.keptAt())).startsWith(torn);
        assertThat(r.describe()).contains("cut a torn tail").contains(r.keptAt().toString());
        assertThat(AuditFixtures.verify(base).intact()).isTrue();
        assertThat(AuditFixtures.decisionIds(base)).hasSize(42).endsWith("d-41", "d-42");
    }

    private Path lastSegment() {
        List<Path> segs = AuditFixtures.files(base).stream().filter(p -> p.getFileName().toString().matches(".*\\.jsonl(\\.\\d{6})?")).toList();
        return segs.get(segs.size() - 1);
    }

    /** Every file of the log (but the lock) with the SHA-256 of its content. */
    private Map<Path, String> snapshot() throws IOException {
        Map<Path, String> out = new HashMap<>();
        for (Path p : AuditFixtures.files(base)) {
            if (!p.equals(Segments.lockFile(base))) {
                byte[] b = Files.readAllBytes(p);
                out.put(p, AuditRecordFormat.sha256Hex(b, b.length));
            }
        }
        return out;
    }

    /**
     * Opening resumes from the state file without reading the records before its place (damage there
     * is verify's to find: OpenFromStateTest); without the file it reads, and checks, the whole log.
     */
    private void readWholeOnOpen() throws IOException {
        Files.delete(LogState.file(base));
    }

    private static void flipBit(Path file, long offset) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(offset);
            int b = f.read();
            f.seek(offset);
            f.write(b ^ 0x04);
        }
    }

    private static long nthLineOffset(Path file, int n) throws IOException {
        byte[] b = Files.readAllBytes(file);
        long off = 0;
        for (int line = 1; line < n; line++) {
            while (b[(int) off] != '\n') {
                off++;
            }
            off++;
        }
        return off;
    }

    private static long firstSeq(Path seg) throws IOException {
        return AuditRecordFormat.MAPPER.readTree(Files.readAllLines(seg).get(0)).get("seq").asLong();
    }
}
