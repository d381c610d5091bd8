package dev.greenlight.media.worker;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.setLogCallback;

import java.util.regex.Pattern;
import org.bytedeco.ffmpeg.avutil.LogCallback;
import org.bytedeco.javacpp.BytePointer;

/**
 * Keeps the first error FFmpeg logs while a worker probes one file. FFmpeg reports much damage
 * (a JPEG cut short, a bad NAL unit) only through its log while still returning a picture, so the
 * log is part of the verdict. The log is process-wide, which is why this lives in a worker that
 * probes one file at a time. Used by the worker's single probing thread; the callback may run on
 * FFmpeg's threads, hence the synchronisation.
 */
public final class FfmpegLog {
    /** Kept alive here: FFmpeg holds only the native address. */
    private static final LogCallback CALLBACK = new LogCallback() {
        @Override
        public void call(int level, BytePointer message) {
            if (level <= AV_LOG_ERROR) {
                record(PREFIX.matcher(message.getString()).replaceFirst("").trim());
            }
        }
    };
    /** FFmpeg starts messages with its component and an address, "[mjpeg @ 0x55d…] ": noise in a reason. */
    private static final Pattern PREFIX = Pattern.compile("^\\[[^\\]]*@ 0x[0-9a-fA-F]+\\]\\s*");
    private static String firstError;

    private FfmpegLog() {
    }

    /** Routes FFmpeg's errors here (and nothing more verbose, which would cost a call per message). */
    public static void install() {
        av_log_set_level(AV_LOG_ERROR);
        setLogCallback(CALLBACK);
    }

    /** Forgets what was logged before: called as a new file starts. */
    public static synchronized void reset() {
        firstError = null;
    }

    /** The first error logged since {@link #reset}, or {@code null}. */
    public static synchronized String firstError() {
        return firstError;
    }

    private static synchronized void record(String message) {
        if (firstError == null && !message.isEmpty()) {
            firstError = message;
        }
    }
}
