package dev.greenlight.media.worker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One worker process and the pipes to it. A call writes a request line and waits for the
 * answer line while watching the clock, the process and its resident memory; a worker that dies,
 * overruns the deadline or grows past its memory limit is killed and the call fails with a
 * {@link WorkerFailure}. Used by one caller at a time (the {@link WorkerPool} hands it out);
 * {@link #kill} may be called from any thread.
 */
final class Worker {
    /** Put on the answer queue when the worker's output ends: it exited or crashed. */
    private static final String GONE = "\u0000gone";
    private static final long POLL_MILLIS = 10;
    private static final int STDERR_TAIL = 2000;

    private final Process process;
    private final Writer requests;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final StringBuilder stderrTail = new StringBuilder();
    private volatile boolean ready;

    private Worker(Process process) {
        this.process = process;
        this.requests = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread out = new Thread(this::readAnswers, "media-worker-" + process.pid() + "-out");
        out.setDaemon(true);
        out.start();
        Thread err = new Thread(this::drainErrors, "media-worker-" + process.pid() + "-err");
        err.setDaemon(true);
        err.start();
    }

    /**
     * Starts a worker process; it becomes usable once it reports ready (see {@link #call}).
     *
     * @throws IOException when the process cannot be started at all
     */
    static Worker start(WorkerCommand command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command.command());
        // Fewer malloc arenas: FFmpeg's allocations stay in one place, and resident memory tracks use.
        builder.environment().put("MALLOC_ARENA_MAX", "2");
        return new Worker(builder.start());
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Sends {@code request} and returns the answer.
     *
     * @param deadlineNanos   when to give up, in {@link System#nanoTime()} terms
     * @param maxResidentBytes resident memory beyond which the worker is killed
     * @throws WorkerFailure when the worker crashed, hung or grew too large; it is then dead
     */
    Map<String, String> call(Map<String, String> request, long deadlineNanos, long maxResidentBytes) throws WorkerFailure {
        awaitReady(deadlineNanos);
        try {
            requests.write(Wire.encode(request));
            requests.write('\n');
            requests.flush();
        } catch (IOException e) {
            throw died();
        }
        String line = await(deadlineNanos, maxResidentBytes);
        try {
            return Wire.decode(line);
        } catch (IllegalArgumentException e) {
            kill();
            throw new WorkerFailure(WorkerFailure.Kind.CRASHED, "the worker answered garbage and was stopped");
        }
    }

    /** Kills the process; no-op when it has already gone. */
    void kill() {
        process.destroyForcibly();
    }

    /** Waits for the worker's {@code ready} line (FFmpeg loaded); no-op once seen. */
    void awaitReady(long deadlineNanos) throws WorkerFailure {
        if (ready) {
            return;
        }
        String line = await(deadlineNanos, Long.MAX_VALUE);
        if (!Wire.decode(line).containsKey("ready")) {
            kill();
            throw new WorkerFailure(WorkerFailure.Kind.UNAVAILABLE, "the worker did not start properly");
        }
        ready = true;
    }

    private String await(long deadlineNanos, long maxResidentBytes) throws WorkerFailure {
        while (true) {
            String line;
            try {
                line = answers.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
                throw new WorkerFailure(WorkerFailure.Kind.TIMEOUT, "the work was interrupted");
            }
            if (GONE.equals(line)) {
                throw died();
            }
            if (line != null) {
                return line;
            }
            if (System.nanoTime() - deadlineNanos >= 0) {
                kill();
                throw new WorkerFailure(WorkerFailure.Kind.TIMEOUT, ready
                        ? "the work did not finish by the analysis deadline; its worker was stopped"
                        : "the worker was still starting at the analysis deadline");
            }
            long resident = ProcessMemory.residentBytes(process.pid());
            if (resident > maxResidentBytes) {
                kill();
                throw new WorkerFailure(WorkerFailure.Kind.OUT_OF_MEMORY, "the worker used " + (resident >> 20)
                        + " MiB, more than the " + (maxResidentBytes >> 20) + " MiB allowed; its worker was stopped");
            }
        }
    }

    private WorkerFailure died() {
        kill();
        Integer code = null;
        try {
            if (process.waitFor(1, TimeUnit.SECONDS)) {
                code = process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!ready) {
            String why;
            synchronized (stderrTail) {
                why = stderrTail.toString().trim();
            }
            return new WorkerFailure(WorkerFailure.Kind.UNAVAILABLE, "the worker could not start (exit " + code + ")"
                    + (why.isEmpty() ? "" : ": " + why.lines().reduce((a, b) -> b).orElse("")));
        }
        // 3 is the JVM's exit after -XX:+ExitOnOutOfMemoryError.
        if (code != null && code == 3) {
            return new WorkerFailure(WorkerFailure.Kind.OUT_OF_MEMORY, "the worker ran out of memory; its worker stopped");
        }
        return new WorkerFailure(WorkerFailure.Kind.CRASHED, "the worker crashed on this file"
                + (code == null ? "" : " (exit " + code + (code > 128 ? ", signal " + (code - 128) : "") + ")"));
    }

    private void readAnswers() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                answers.add(line);
            }
        } catch (IOException e) {
            // the process went away; GONE below tells the waiting caller
        } finally {
            answers.add(GONE);
        }
    }

    private void drainErrors() {
        try (InputStream err = process.getErrorStream()) {
            byte[] buffer = new byte[4096];
            int n;
            while ((n = err.read(buffer)) > 0) {
                synchronized (stderrTail) {
                    stderrTail.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    if (stderrTail.length() > STDERR_TAIL) {
                        stderrTail.delete(0, stderrTail.length() - STDERR_TAIL);
                    }
                }
            }
        } catch (IOException e) {
            // the process went away
        }
    }
}
