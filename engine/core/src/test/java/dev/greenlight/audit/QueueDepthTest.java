package dev.greenlight.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link AuditLog#queueDepth()} counts the requests really waiting for the writer, and none once they are durable. */
class QueueDepthTest {
    private static final long WAIT_MS = 10_000;

    @TempDir
    Path dir;

    @Test
    void queueDepth_countsTheAppendsWaitingBehindAHeldFsync_andIsZeroOnceTheyAreDurable() throws Exception {
        HeldFsync disk = new HeldFsync();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (AuditLog log = AuditLog.open(disk.config(dir.resolve("audit.jsonl")))) {
            assertThat(log.queueDepth()).isZero();
            disk.hold();
            List<Future<?>> appends = new ArrayList<>();
            // the first caller finds the log idle and commits in its own thread, where its fsync is held
            appends.add(pool.submit(() -> AuditFixtures.append(log, 0, 1)));
            assertThat(disk.awaitHeld(WAIT_MS)).as("the first append's fsync is held").isTrue();
            // the next three find it busy and queue; the writer thread takes at most one and waits for the lock
            for (int i = 1; i <= 3; i++) {
                int from = i;
                appends.add(pool.submit(() -> AuditFixtures.append(log, from, 1)));
            }
            long deadline = System.nanoTime() + WAIT_MS * 1_000_000;
            while (log.queueDepth() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(log.queueDepth()).as("appends waiting while the fsync is held").isBetween(2, 3);
            assertThat(appends).noneMatch(Future::isDone);

            disk.release();
            for (Future<?> f : appends) {
                f.get();
            }
            assertThat(log.queueDepth()).as("nothing waits once every append returned").isZero();
            assertThat(AuditFixtures.decisionIds(log.file())).hasSize(4);
        } finally {
            disk.release();
            pool.shutdownNow();
        }
        assertThat(AuditVerifier.verify(dir.resolve("audit.jsonl"), VerifyOptions.DEFAULT).intact()).isTrue();
    }
}
