package dev.greenlight.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.json.BoundedLineReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/reliability.md L2: a power cut at every write, fsync, create and rename the log makes, with the
 * unsynced bytes dropped, torn, zero-filled or garbled. Recovery must succeed, keep every
 * acknowledged record, and cut nothing but a torn tail.
 */
class PowerLossTest {
    private static final int RECORDS = 12;
    private static final KeyPair KEY = AuditKeys.generate();
    private static final boolean EXHAUSTIVE = Boolean.getBoolean("greenlight.audit.exhaustive");

    @TempDir
    Path dir;

    private AuditConfig config(Path base, FileLayer files, Durability durability) {
        return AuditConfig.builder(base).durability(durability).segmentBytes(4096)
                .checkpointEvery(5, Duration.ofHours(1)).signingKey(KEY)
                .redact(Redaction.aside("/submission/prompt")).files(files).build();
    }

    @Test
    void L2_powerLoss_atEveryWriteForceCreateRename_recoversEveryAcknowledgedRecord() throws IOException {
        for (Durability durability : new Durability[] {Durability.GROUP, Durability.SYNC}) {
            int total = countOps(durability);
            assertThat(total).as("operations in a full run").isGreaterThan(RECORDS * 2);
            for (int crashAt = 1; crashAt <= total; crashAt++) {
                FaultyFiles.Loss[] losses = FaultyFiles.Loss.values();
                if (EXHAUSTIVE) {
                    for (FaultyFiles.Loss loss : losses) {
                        crashAndRecover(durability, crashAt, loss);
                    }
                } else { // every point, and every kind of loss in turn (all pairs: -Dgreenlight.audit.exhaustive=true)
                    crashAndRecover(durability, crashAt, losses[(crashAt + durability.ordinal()) % losses.length]);
                }
            }
        }
    }

    /** How many file operations a run without a crash makes (open, appends, close). */
    private int countOps(Durability durability) throws IOException {
        Path base = dir.resolve("count-" + durability + "/audit.jsonl");
        FaultyFiles files = new FaultyFiles();
        try (AuditLog log = AuditLog.open(config(base, files, durability))) {
            AuditFixtures.append(log, 1, RECORDS);
        }
        return files.ops;
    }

    private void crashAndRecover(Durability durability, int crashAt, FaultyFiles.Loss loss) throws IOException {
        String label = durability + " crash at op " + crashAt + ", " + loss;
        Path base = dir.resolve(durability + "-" + crashAt + "-" + loss + "/audit.jsonl");
        FaultyFiles files = new FaultyFiles();
        files.crashAt = crashAt;
        List<String> acknowledged = new ArrayList<>();
        try (AuditLog log = AuditLog.open(config(base, files, durability))) {
            for (int i = 1; i <= RECORDS; i++) {
                acknowledged.addAll(AuditFixtures.append(log, i, 1));
            }
        } catch (AuditException expected) {
            // the power cut: whatever append (or open, or close) met it was not acknowledged
        }
        files.powerLoss(loss, new Random(crashAt * 31L + loss.ordinal()));

        RecoveryReport report;
        try (AuditLog log = AuditLog.open(AuditConfig.builder(base).signingKey(KEY).build())) {
            report = log.recovery();
        }
        VerifyResult v = AuditVerifier.verify(base, VerifyOptions.DEFAULT.withKey(KEY.getPublic()));
        assertThat(v.intact()).as(label + ": " + v.describe(base.toString())).isTrue();
        List<String> logged = AuditFixtures.decisionIds(base);
        assertThat(logged.size()).as(label).isGreaterThanOrEqualTo(acknowledged.size());
        assertThat(logged.subList(0, acknowledged.size())).as(label).isEqualTo(acknowledged);
        if (loss == FaultyFiles.Loss.DROPPED) {
            assertThat(report.tailCut()).as(label + ": nothing torn, nothing cut").isFalse();
        }
        if (report.tailCut()) {
            assertThat(noSoundRecordIn(report.keptAt())).as(label + ": only a torn tail is cut").isTrue();
        }
    }

    private static boolean noSoundRecordIn(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            BoundedLineReader lines = new BoundedLineReader(in, LogScan.MAX_RECORD_BYTES);
            byte[] line;
            while ((line = lines.next()) != null) {
                if (lines.terminated() && !lines.overlong() && RecordCheck.selfConsistent(line)) {
                    return false;
                }
            }
        }
        return true;
    }
}
