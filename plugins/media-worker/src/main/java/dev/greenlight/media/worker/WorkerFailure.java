package dev.greenlight.media.worker;

/**
 * A worker did not answer: it crashed, hung past the deadline, took more memory than allowed, or
 * could not be started. The worker is gone when this is thrown; the pool starts another. The
 * message is a plain reason fit for a decision (it names no path).
 */
public final class WorkerFailure extends Exception {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Kind {
        /** The worker process died while working (a crash in native code). */
        CRASHED,
        /** The deadline passed (the worker was stopped), or no worker was free in time. */
        TIMEOUT,
        /** The worker grew past its memory limit (and was stopped) or ran out of heap. */
        OUT_OF_MEMORY,
        /** No worker process could be started. */
        UNAVAILABLE
    }

    private final Kind kind;

    WorkerFailure(Kind kind, String reason) {
        super(reason);
        this.kind = kind;
    }

    /** What went wrong; never {@code null}. */
    public Kind kind() {
        return kind;
    }
}
