package dev.greenlight.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greenlight.model.Verdict;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opening resumes from the state file ({@code B.state}) and reads only the records after its place;
 * a state file that is missing, unreadable, or does not match the chain is ignored (the whole log is
 * read) and written again. What opening reads is told by {@link RecoveryReport#recordsRead()}.
 */
class OpenFromStateTest {
    @TempDir
    Path dir;
    Path base;

    @BeforeEach
    void writeLog() {
        base = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(config().build())) {
            AuditFixtures.append(log, 1, 40);
        }
    }

    private AuditConfig.Builder config() {
        return AuditConfig.builder(base).durability(Durability.NONE).segmentBytes(8192).checkpointEvery(10, Duration.ofHours(1));
    }

    private long records() {
        return AuditFixtures.records(base).size();
    }

    @Test
    void aClosedLog_opensWithoutReadingAnyRecord_andContinuesItsChain() {
        assertThat(Files.exists(LogState.file(base))).isTrue();
        try (AuditLog log = AuditLog.open(config().build())) {
            assertThat(log.recovery().recordsRead()).isZero();
            assertThat(log.recovery().lastSeq()).isEqualTo(records());
            AuditFixtures.append(log, 41, 5);
        }
        assertThat(AuditFixtures.verify(base).intact()).isTrue();
        assertThat(AuditFixtures.decisionIds(base)).hasSize(45).endsWith("d-45");
    }

    @Test
    void aLogWithACheckpointFile_opensFromTheState_andChecksTheFileAgainstItsCheckpointRecord() throws IOException {
        for (Durability d : List.of(Durability.GROUP, Durability.SYNC)) {
            try (AuditLog log = AuditLog.open(config().durability(d).build())) {
                AuditFixtures.append(log, 100, 15); // a checkpoint falls due in the middle, and one on close
            }
            assertThat(Files.exists(Segments.checkpointFile(base))).isTrue();
            try (AuditLog log = AuditLog.open(config().durability(d).build())) {
                assertThat(log.recovery().recordsRead()).as(d.name()).isZero();
            }
        }
        Checkpoint cp = Checkpoint.read(Segments.checkpointFile(base));
        Checkpoint other = new Checkpoint(cp.log(), cp.seq() - 1, cp.head(), cp.at(), null, null);
        Files.writeString(Segments.checkpointFile(base), other.toLine() + "\n");
        assertThatThrownBy(() -> AuditLog.open(config().build())).as("a checkpoint file its record does not confirm: a full read")
                .isInstanceOf(AuditException.class).hasMessageContaining("does not match its last checkpoint");
    }

    @Test
    void aStateFileBehindTheLog_asAfterACrashBeforeItWasWritten_readsOnlyTheRecordsAfterIt() throws IOException {
        Path old = dir.resolve("old.state");
        Files.copy(LogState.file(base), old);
        long before = records();
        try (AuditLog log = AuditLog.open(config().build())) {
            AuditFixtures.append(log, 41, 7);
        }
        long after = records();
        Files.copy(old, LogState.file(base), StandardCopyOption.REPLACE_EXISTING); // the segments got ahead of it
        try (AuditLog log = AuditLog.open(config().build())) {
            assertThat(log.recovery().recordsRead()).isEqualTo(after - before);
            assertThat(log.recovery().lastSeq()).isEqualTo(after);
            AuditFixtures.append(log, 48, 1);
        }
        assertThat(AuditFixtures.verify(base).intact()).isTrue();
        assertThat(AuditFixtures.decisionIds(base)).hasSize(48);
    }

    @Test
    void aStateFileThatDoesNotMatchTheChain_isIgnored_andWrittenAgain() throws IOException {
        String state = Files.readString(LogState.file(base));
        String head = AuditFixtures.records(base).get(3).hash(); // a real hash, at another place
        Files.writeString(LogState.file(base), state.replaceFirst("\"head\":\"[0-9a-f]{64}\"", "\"head\":\"" + head + "\""));
        assertOpensReadingEverything();
    }

    @Test
    void aStateFileWithAnotherSeq_isIgnored() throws IOException {
        String state = Files.readString(LogState.file(base));
        Files.writeString(LogState.file(base), state.replaceFirst("\"seq\":(\\d+)", "\"seq\":3"));
        assertOpensReadingEverything();
    }

    @Test
    void aTruncatedStateFile_isIgnored() throws IOException {
        byte[] b = Files.readAllBytes(LogState.file(base));
        Files.write(LogState.file(base), java.util.Arrays.copyOf(b, b.length / 2));
        assertOpensReadingEverything();
    }

    @Test
    void aStateFilePointingPastTheEndOfTheLog_isIgnored() throws IOException {
        Path last = lastSegment();
        try (RandomAccessFile f = new RandomAccessFile(last.toFile(), "rw")) {
            f.setLength(f.length() - 1); // the last record's newline gone: a torn tail, cut off on open
        }
        try (AuditLog log = AuditLog.open(config().build())) {
            assertThat(log.recovery().recordsRead()).isEqualTo(records());
            assertThat(log.recovery().tailCut()).isTrue();
        }
        assertThat(AuditFixtures.verify(base).intact()).isTrue();
    }

    @Test
    void aFullSegmentThatChangedSize_makesOpeningReadEverything_andRefuseTheDamage() throws IOException {
        Path seg = Segments.segment(base, 2);
        byte[] b = Files.readAllBytes(seg);
        byte[] longer = new byte[b.length + 1];
        int nl = indexOf(b, (byte) '\n');
        System.arraycopy(b, 0, longer, 0, nl);
        longer[nl] = ' ';
        System.arraycopy(b, nl, longer, nl + 1, b.length - nl);
        Files.write(seg, longer);
        assertThatThrownBy(() -> AuditLog.open(config().build())).isInstanceOf(AuditException.class)
                .hasMessageContaining("damaged").hasMessageContaining(seg + ":1:");
    }

    @Test
    void aTornTailAfterTheStatesPlace_isCutOff_asWithoutIt() throws IOException {
        Path last = lastSegment();
        Files.write(last, "{\"decision\":{\"decisionId\":\"d-41\"".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        try (AuditLog log = AuditLog.open(config().build())) {
            assertThat(log.recovery().tailCut()).isTrue();
            assertThat(log.recovery().recordsRead()).isZero();
            AuditFixtures.append(log, 41, 1);
        }
        assertThat(AuditFixtures.verify(base).intact()).isTrue();
    }

    @Test
    void damageBeforeTheStatesPlace_isNotReadOnOpen_butVerifyFindsIt() throws IOException {
        Path seg = Segments.segment(base, 2);
        try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
            f.seek(40);
            int b = f.read();
            f.seek(40);
            f.write(b ^ 0x04);
        }
        try (AuditLog log = AuditLog.open(config().build())) {
            assertThat(log.recovery().recordsRead()).isZero();
        }
        VerifyResult v = AuditFixtures.verify(base);
        assertThat(v.intact()).isFalse();
        assertThat(v.file()).isEqualTo(seg);
        assertThat(v.badLine()).isEqualTo(1);
    }

    @Test
    void aStateSection_isKeptAcrossOpens_onlyWhileTheFileMatchesTheLog() throws IOException {
        try (AuditLog log = AuditLog.open(config().build())) {
            log.keepStateSection("cases", () -> "{\"open\":[\"d-3\"]}");
            log.review("d-3", "rev-ana", Verdict.REJECT, "", Instant.parse("2026-11-02T10:00:00Z"));
        }
        try (AuditLog log = AuditLog.open(config().build())) {
            assertThat(log.stateSection("cases")).contains("{\"open\":[\"d-3\"]}");
            assertThat(log.stateSection("other")).isEmpty();
        }
        String state = Files.readString(LogState.file(base));
        Files.writeString(LogState.file(base), state.replaceFirst("\"seq\":(\\d+)", "\"seq\":3"));
        try (AuditLog log = AuditLog.open(config().build())) {
            assertThat(log.stateSection("cases")).as("a state file that does not match is not used at all").isEmpty();
        }
    }

    @Test
    void theCheckpointFile_isStillCheckedWhenOpeningFromTheState() throws IOException {
        try (AuditLog log = AuditLog.open(config().durability(Durability.SYNC).build())) {
            AuditFixtures.append(log, 41, 5);
        }
        Checkpoint cp = Checkpoint.read(Segments.checkpointFile(base));
        Checkpoint forged = new Checkpoint(cp.log(), cp.seq(), "0".repeat(64), cp.at(), null, null);
        Files.writeString(Segments.checkpointFile(base), forged.toLine() + "\n");
        assertThatThrownBy(() -> AuditLog.open(config().build())).isInstanceOf(AuditException.class)
                .hasMessageContaining("does not match its last checkpoint");
    }

    private void assertOpensReadingEverything() throws IOException {
        long all = records();
        try (AuditLog log = AuditLog.open(config().build())) {
            assertThat(log.recovery().recordsRead()).isEqualTo(all);
        }
        try (AuditLog log = AuditLog.open(config().build())) {
            assertThat(log.recovery().recordsRead()).as("the state file was written again").isZero();
        }
        assertThat(AuditFixtures.verify(base).intact()).isTrue();
    }

    private Path lastSegment() {
        Path last = base;
        for (int n = 2; Files.exists(Segments.segment(base, n)); n++) {
            last = Segments.segment(base, n);
        }
        return last;
    }

    private static int indexOf(byte[] b, byte x) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }
}
