package dev.greenlight.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify} checks a log of several segments in parallel and then the joints between them
 * ({@code ParallelScan}); it must report what one sequential pass over the log reports: the same
 * first problem (file, line, offset, seq), and the same counts when the log is intact.
 */
class ParallelVerifyTest {
    private static final KeyPair KEY = AuditKeys.generate();
    @TempDir
    Path dir;
    Path base;

    @BeforeEach
    void writeLog() {
        base = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(AuditConfig.builder(base).durability(Durability.NONE).segmentBytes(6000)
                .checkpointEvery(4, Duration.ofHours(1)).signingKey(KEY).build())) {
            AuditFixtures.append(log, 1, 40);
        }
        assertThat(segments()).hasSizeGreaterThan(5);
    }

    private List<Path> segments() {
        List<Path> out = new ArrayList<>();
        for (int n = 1; Files.exists(Segments.segment(base, n)); n++) {
            out.add(Segments.segment(base, n));
        }
        return out;
    }

    /** What one sequential pass finds (the checks of the chain and the checkpoints' signatures). */
    private void assertSameAsSequential(VerifyOptions options) throws IOException {
        VerifyResult parallel = AuditVerifier.verify(base, options);
        LogScan.Result seq = LogScan.scanChain(base, rec -> {
            if (rec.isCheckpoint() && !options.keys().isEmpty() && !rec.checkpoint().verify(options.keys().get(0))) {
                return "checkpoint signature does not verify";
            }
            return null;
        });
        assertThat(parallel.intact()).isEqualTo(seq.intact());
        if (seq.intact()) {
            assertThat(parallel.lastSeq()).isEqualTo(seq.chain.seq);
            assertThat(parallel.lastHash()).isEqualTo(seq.chain.prev);
            assertThat(parallel.decisions()).isEqualTo(seq.chain.decisions);
            assertThat(parallel.checkpoints()).isEqualTo(seq.chain.checkpoints);
        } else {
            assertThat(parallel.file()).isEqualTo(seq.problemFile);
            assertThat(parallel.badLine()).isEqualTo(seq.problemLine);
            assertThat(parallel.offset()).isEqualTo(seq.problemOffset);
            assertThat(parallel.badSeq()).isEqualTo(seq.problemSeq);
            assertThat(parallel.problem()).startsWith(seq.problem.substring(0, Math.min(20, seq.problem.length())));
        }
    }

    @Test
    void anIntactLog_countsAsOnePass() throws IOException {
        assertSameAsSequential(VerifyOptions.DEFAULT.withKey(KEY.getPublic()));
    }

    @Test
    void aChangedByteInAMiddleSegment() throws IOException {
        flip(segments().get(3), 30);
        assertSameAsSequential(VerifyOptions.DEFAULT);
    }

    @Test
    void theFirstRecordOfASegmentRemoved_isFoundAtTheJoint() throws IOException {
        Path seg = segments().get(2);
        List<String> lines = Files.readAllLines(seg);
        Files.write(seg, lines.subList(1, lines.size()));
        assertSameAsSequential(VerifyOptions.DEFAULT);
    }

    @Test
    void theLastRecordOfASegmentRemoved_isFoundAtTheJoint() throws IOException {
        Path seg = segments().get(1);
        List<String> lines = Files.readAllLines(seg);
        Files.write(seg, lines.subList(0, lines.size() - 1));
        assertSameAsSequential(VerifyOptions.DEFAULT);
    }

    @Test
    void twoSegmentsSwapped_isFoundAtTheFirstJoint() throws IOException {
        Path a = segments().get(1);
        Path b = segments().get(2);
        Path t = dir.resolve("t");
        Files.move(a, t);
        Files.move(b, a);
        Files.move(t, b);
        assertSameAsSequential(VerifyOptions.DEFAULT);
    }

    @Test
    void damageInTwoSegments_theFirstIsReported() throws IOException {
        flip(segments().get(4), 50);
        flip(segments().get(2), 50);
        assertSameAsSequential(VerifyOptions.DEFAULT);
    }

    private static void flip(Path file, long offset) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(offset);
            int b = f.read();
            f.seek(offset);
            f.write(b ^ 0x04);
        }
    }
}
