package dev.greenlight.plugins.hashmatch;

import dev.greenlight.media.worker.WorkerTask;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The worker task {@value #NAME}: PDQ hashes of a video's frames, one per interval. Request fields:
 * {@code path}, {@code intervalSeconds}, {@code maxFrames}. Answer fields: {@code frames}
 * ({@link FrameHash#encode}), {@code durationSeconds}, {@code complete} ({@code true} when the
 * whole video was read), and {@code error} when FFmpeg could not read it. Public only so that the
 * worker's {@link java.util.ServiceLoader} can make it; not thread-safe (one file at a time per
 * worker, as {@link VideoFrameSampler} requires).
 */
public final class VideoPdqTask implements WorkerTask {
    /** The task's name in requests. */
    public static final String NAME = "video-pdq";

    private final PdqHasher hasher = new PdqHasher();

    /** Made by the worker's service loader. */
    public VideoPdqTask() {
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Hashes {@code request.path}; see the class comment for the fields. */
    @Override
    public Map<String, String> run(Map<String, String> request, long deadlineNanos) {
        double interval = Double.parseDouble(request.getOrDefault("intervalSeconds", "1"));
        int maxFrames = Integer.parseInt(request.getOrDefault("maxFrames", "3600"));
        List<FrameHash> frames = new ArrayList<>();
        VideoFrameSampler.Result result = hash(request.get("path"), interval, maxFrames, deadlineNanos, frames);
        Map<String, String> out = new LinkedHashMap<>();
        out.put("frames", FrameHash.encode(frames));
        out.put("durationSeconds", String.format(Locale.ROOT, "%.3f", result.durationSeconds()));
        out.put("complete", Boolean.toString(result.complete()));
        if (result.error() != null) {
            out.put("error", result.error());
        }
        return out;
    }

    /** Samples and hashes {@code path} into {@code out}; in-process (tests, benchmark, bank building). */
    VideoFrameSampler.Result hash(String path, double interval, int maxFrames, long deadlineNanos, List<FrameHash> out) {
        return VideoFrameSampler.sample(path, interval, maxFrames, deadlineNanos,
                (seconds, rgb, width, height, stride) -> out.add(new FrameHash(seconds, hasher.hashRgb(rgb, width, height, stride))));
    }
}
