package dev.greenlight.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greenlight.model.Verdict;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who writes and forces records: a lone caller in its own thread (no hand-off to the writer
 * thread), which must then survive its own interrupts; a batch stays together and in order while
 * others append; and a closed log refuses rather than leaves a caller waiting.
 */
class CommitPathTest {
    @TempDir
    Path dir;

    /** Records the threads that forced the log's files. */
    static final class ForcingThreads extends ForwardingFiles {
        final Set<String> threads = ConcurrentHashMap.newKeySet();

        @Override
        public LogFile open(Path file) throws IOException {
            return new ForwardingFile(super.open(file)) {
                @Override
                public void force() throws IOException {
                    threads.add(Thread.currentThread().getName());
                    super.force();
                }
            };
        }
    }

    @Test
    void aLoneCallerWritesAndForcesItsRecordsInItsOwnThread() throws IOException {
        ForcingThreads files = new ForcingThreads();
        Path base = dir.resolve("audit.jsonl");
        for (Durability mode : List.of(Durability.SYNC, Durability.GROUP)) {
            files.threads.clear();
            try (AuditLog log = AuditLog.open(AuditConfig.builder(base).durability(mode).files(files).build())) {
                AuditFixtures.append(log, 1, 20);
                assertThat(files.threads).as(mode.name()).containsExactly(Thread.currentThread().getName());
                assertThat(log.stats().syncs()).as(mode.name()).isEqualTo(20);
            }
        }
        assertThat(AuditVerifier.verify(base, VerifyOptions.DEFAULT).intact()).isTrue();
    }

    @Test
    void theWriterThreadSavesTheCheckpointFileOfRecordsACallerCommitted() throws Exception {
        Path base = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(AuditConfig.builder(base).checkpointEvery(5, Duration.ofHours(1)).build())) {
            AuditFixtures.append(log, 1, 5);
            AuditFixtures.awaitCheckpointFile(base);
            assertThat(Checkpoint.read(Segments.checkpointFile(base)).seq()).isEqualTo(5);
        }
    }

    @Test
    void anInterruptedCallerStillGetsItsRecordDurable_andTheLogGoesOn() throws IOException {
        Path base = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(AuditConfig.builder(base).durability(Durability.SYNC).build())) {
            for (int i = 1; i <= 5; i++) {
                Thread.currentThread().interrupt(); // a FileChannel would be closed by this, and the log stopped
                log.append(AuditFixtures.decision("d-" + i, "s-" + i, Verdict.APPROVE), AuditFixtures.submission("s-" + i));
                assertThat(Thread.interrupted()).as("the caller's interrupt is kept").isTrue();
            }
            AuditFixtures.append(log, 6, 5);
            assertThat(log.failure()).isEmpty();
        }
        assertThat(AuditFixtures.decisionIds(base)).hasSize(10);
        assertThat(AuditVerifier.verify(base, VerifyOptions.DEFAULT).intact()).isTrue();
    }

    @Test
    void aBatchIsWrittenTogetherAndInOrder_whileOthersAppend() throws Exception {
        Path base = dir.resolve("audit.jsonl");
        int threads = 8;
        int batches = 10;
        int size = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (AuditLog log = AuditLog.open(base)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<long[]>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    start.await();
                    List<long[]> seqs = new ArrayList<>();
                    for (int b = 0; b < batches; b++) {
                        if (thread % 2 == 0) { // half the callers append one at a time meanwhile
                            AuditFixtures.append(log, (thread * batches + b) * size, size);
                            continue;
                        }
                        AuditBatch batch = log.batch();
                        for (int i = 0; i < size; i++) {
                            String n = thread + "-" + b + "-" + i;
                            batch.add(AuditFixtures.decision("batch-" + n, "s-" + n, Verdict.APPROVE), AuditFixtures.submission("s-" + n), null);
                        }
                        seqs.add(batch.commit());
                    }
                    return seqs;
                }));
            }
            start.countDown();
            List<String> ids = null;
            List<long[]> all = new ArrayList<>();
            for (Future<List<long[]>> f : results) {
                all.addAll(f.get());
            }
            log.close();
            ids = AuditFixtures.decisionIds(base);
            for (long[] seqs : all) {
                for (int i = 1; i < seqs.length; i++) {
                    assertThat(seqs[i]).as("a batch's records are in its order").isGreaterThan(seqs[i - 1]);
                }
            }
            // no other decision comes between a batch's records (a checkpoint record may)
            for (int k = 0; k < ids.size(); k++) {
                if (ids.get(k).startsWith("batch-")) {
                    String prefix = ids.get(k).substring(0, ids.get(k).lastIndexOf('-') + 1);
                    for (int i = 0; i < size; i++) {
                        assertThat(ids.get(k + i)).isEqualTo(prefix + i);
                    }
                    k += size - 1;
                }
            }
            assertThat(ids).hasSize(threads * batches * size).doesNotHaveDuplicates();
        } finally {
            pool.shutdownNow();
        }
        assertThat(AuditVerifier.verify(base, VerifyOptions.DEFAULT).intact()).isTrue();
    }

    @Test
    void aClosedLogRefusesAppends() {
        AuditLog log = AuditLog.open(dir.resolve("audit.jsonl"));
        AuditFixtures.append(log, 1, 2);
        log.close();
        assertThatThrownBy(() -> AuditFixtures.append(log, 3, 1)).isInstanceOf(AuditException.class).hasMessageContaining("closed");
        assertThatThrownBy(log::batch).isInstanceOf(AuditException.class);
    }
}
