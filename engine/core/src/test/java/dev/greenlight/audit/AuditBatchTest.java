package dev.greenlight.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greenlight.model.Verdict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A batch's records are serialised by whichever thread gets to them first, and committed in order. */
class AuditBatchTest {
    @TempDir
    Path dir;

    @Test
    void recordsAreCommittedInTheOrderAdded_acrossManyChunks() throws Exception {
        Path base = dir.resolve("audit.jsonl");
        int n = AuditBatch.CHUNK * 7 + 5;
        long[] seqs;
        try (AuditLog log = AuditLog.open(base)) {
            AuditBatch batch = log.batch();
            List<String> ids = add(batch, n);
            assertThat(batch.size()).isEqualTo(n);
            seqs = batch.commit();
            assertThat(AuditFixtures.decisionIds(base)).containsExactlyElementsOf(ids);
            assertThat(log.stats().syncs()).isEqualTo(1);
        }
        assertThat(seqs).containsExactly(LongStream.rangeClosed(1, n).toArray());
        assertThat(AuditVerifier.verify(base, VerifyOptions.DEFAULT).intact()).isTrue();
    }

    @Test
    void aPoolThatNeverRunsTheTasksOnlyMeansTheCallerSerialisesThem() throws Exception {
        Path base = dir.resolve("audit.jsonl");
        List<Runnable> dropped = new ArrayList<>();
        Executor never = dropped::add;
        try (AuditLog log = AuditLog.open(base)) {
            AuditBatch batch = new AuditBatch(log, never);
            List<String> ids = add(batch, AuditBatch.CHUNK * 3);
            assertThat(dropped).hasSize(3);
            batch.commit();
            dropped.forEach(Runnable::run); // a late pool thread finds its work done and does nothing
            assertThat(AuditFixtures.decisionIds(base)).containsExactlyElementsOf(ids);
        }
        assertThat(AuditVerifier.verify(base, VerifyOptions.DEFAULT).intact()).isTrue();
    }

    @Test
    void aBatchIsCommittedOnce_andAnEmptyOneWritesNothing() {
        Path base = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(base)) {
            AuditBatch empty = log.batch();
            assertThat(empty.commit()).isEmpty();
            assertThat(log.stats().records()).isZero();
            AuditBatch batch = log.batch();
            add(batch, 2);
            batch.commit();
            assertThatThrownBy(batch::commit).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> add(batch, 1)).isInstanceOf(IllegalStateException.class);
        }
    }

    private static List<String> add(AuditBatch batch, int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = "d-" + i;
            batch.add(AuditFixtures.decision(id, "s-" + i, Verdict.values()[i % 3]), AuditFixtures.submission("s-" + i), null);
            ids.add(id);
        }
        return ids;
    }
}
