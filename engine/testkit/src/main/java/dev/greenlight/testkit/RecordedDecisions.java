package dev.greenlight.testkit;

import dev.greenlight.model.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link RecordingSink} recorded: one entry per decision, in the order the sink was given
 * them. Stateless and thread-safe; no argument may be null.
 */
public final class RecordedDecisions {
    /** One recorded decision. */
    public record Entry(String decisionId, String submissionId, Verdict verdict) {
    }

    private RecordedDecisions() {
    }

    /**
     * Every decision recorded in {@code file} so far; empty when the file does not exist yet.
     *
     * @throws UncheckedIOException when the file cannot be read
     * @throws IllegalArgumentException when a line is not one a {@link RecordingSink} writes
     */
    public static List<Entry> read(Path file) {
        Objects.requireNonNull(file, "file");
        if (!Files.exists(file)) {
            return List.of();
        }
        List<Entry> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] f = line.split("\t", -1);
                if (f.length != 3) {
                    throw new IllegalArgumentException("not a recorded decision: " + line);
                }
                out.add(new Entry(f[0], f[1], Verdict.valueOf(f[2])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return out;
    }

    /**
     * Waits until {@code file} holds at least {@code count} decisions (a sink runs on a thread of its
     * own, after the decision is returned) and returns them all.
     *
     * @throws IllegalStateException when fewer have arrived after {@code timeout}, naming how many did
     */
    public static List<Entry> await(Path file, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Entry> now = read(file);
            if (now.size() >= count) {
                return now;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(now.size() + " decision(s) recorded in " + file + " after " + timeout
                        + "; expected " + count);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for recorded decisions", e);
            }
        }
    }
}
