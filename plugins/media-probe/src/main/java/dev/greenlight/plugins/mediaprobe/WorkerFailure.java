package dev.greenlight.plugins.mediaprobe;

/**
 * A probe worker did not answer: it crashed, hung past the deadline, took more memory than allowed,
 * or could not be started. The worker is gone when this is thrown; the pool starts another.
 */
final class WorkerFailure extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Problem problem;

    WorkerFailure(Problem problem, String reason) {
        super(reason);
        this.problem = problem;
    }

    Problem problem() {
        return problem;
    }
}
