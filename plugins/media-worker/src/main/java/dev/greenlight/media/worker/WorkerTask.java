package dev.greenlight.media.worker;

import java.util.Map;

/**
 * One kind of work a worker process does on a file with FFmpeg (media-probe's {@code probe},
 * hash-match's {@code video-pdq}, …). Implementations are found with {@link java.util.ServiceLoader}
 * on the worker's class path (list them in {@code META-INF/services/dev.greenlight.media.worker.WorkerTask}
 * of the plugin that owns them) and need a public no-argument constructor.
 *
 * <p>A worker runs one task at a time, so implementations may use FFmpeg's process-wide hooks
 * ({@link FfmpegLog}, {@link NativeDeadline}); they need not be thread-safe.
 */
public interface WorkerTask {
    /** The name requests use in their {@code task} field. */
    String name();

    /**
     * Does the work.
     *
     * @param request       the request's fields (never {@code null}; {@code path} is the file, already
     *                      checked by the plugin to be a regular file inside the media root)
     * @param deadlineNanos when to stop and answer with what is known, in {@link System#nanoTime()} terms
     * @return the answer's fields; never {@code null}
     * @throws Exception for anything unexpected: the worker then answers {@code error} with the
     *                   exception's class name, and stays up
     */
    Map<String, String> run(Map<String, String> request, long deadlineNanos) throws Exception;
}
