package dev.greenlight.bench.control;

import dev.greenlight.testkit.LogFiles;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * How many appends a second a disk can make durable one at a time: append a line and make it
 * durable, again and again, in a temporary file in the directory given. The ceiling for a log that
 * forces each record on its own before answering (SYNC), on one thread. Two ways are measured:
 * the classic figure (512-byte lines, {@code write} then {@code fdatasync}), and the log's own
 * operation (lines of its records' size, written to a file opened with {@code O_DSYNC}, as the audit
 * log writes them), which is the true ceiling for its records.
 *
 * <pre>
 * java -cp 'engine/bench/target/greenlight-bench.jar:engine/bench/target/lib/*' \
 *     dev.greenlight.bench.control.FsyncProbe --dir /var/lib/greenlight [--log audit.jsonl | --record-bytes 2838] [--seconds 1.5]
 * </pre>
 * Stateless; each call uses a temporary file of its own and deletes it.
 */
public final class FsyncProbe {
    /** The classic probe's line. */
    public static final int CLASSIC_BYTES = 512;

    private FsyncProbe() {
    }

    /**
     * Prints both rates for the disk of {@code --dir} (the working directory): the classic one, and
     * durable appends of lines as long as the records of the audit log {@code --log} (mean of its
     * first 1,000 lines), or {@code --record-bytes} (2,838: a decision with five signals), each over
     * {@code --seconds} (1.5). Compare a {@code greenlight bench --audit SYNC} figure with the second.
     */
    public static void main(String[] args) {
        Args a = new Args(args);
        Path dir = Path.of(a.text("dir", "."));
        double seconds = a.decimal("seconds", 1.5);
        String log = a.text("log", null);
        int recordBytes = log != null ? LogFiles.meanLineBytes(Path.of(log), 1_000) : a.integer("record-bytes", 2_838);
        System.out.printf(Locale.ROOT, "disk       %,.0f fsyncs/s of %d-byte lines (write, fdatasync); %,.0f durable appends/s"
                + " of %,d-byte lines as the audit log writes them (O_DSYNC), in %s%n", measure(dir, seconds), CLASSIC_BYTES,
                measure(dir, seconds, recordBytes, true), recordBytes, dir.toAbsolutePath());
    }

    /** Appends and forces 512-byte lines ({@code write}, {@code fdatasync}) for about {@code seconds}; returns appends per second. */
    public static double measure(Path dir, double seconds) {
        return measure(dir, seconds, CLASSIC_BYTES, false);
    }

    /**
     * Appends {@code lineBytes}-byte lines for about {@code seconds}, each made durable before the
     * next: by {@code write} and {@code fdatasync}, or with {@code synchronousWrites} by a write to a
     * file opened with {@code O_DSYNC}. Returns durable appends per second.
     */
    public static double measure(Path dir, double seconds, int lineBytes, boolean synchronousWrites) {
        Path file = null;
        try {
            file = Files.createTempFile(dir, "greenlight-fsync-probe", ".tmp");
            byte[] line = new byte[Math.max(1, lineBytes)];
            Arrays.fill(line, (byte) 'x');
            line[line.length - 1] = '\n';
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), synchronousWrites ? "rwd" : "rw")) {
                long start = System.nanoTime();
                long until = start + (long) (seconds * 1e9);
                long n = 0;
                long length = 0;
                while (System.nanoTime() < until) {
                    f.seek(length);
                    f.write(line);
                    length += line.length;
                    if (!synchronousWrites) {
                        f.getChannel().force(false);
                    }
                    n++;
                }
                return n * 1e9 / (System.nanoTime() - start);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure the disk's fsync rate in " + dir + ": " + e.getMessage(), e);
        } finally {
            FsyncProbe.deleteQuietly(file);
        }
    }

    /** Deletes a measuring run's temporary file, if any: one left behind is harmless. */
    static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file left behind is harmless
            }
        }
    }

}
