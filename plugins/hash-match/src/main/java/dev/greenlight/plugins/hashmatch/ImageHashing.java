package dev.greenlight.plugins.hashmatch;

import dev.greenlight.media.worker.WorkerFailure;
import dev.greenlight.media.worker.WorkerPool;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;

/**
 * PDQ of images through FFmpeg in a worker process ({@link ImagePdqTask}), used with
 * {@code pdq.decoder=ffmpeg}. Immutable and thread-safe (the pool is). As elsewhere in the plugin,
 * a worker crash or memory blow-up throws (the decision escalates), while a file FFmpeg cannot
 * decode gives no hash (media-probe reports it).
 */
final class ImageHashing {
    /** Kept back from the deadline to match and return. */
    private static final long MARGIN_NANOS = 100_000_000L;

    private final WorkerPool pool;

    ImageHashing(WorkerPool pool) {
        this.pool = pool;
    }

    /**
     * The hash of the image at {@code file}, empty when FFmpeg cannot decode it.
     *
     * @throws CancellationException when the deadline passes first
     * @throws IllegalStateException when the worker crashed or ran out of memory on the file
     */
    Optional<PdqHash> hash(int index, Path file, Deadline deadline) {
        long left = deadline.remaining().toNanos() - MARGIN_NANOS;
        if (left <= 0) {
            throw new CancellationException("hash-match: deadline passed before hashing image " + index);
        }
        Map<String, String> answer;
        try {
            answer = pool.call(Map.of("task", ImagePdqTask.NAME, "path", file.toString(),
                    "budgetMillis", Long.toString(Math.max(1, left / 1_000_000))), System.nanoTime() + left);
        } catch (WorkerFailure e) {
            if (e.kind() == WorkerFailure.Kind.TIMEOUT) {
                throw new CancellationException("hash-match: image " + index + " was not hashed in time (" + e.getMessage() + ")");
            }
            throw new IllegalStateException("hash-match: image " + index + " could not be hashed: " + e.getMessage());
        }
        if (answer.containsKey("error") || !answer.containsKey("hash")) {
            return Optional.empty();
        }
        return Optional.of(new PdqHash(Hash256.fromHex(answer.get("hash")), Integer.parseInt(answer.get("quality"))));
    }
}
