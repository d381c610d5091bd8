package dev.greenlight.media.worker;

import org.bytedeco.ffmpeg.avformat.AVIOInterruptCB;
import org.bytedeco.javacpp.Pointer;

/**
 * The instant (in {@link System#nanoTime()} terms) the worker's current probe must stop by, and
 * the FFmpeg interrupt callback that makes blocking reads inside FFmpeg give up at it. One probe
 * runs at a time in a worker, so one process-wide deadline is enough; the field is volatile
 * because FFmpeg may call the callback from its own threads.
 */
public final class NativeDeadline {
    private static volatile long deadlineNanos = Long.MAX_VALUE;

    /** Kept alive here: FFmpeg holds only the native address. */
    private static final AVIOInterruptCB.Callback_Pointer CALLBACK = new AVIOInterruptCB.Callback_Pointer() {
        @Override
        public int call(Pointer opaque) {
            return passed() ? 1 : 0;
        }
    };

    private NativeDeadline() {
    }

    public static void set(long nanoTimeDeadline) {
        deadlineNanos = nanoTimeDeadline;
    }

    public static boolean passed() {
        return System.nanoTime() - deadlineNanos >= 0;
    }

    public static AVIOInterruptCB.Callback_Pointer callback() {
        return CALLBACK;
    }
}
