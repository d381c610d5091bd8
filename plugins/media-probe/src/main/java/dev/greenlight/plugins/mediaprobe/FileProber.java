package dev.greenlight.plugins.mediaprobe;

import dev.greenlight.media.worker.WorkerFailure;
import dev.greenlight.media.worker.WorkerPool;
import dev.greenlight.model.Media;
import dev.greenlight.model.Signal;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Probes the media items of one analysis call: resolves each path safely, finds the file's format
 * from its magic bytes, has a {@link WorkerPool} worker read it with FFmpeg, hashes it, and turns
 * the outcome into signals. One instance per call; confined to
 * the calling thread.
 *
 * <p>A bad file never stops the call: every problem becomes a {@code media.unreadable} signal,
 * alongside a {@code media.info} with whatever was learned before it (size, hash, format).
 */
final class FileProber {
    /** Kept back from the call's deadline for hashing and returning the signals. */
    private static final long REPLY_MARGIN_NANOS = 150_000_000L;
    /** How much earlier than the plugin the worker stops, so that it answers before being killed. */
    private static final long WORKER_MARGIN_NANOS = 150_000_000L;

    private final ProbeSettings settings;
    /** {@code null} when the call has no media root. */
    private final SafePaths paths;
    private final Deadline deadline;
    private final Comparison comparison;
    private final WorkerPool pool;

    FileProber(ProbeSettings settings, SafePaths paths, Deadline deadline, WorkerPool pool) {
        this.settings = settings;
        this.pool = pool;
        this.paths = paths;
        this.deadline = deadline;
        this.comparison = new Comparison(settings);
    }

    /** The signals about one item; none when it names no file. */
    List<Signal> signalsFor(Media media) {
        if (media.getPath().isEmpty()) {
            return List.of();
        }
        ProbeResult.Builder result = new ProbeResult.Builder();
        UnreadableException problem = probe(media.getPath(), result);
        ProbeResult actual = result.build();
        List<Signal> signals = new ArrayList<>();
        if (!actual.isEmpty()) {
            signals.add(ProbeSignals.info(media.getIndex(), actual));
        }
        signals.addAll(comparison.mismatches(media, actual));
        if (problem != null) {
            signals.add(ProbeSignals.unreadable(media.getIndex(), problem.problem(), problem.reason()));
        }
        return signals;
    }

    /** Fills {@code out}; returns the problem that stopped or spoiled the probe, or {@code null}. */
    private UnreadableException probe(String path, ProbeResult.Builder out) {
        if (paths == null) {
            return new UnreadableException(Problem.NOT_FOUND,
                    "no media root: the submission came without a directory to find '" + path + "' in");
        }
        try {
            deadline.check();
            SafePaths.Resolved file = paths.resolve(path);
            out.bytes(file.size());
            if (file.size() > settings.maxBytes()) {
                return new UnreadableException(Problem.TOO_LARGE, "the file has " + file.size()
                        + " bytes, more than the " + settings.maxBytes() + " this service reads");
            }
            if (file.size() == 0) {
                out.sha256(Hasher.EMPTY_SHA256);
                return new UnreadableException(Problem.EMPTY, "the file is empty (0 bytes)");
            }
            try (MediaSource source = MediaSource.open(file.file(), file.size(), deadline)) {
                UnreadableException formatProblem = readFormat(file, source, out);
                if (settings.hash()) {
                    out.sha256(Hasher.sha256(source));
                }
                return formatProblem;
            }
        } catch (UnreadableException e) {
            return e;
        } catch (IOException e) {
            return new UnreadableException(Problem.IO_ERROR, "the file could not be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * Finds the format from the magic bytes, then has a worker probe the file with FFmpeg. Problems
     * in the file's content are returned so that the hash is still computed; timeouts and I/O
     * failures are thrown, since reading on is pointless.
     */
    private UnreadableException readFormat(SafePaths.Resolved file, MediaSource source, ProbeResult.Builder out) throws IOException {
        MagicSniffer.Sniffed sniffed = MagicSniffer.sniff(source);
        Format format = sniffed.format();
        if (format == null) {
            // Bytes that are no known media never reach FFmpeg: less native parsing of hostile input.
            byte[] head = source.readUpTo(0, MagicSniffer.HEAD_LENGTH);
            return new UnreadableException(Problem.NOT_MEDIA, "the file holds " + MagicSniffer.describeUnknown(head, head.length));
        }
        out.format(format).type(format.isContainer() ? null : format.defaultType());
        long left = deadline.remaining().toNanos() - REPLY_MARGIN_NANOS;
        if (left <= 0) {
            throw new UnreadableException(Problem.TIMEOUT, "gave up reading the file at the analysis deadline");
        }
        Map<String, String> request = new LinkedHashMap<>();
        request.put("task", FfmpegProbe.NAME);
        request.put("path", file.file().toString());
        request.put("demuxer", format.demuxer());
        request.put("picture", Boolean.toString(format.isStill()));
        // The worker stops decoding a little before the plugin stops waiting, so it can still say
        // what it learned; the plugin's wait ends before the engine's, so the signals are used.
        request.put("budgetMillis", Long.toString(Math.max(1, (left - WORKER_MARGIN_NANOS) / 1_000_000)));
        try {
            Map<String, String> answer = pool.call(request, System.nanoTime() + left);
            return ProbeReply.apply(answer, format, out);
        } catch (WorkerFailure e) {
            return new UnreadableException(problemOf(e.kind()), e.getMessage());
        }
    }

    private static Problem problemOf(WorkerFailure.Kind kind) {
        return switch (kind) {
            case CRASHED -> Problem.CRASHED;
            case TIMEOUT -> Problem.TIMEOUT;
            case OUT_OF_MEMORY -> Problem.OUT_OF_MEMORY;
            case UNAVAILABLE -> Problem.UNAVAILABLE;
        };
    }
}
