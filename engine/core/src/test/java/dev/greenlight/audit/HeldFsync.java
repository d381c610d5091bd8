package dev.greenlight.audit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A disk whose fsync can be held: between {@link #hold} and {@link #release} every force waits, so
 * the committer stays inside its commit and the records that arrive meanwhile really wait in the
 * log's queue (as they do behind a slow disk). Public for tests outside this package (the engine's
 * queue-depth gauge). Thread-safe.
 */
public final class HeldFsync extends ForwardingFiles {
    private volatile CountDownLatch gate;
    private final Semaphore entered = new Semaphore(0);

    /** A configuration for a log at {@code base} on this disk. */
    public AuditConfig config(Path base) {
        return AuditConfig.builder(base).files(this).build();
    }

    /** From now on every fsync waits for {@link #release}. */
    public void hold() {
        gate = new CountDownLatch(1);
    }

    /** Lets the held fsyncs, and every later one, go on. */
    public void release() {
        CountDownLatch g = gate;
        gate = null;
        if (g != null) {
            g.countDown();
        }
    }

    /**
     * Waits until some fsync is held (the log is committing and cannot take more).
     *
     * @return false when none was held within the time
     */
    public boolean awaitHeld(long millis) throws InterruptedException {
        return entered.tryAcquire(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public LogFile open(Path file) throws IOException {
        return new ForwardingFile(DEFAULT.open(file)) {
            @Override
            public void force() throws IOException {
                CountDownLatch g = gate;
                if (g != null) {
                    entered.release();
                    awaitUninterruptibly(g);
                }
                real.force();
            }
        };
    }

    private static void awaitUninterruptibly(CountDownLatch g) {
        boolean interrupted = false;
        while (true) {
            try {
                g.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
