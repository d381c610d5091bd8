package dev.greenlight.media.worker;

import static org.bytedeco.ffmpeg.global.avutil.av_max_alloc;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.javacpp.Loader;

/**
 * The entry point of a worker: a child JVM a plugin starts with its own class path, so that FFmpeg
 * parses untrusted files in native code outside the engine's process. It reads one request per
 * line on standard input ({@link Wire} fields: {@code task}, the {@link WorkerTask} to run;
 * {@code path}, the file; {@code budgetMillis}, the time it has; and the task's own), runs it, and
 * writes one answer line on standard output. It announces {@code ready} once FFmpeg's libraries are
 * loaded, and exits when its input closes (the plugin stopped, or the engine died). Anything else
 * is written to standard error.
 *
 * <p>Not for use inside the engine: this class exists to be a process of its own. Thread-safety:
 * single-threaded by design.
 */
public final class WorkerMain {
    /** The largest single allocation FFmpeg may make; more means a hostile size field. */
    private static final long MAX_ALLOC = 512L * 1024 * 1024;

    private WorkerMain() {
    }

    /**
     * Runs the worker until standard input closes.
     *
     * @param args ignored
     * @throws IOException if standard input or output fail (the plugin then sees the worker die)
     */
    public static void main(String[] args) throws IOException {
        PrintStream answers = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err); // stray prints from any library must not corrupt the answer lines
        Loader.load(avformat.class);
        av_max_alloc(MAX_ALLOC);
        FfmpegLog.install();
        Map<String, WorkerTask> tasks = tasks();
        answers.println(Wire.encode(Map.of("ready", "1")));
        BufferedReader requests = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = requests.readLine()) != null) {
            answers.println(Wire.encode(answer(Wire.decode(line), tasks)));
        }
    }

    private static Map<String, String> answer(Map<String, String> request, Map<String, WorkerTask> tasks) {
        long started = System.nanoTime();
        WorkerTask task = tasks.get(request.get("task"));
        if (task == null) {
            return Map.of("error", "no task '" + request.get("task") + "' in this worker; it has " + tasks.keySet());
        }
        try {
            TestFaults.maybeTrigger(request.get("path"));
            long budget = Long.parseLong(request.getOrDefault("budgetMillis", "1000")) * 1_000_000L;
            Map<String, String> out = new LinkedHashMap<>(task.run(request, started + budget));
            out.put("micros", Long.toString((System.nanoTime() - started) / 1000));
            return out;
        } catch (Exception e) {
            return Map.of("error", e.getClass().getSimpleName());
        }
    }

    private static Map<String, WorkerTask> tasks() {
        Map<String, WorkerTask> tasks = new LinkedHashMap<>();
        for (WorkerTask task : ServiceLoader.load(WorkerTask.class)) {
            tasks.put(task.name(), task);
        }
        return tasks;
    }
}
