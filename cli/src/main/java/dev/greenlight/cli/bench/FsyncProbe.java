package dev.greenlight.cli.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * How many appends a second a disk can make durable one at a time: append a 512-byte line and
 * {@code force} it, again and again, in a temporary file in the directory given. The ceiling for
 * a log that forces each record on its own before answering (SYNC), on one thread.
 */
public final class FsyncProbe {
    private FsyncProbe() {
    }

    /** Appends and forces for about {@code seconds}; returns forced appends per second. */
    public static double measure(Path dir, double seconds) {
        Path file = null;
        try {
            file = Files.createTempFile(dir, "greenlight-fsync-probe", ".tmp");
            byte[] line = new byte[512];
            Arrays.fill(line, (byte) 'x');
            line[line.length - 1] = '\n';
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                long start = System.nanoTime();
                long until = start + (long) (seconds * 1e9);
                long n = 0;
                while (System.nanoTime() < until) {
                    ch.write(ByteBuffer.wrap(line));
                    ch.force(false);
                    n++;
                }
                return n * 1e9 / (System.nanoTime() - start);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure the disk's fsync rate in " + dir + ": " + e.getMessage(), e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temporary file left behind is harmless
                }
            }
        }
    }
}
