package dev.greenlight.bench.control;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The control for a group-commit figure: what waiting alone costs many callers on this machine,
 * with no log code at all. {@code threads} callers each do {@code workMicros} of arithmetic (the
 * decision), then hand one request to a writer thread and wait for it (the record); the writer
 * takes every request waiting, makes one real durable write for all ({@code O_DSYNC}, as the log
 * does) and completes them. Compared with the same callers doing the same arithmetic without
 * waiting. The log's own work (records, hashes) only adds to the cost this measures, so no
 * blocking log can reach a higher ratio here.
 *
 * <pre>
 * java -cp 'engine/bench/target/greenlight-bench.jar:engine/bench/target/lib/*' \
 *     dev.greenlight.bench.control.HandOffControl --threads 64 --work-micros 10.6 --record-bytes 2838 [--dir DIR] [--seconds 4]
 * </pre>
 * {@code --work-micros} is the CPU time of one decision ({@code greenlight bench} prints it as
 * "cpu … us/decision"); compare the ratio with {@code greenlight bench --audit GROUP -t 64}'s
 * "with log / engine". Stateless; each call starts threads of its own and a temporary file it deletes.
 */
public final class HandOffControl {
    private static volatile long sink;

    private HandOffControl() {
    }

    /** Prints the ratio for {@code --threads} callers (64) of {@code --work-micros} (10) each, on the disk of {@code --dir}. */
    public static void main(String[] args) {
        Args a = new Args(args);
        int threads = a.integer("threads", 64);
        double ratio = ratio(Path.of(a.text("dir", ".")), threads, a.decimal("work-micros", 10), a.integer("record-bytes", 2_838),
                a.decimal("seconds", 4));
        System.out.printf(Locale.ROOT, "control: %d callers that only wait for a group-committing writer (no log code)"
                + " run %.2f of not waiting, here now%n", threads, ratio);
    }

    /**
     * Throughput of callers that wait for a group-committing writer over that of callers that do not;
     * about {@code seconds} in all.
     *
     * @throws UncheckedIOException when the temporary file in {@code dir} cannot be written
     */
    public static double ratio(Path dir, int threads, double workMicros, int recordBytes, double seconds) {
        long workNanos = Math.max(1, (long) (workMicros * 1e3));
        int perThread = (int) Math.max(50, seconds / 2 * 1e9 / workNanos / Math.max(1, threads) * Math.min(2, threads));
        double free = run(threads, perThread, workNanos, null);
        Path file = null;
        try {
            file = Files.createTempFile(dir, "greenlight-handoff-control", ".tmp");
            try (Writer writer = new Writer(file, recordBytes)) {
                return run(threads, perThread, workNanos, writer) / free;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the hand-off control in " + dir + ": " + e.getMessage(), e);
        } finally {
            FsyncProbe.deleteQuietly(file);
        }
    }

    private static double run(int threads, int perThread, long workNanos, Writer writer) {
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>(threads);
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    work(workNanos);
                    if (writer != null) {
                        writer.commit();
                    }
                }
            }, "greenlight-bench-handoff-" + t);
            workers.add(w);
            w.start();
        }
        long t0 = System.nanoTime();
        go.countDown();
        CpuControl.joinAll(workers);
        return (double) threads * perThread / ((System.nanoTime() - t0) / 1e9);
    }

    private static void work(long nanos) {
        long until = System.nanoTime() + nanos;
        long x = 0;
        while (System.nanoTime() < until) {
            for (int i = 0; i < 64; i++) {
                x += (i * 2654435761L) ^ (x >>> 7);
            }
        }
        sink += x;
    }

    /** One thread making every waiting request durable with one write. */
    private static final class Writer implements AutoCloseable {
        private final LinkedBlockingQueue<CompletableFuture<Void>> queue = new LinkedBlockingQueue<>();
        private final RandomAccessFile file;
        private final byte[] line;
        private final Thread thread;
        private volatile boolean closed;

        Writer(Path path, int recordBytes) throws IOException {
            this.file = new RandomAccessFile(path.toFile(), "rwd");
            this.line = new byte[Math.max(1, recordBytes)];
            this.thread = new Thread(this::loop, "greenlight-bench-handoff-writer");
            thread.setDaemon(true);
            thread.start();
        }

        void commit() {
            CompletableFuture<Void> done = new CompletableFuture<>();
            queue.add(done);
            done.join();
        }

        private void loop() {
            List<CompletableFuture<Void>> batch = new ArrayList<>();
            byte[] buf = new byte[0];
            long length = 0;
            try {
                while (!closed) {
                    batch.clear();
                    batch.add(queue.take());
                    queue.drainTo(batch);
                    if (buf.length < line.length * batch.size()) {
                        buf = new byte[line.length * batch.size()];
                    }
                    file.seek(length);
                    file.write(buf, 0, line.length * batch.size());
                    length += (long) line.length * batch.size();
                    batch.forEach(f -> f.complete(null));
                }
            } catch (InterruptedException e) {
                batch.forEach(f -> f.complete(null));
            } catch (IOException e) {
                batch.forEach(f -> f.completeExceptionally(e));
                queue.forEach(f -> f.completeExceptionally(e));
            }
        }

        @Override
        public void close() throws IOException {
            closed = true;
            thread.interrupt();
            file.close();
        }
    }
}
