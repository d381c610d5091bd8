package dev.greenlight.cli.bench;

import dev.greenlight.json.BatchItem;
import dev.greenlight.json.SubmissionReader;
import dev.greenlight.model.Signal;
import dev.greenlight.model.Submission;
import dev.greenlight.testkit.CorpusGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code greenlight bench} decides: submissions, and their signals when generated
 * ({@code null}: the plugins give them), where their media resolve, and a description for the
 * report. Immutable once made.
 */
public record Workload(List<Submission> submissions, List<List<Signal>> signals, Path mediaRoot, String description) {
    /**
     * The valid submissions of a file (JSON Lines or an array); each invalid one's problems are
     * printed on {@code err}. Media resolve against the file's directory.
     *
     * @throws UncheckedIOException when the file cannot be read
     */
    public static Workload read(Path input, PrintWriter err) {
        List<Submission> subs = new ArrayList<>();
        try (InputStream in = Files.newInputStream(input)) {
            new SubmissionReader().readBatch(in, input.toString(), item -> {
                if (item instanceof BatchItem.Valid v) {
                    subs.add(v.submission());
                } else if (item instanceof BatchItem.Invalid inv) {
                    inv.problems().forEach(err::println);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + input + ": " + e.getMessage(), e);
        }
        return new Workload(subs, null, input.toAbsolutePath().getParent(), subs.size() + " submissions from " + input);
    }

    /** {@code count} generated submissions ({@link CorpusGenerator}), no media files. */
    public static Workload generated(int count, long seed) {
        return new Workload(CorpusGenerator.submissions(count, seed), null, null, count + " generated submissions");
    }

    /** The same submissions, each with {@code count} generated signals instead of the plugins' evidence. */
    public Workload withSignals(int count, long seed) {
        List<List<Signal>> sigs = new ArrayList<>(submissions.size());
        for (Submission s : submissions) {
            sigs.add(CorpusGenerator.signals(s, count, seed));
        }
        return new Workload(submissions, sigs, mediaRoot, description + ", " + count + " generated signals each");
    }

    /** Submission {@code i}, counting round and round. */
    public Submission submission(int i) {
        return submissions.get(i % submissions.size());
    }
}
