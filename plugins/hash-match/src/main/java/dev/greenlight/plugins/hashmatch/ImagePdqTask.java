package dev.greenlight.plugins.hashmatch;

import dev.greenlight.media.worker.WorkerTask;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The worker task {@value #NAME}: the PDQ hash of an image file, decoded by FFmpeg at reduced
 * resolution ({@link FfmpegImageHasher}). Request field: {@code path}. Answer fields: {@code hash},
 * {@code quality}, {@code width} and {@code height} (as decoded), or {@code error}. Public only so
 * that the worker's {@link java.util.ServiceLoader} can make it; not thread-safe (one file at a time
 * per worker).
 */
public final class ImagePdqTask implements WorkerTask {
    /** The task's name in requests. */
    public static final String NAME = "image-pdq";

    private final FfmpegImageHasher hasher = new FfmpegImageHasher();

    /** Made by the worker's service loader. */
    public ImagePdqTask() {
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Hashes {@code request.path}. */
    @Override
    public Map<String, String> run(Map<String, String> request, long deadlineNanos) throws Exception {
        FfmpegImageHasher.Result r = hasher.hash(Path.of(request.get("path")), deadlineNanos);
        Map<String, String> out = new LinkedHashMap<>();
        if (r.pdq() == null) {
            out.put("error", r.error());
            return out;
        }
        out.put("hash", r.pdq().bits().toHex());
        out.put("quality", Integer.toString(r.pdq().quality()));
        out.put("width", Integer.toString(r.width()));
        out.put("height", Integer.toString(r.height()));
        return out;
    }
}
