package dev.greenlight.plugins.hashmatch;

import dev.greenlight.media.worker.WorkerFailure;
import dev.greenlight.media.worker.WorkerPool;
import dev.greenlight.model.Signal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * Hashes a submitted video's frames in a worker process ({@link VideoPdqTask}: FFmpeg parses the
 * untrusted file there, never in the engine) and matches them against the video banks. Immutable
 * and thread-safe (the pool is).
 *
 * <p>Like the rest of the plugin it never lets an incomplete look read as "no match": when the
 * deadline cut the hashing short and nothing matched so far, or the worker crashed or blew its
 * memory limit, it throws, and the engine escalates the decision ({@code plugin.error}). A file
 * FFmpeg cannot read at all gives no signal: media-probe reports it.
 */
final class VideoHashing {
    static final int WORKER_HEAP_MEGABYTES = 256;
    /** Kept back from the deadline to match and return. */
    private static final long MARGIN_NANOS = 200_000_000L;
    /** How much earlier the worker stops than the plugin waits, so it answers with what it has. */
    private static final long WORKER_MARGIN_NANOS = 150_000_000L;

    private final HashMatchSettings settings;
    private final WorkerPool pool;
    private final VideoMatcher matcher;

    VideoHashing(HashMatchSettings settings, WorkerPool pool) {
        this.settings = settings;
        this.pool = pool;
        HashMatchSettings.Video v = settings.video();
        this.matcher = new VideoMatcher(settings.pdqThreshold(), settings.pdqMinQuality(), v.submissionShare(), v.bankShare());
    }

    /**
     * The video bank matches of the video at {@code file}.
     *
     * @throws CancellationException when the deadline passes before enough of the video was hashed
     * @throws IllegalStateException when the worker crashed or ran out of memory on the file
     */
    List<Signal> signals(int index, Path file, VideoBank bank, Deadline deadline) {
        long left = deadline.remaining().toNanos() - MARGIN_NANOS;
        if (left <= 0) {
            throw new CancellationException("hash-match: deadline passed before hashing video " + index);
        }
        Map<String, String> request = new LinkedHashMap<>();
        request.put("task", VideoPdqTask.NAME);
        request.put("path", file.toString());
        request.put("intervalSeconds", Double.toString(settings.video().intervalSeconds()));
        request.put("maxFrames", Integer.toString(settings.video().maxFrames()));
        request.put("budgetMillis", Long.toString(Math.max(1, (left - WORKER_MARGIN_NANOS) / 1_000_000)));
        Map<String, String> answer;
        try {
            answer = pool.call(request, System.nanoTime() + left);
        } catch (WorkerFailure e) {
            if (e.kind() == WorkerFailure.Kind.TIMEOUT) {
                throw new CancellationException("hash-match: video " + index + " was not hashed in time (" + e.getMessage() + ")");
            }
            throw new IllegalStateException("hash-match: video " + index + " could not be hashed: " + e.getMessage());
        }
        List<FrameHash> frames = FrameHash.decode(answer.get("frames"));
        double duration = Double.parseDouble(answer.getOrDefault("durationSeconds", "0"));
        List<Signal> signals = new ArrayList<>();
        for (VideoMatcher.Match m : matcher.match(frames, bank, settings.video().intervalSeconds(), duration)) {
            signals.add(MatchSignals.video(index, m));
        }
        boolean complete = Boolean.parseBoolean(answer.get("complete"));
        if (signals.isEmpty() && !complete && !answer.containsKey("error")) {
            throw new CancellationException("hash-match: video " + index + " was only partly hashed by the deadline ("
                    + frames.size() + " frames) and matched nothing so far");
        }
        return signals;
    }
}
