package dev.greenlight.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Measurements of log files that benchmarks report beside their figures. Stateless; thread-safe. */
public final class LogFiles {
    private LogFiles() {
    }

    /**
     * The mean length, newline included, of the first {@code lines} lines of {@code file} (0 when empty):
     * the record size an audit log's throughput is read against.
     *
     * @throws UncheckedIOException when the file cannot be read
     */
    public static int meanLineBytes(Path file, int lines) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            long bytes = 0;
            int n = 0;
            for (String l; n < lines && (l = in.readLine()) != null; n++) {
                bytes += l.getBytes(StandardCharsets.UTF_8).length + 1;
            }
            return n == 0 ? 0 : (int) (bytes / n);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
