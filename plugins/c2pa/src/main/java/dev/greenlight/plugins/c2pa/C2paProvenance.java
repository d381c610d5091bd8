package dev.greenlight.plugins.c2pa;

import dev.greenlight.model.Media;
import dev.greenlight.model.Signal;
import dev.greenlight.model.Submission;
import dev.greenlight.spi.AnalysisContext;
import dev.greenlight.spi.PluginContext;
import dev.greenlight.spi.SignalProvider;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;

/**
 * Reads the C2PA Content Credentials embedded in each media file, verifies them (signature,
 * certificate trust at the signing time, hard binding to the file's bytes), and reports a
 * {@code provenance.c2pa} signal per media item, plus {@code provenance.mismatch} where the
 * submission's {@code provenance.c2pa} declaration disagrees with the file. See this module's
 * README for the signals, the categories and the settings.
 *
 * <p>{@link #start} reads the trust anchors; it throws {@link IllegalArgumentException} naming the
 * setting when one is malformed or a trust-anchor file cannot be read. {@link #analyse} is
 * thread-safe (the reader is immutable; each call keeps its state on the stack), returns an empty
 * list when no media file can be opened (media-probe reports those), never throws for anything in a
 * file (a damaged or hostile store is {@code invalid} with a status code), and throws
 * {@link CancellationException} when the deadline passes rather than return a partial answer.
 */
@Extension
public final class C2paProvenance implements SignalProvider {
    private static final Logger LOG = LoggerFactory.getLogger(C2paProvenance.class);

    private final Clock clock;
    // Written once by start() before any analyse(); volatile so every analysing thread sees it.
    private volatile Loaded loaded;

    private record Loaded(C2paSettings settings, C2paReader reader) {
    }

    /** The extension as PF4J creates it; call {@link #start} before {@link #analyse}. */
    public C2paProvenance() {
        this(Clock.systemUTC());
    }

    C2paProvenance(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The signal names this provider may emit (the policy checker's list of known names). */
    @Override
    public Set<String> signalNames() {
        return Set.of(ProvenanceSignals.C2PA, ProvenanceSignals.MISMATCH);
    }

    /**
     * Parses the settings and reads the trust anchors.
     *
     * @throws IllegalArgumentException when a setting is malformed or a trust-anchor file is unreadable
     */
    @Override
    public void start(PluginContext context) {
        C2paSettings settings = C2paSettings.parse(context.settings(), context.dataDirectory());
        LOG.info("c2pa: {} trust anchors from {}{}", settings.anchors().size(), settings.sources(),
                settings.anchors().isEmpty() ? " (none: valid credentials are reported 'valid', never 'trusted')" : "");
        loaded = new Loaded(settings, new C2paReader(settings.anchors(), clock));
    }

    /** A media file to open. */
    @Override
    public boolean wants(Submission submission) {
        return submission.getMedia().stream().anyMatch(m -> !m.getPath().isEmpty());
    }

    /**
     * A {@code provenance.c2pa} signal (and maybe a {@code provenance.mismatch}) for every media item
     * whose file can be opened, in media order.
     *
     * @throws IllegalStateException when called before {@link #start}
     * @throws CancellationException when the deadline passes before the work is done
     */
    @Override
    public List<Signal> analyse(Submission submission, AnalysisContext context) {
        Loaded state = loaded;
        if (state == null) {
            throw new IllegalStateException("c2pa: analyse() called before start()");
        }
        List<Signal> signals = new ArrayList<>();
        boolean declared = submission.getProvenance() != null && submission.getProvenance().isC2pa();
        for (Media media : submission.getMedia()) {
            checkDeadline(context.deadline(), media.getIndex());
            Optional<Path> file = context.mediaFile(media);
            if (file.isEmpty()) {
                continue;
            }
            Optional<Report> report = read(file.get(), state);
            report.ifPresent(r -> signals.addAll(ProvenanceSignals.of(media.getIndex(), r, declared)));
        }
        return signals;
    }

    /** The file's report; empty when it cannot be read now or is over {@code maxBytes} (media-probe reports those). */
    private static Optional<Report> read(Path file, Loaded state) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > state.settings().maxBytes()) {
                LOG.debug("c2pa: {} is {} bytes, over maxBytes; not verified", file.getFileName(), size);
                return Optional.empty();
            }
            // mapped, not copied: hashing a large video then costs no heap
            MappedByteBuffer bytes = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
            return Optional.of(state.reader().readSafely(bytes));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private void checkDeadline(Instant deadline, int index) {
        if (clock.instant().isAfter(deadline)) {
            throw new CancellationException("c2pa: deadline " + deadline + " passed before media " + index);
        }
    }
}
