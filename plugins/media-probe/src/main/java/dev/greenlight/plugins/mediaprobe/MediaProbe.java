package dev.greenlight.plugins.mediaprobe;

import dev.greenlight.media.worker.WorkerPool;
import dev.greenlight.model.Media;
import dev.greenlight.model.Signal;
import dev.greenlight.model.Submission;
import dev.greenlight.spi.AnalysisContext;
import dev.greenlight.spi.PluginContext;
import dev.greenlight.spi.SignalProvider;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Opens each media file a submission names, finds what it really is from its bytes, and reports
 * it: {@code media.info} (what the file holds), {@code media.mismatch} (where the submission's
 * declaration differs) and {@code media.unreadable} (why a file could not be read). FFmpeg reads
 * the files, in worker processes of their own ({@link dev.greenlight.media.worker.WorkerMain}), so that a crash, hang or memory
 * blow-up in native code costs one file's verdict and not the engine. See the plugin's README for
 * every attribute, category and setting.
 *
 * <p>Thread-safe: {@link #analyse} keeps all per-call state on its own stack and may run on many
 * threads at once; {@link #start} publishes immutable settings and waits (up to a minute) for
 * the FFmpeg workers to start. Files are opened only inside
 * {@link AnalysisContext#mediaRoot()}, reads stop at {@link AnalysisContext#deadline()}, and
 * {@code analyse} does not throw for a bad, hostile or missing file: it reports it.
 */
@Extension
public final class MediaProbe implements SignalProvider {
    /** How long {@link #start} waits for the workers to load FFmpeg (the first time, it unpacks it). */
    private static final java.time.Duration WORKER_START = java.time.Duration.ofSeconds(60);
    private final Clock clock;
    private volatile ProbeSettings settings = ProbeSettings.DEFAULTS;

    /** The extension PF4J creates; uses the system clock and default settings until started. */
    public MediaProbe() {
        this(Clock.systemUTC());
    }

    MediaProbe(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Reads the settings: {@code maxBytes}, {@code hash}, {@code durationToleranceSeconds},
     * {@code frameRateTolerance}.
     *
     * @throws IllegalArgumentException naming the setting, for an unknown key or a bad value
     */
    @Override
    public void start(PluginContext context) {
        settings = ProbeSettings.from(context.settings());
        // Start the workers now, not on the first decision. Not being ready is no reason to fail:
        // calls then wait for them within their deadline, or report the file unexamined.
        WorkerPool.shared(settings.workerConfig()).awaitReady(WORKER_START);
    }

    /**
     * The names of the signals this provider emits: {@code media.info}, {@code media.mismatch},
     * {@code media.unreadable}. An immutable set.
     */
    @Override
    public Set<String> signalNames() {
        return ProbeSignals.NAMES;
    }

    /** Only items with a path are probed; a submission without any has nothing for this plugin. */
    @Override
    public boolean wants(Submission submission) {
        return submission.getMedia().stream().anyMatch(m -> !m.getPath().isEmpty());
    }

    /**
     * The signals about every media item of {@code submission}, in item order; an immutable list,
     * empty when no item names a file. Neither argument may be {@code null}.
     */
    @Override
    public List<Signal> analyse(Submission submission, AnalysisContext context) {
        ProbeSettings current = settings;
        FileProber prober = new FileProber(current, context.mediaRoot().map(SafePaths::new).orElse(null),
                new Deadline(clock, context.deadline()), WorkerPool.shared(current.workerConfig()));
        List<Signal> signals = new ArrayList<>();
        for (Media media : submission.getMedia()) {
            signals.addAll(prober.signalsFor(media));
        }
        return List.copyOf(signals);
    }
}
