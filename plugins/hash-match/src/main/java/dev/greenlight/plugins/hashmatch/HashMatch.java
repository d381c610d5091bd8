package dev.greenlight.plugins.hashmatch;

import dev.greenlight.model.Media;
import dev.greenlight.model.Signal;
import dev.greenlight.model.Submission;
import dev.greenlight.spi.AnalysisContext;
import dev.greenlight.spi.MediaFiles;
import dev.greenlight.spi.PluginContext;
import dev.greenlight.spi.SignalProvider;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import dev.greenlight.media.worker.WorkerPool;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matches media against banks of known content and reports each match as a {@code hash.match}
 * signal: exact SHA-256 banks for any file (and for the declared {@code sha256} of media sent
 * without a file), PDQ perceptual banks for images, and video banks (PDQ hashes of frames, matched
 * as Meta's vPDQ does) for videos, whose frames FFmpeg decodes in worker processes. See this module's README for the signal, the
 * bank file format and the settings.
 *
 * <p>{@link #start} loads the banks from {@code <data dir>/banks/}, the {@code banks} setting and,
 * when nothing else is configured, the example banks in the jar; a malformed bank line fails it with
 * a message naming the file and line. {@link #analyse} is thread-safe (the banks are immutable and
 * each call keeps its state on the stack), returns an empty list when nothing matched, and throws
 * {@link java.util.concurrent.CancellationException} when the deadline passes mid-way rather than
 * return a partial answer. Unreadable or undecodable files are skipped without a signal (the
 * media-probe plugin reports them).
 */
@Extension
public final class HashMatch implements SignalProvider {
    static final String EXAMPLE_SHA256 = "/dev/greenlight/plugins/hashmatch/examples/example.sha256.tsv";
    static final String EXAMPLE_PDQ = "/dev/greenlight/plugins/hashmatch/examples/example.pdq.tsv";

    private static final Logger LOG = LoggerFactory.getLogger(HashMatch.class);

    private final Clock clock;
    private final PdqHasher hasher = new PdqHasher();
    // Written once by start() before any analyse(); volatile so every analysing thread sees it.
    private volatile Loaded loaded;

    /** The extension as PF4J creates it; call {@link #start} before {@link #analyse}. */
    public HashMatch() {
        this(Clock.systemUTC());
    }

    HashMatch(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param video  {@code null} without video banks
     * @param images {@code null} when images are decoded by ImageIO in process
     */
    private record Loaded(HashMatchSettings settings, Banks banks, VideoHashing video, ImageHashing images) {
    }

    /**
     * The names of the signals this provider emits: {@code hash.match}. An immutable set.
     */
    @Override
    public Set<String> signalNames() {
        return Set.of(MatchSignals.NAME);
    }

    /**
     * Parses the settings and loads the banks.
     *
     * @throws IllegalArgumentException when a setting is malformed or unknown (the message names it)
     * @throws RuntimeException         ({@code BankFormatException}) when a bank file is missing,
     *                                  unreadable or has a malformed line (the message names file and line)
     */
    @Override
    public void start(PluginContext context) {
        HashMatchSettings settings = HashMatchSettings.parse(context.settings(), context.dataDirectory());
        BankLoader loader = new BankLoader();
        context.dataDirectory().map(d -> d.resolve("banks")).filter(Files::isDirectory).ifPresent(loader::addDirectory);
        for (Path p : settings.bankPaths()) {
            if (Files.isDirectory(p)) {
                loader.addDirectory(p);
            } else if (Files.exists(p)) {
                loader.addFile(p);
            } else {
                throw new BankFormatException("bank path " + p + " (setting 'banks') does not exist");
            }
        }
        boolean examples = settings.examples() == HashMatchSettings.Examples.TRUE
                || (settings.examples() == HashMatchSettings.Examples.AUTO && loader.sourceCount() == 0);
        if (examples) {
            loader.addResource(EXAMPLE_SHA256).addResource(EXAMPLE_PDQ);
        }
        Banks banks = loader.build();
        LOG.info("hash-match: {} SHA-256 and {} PDQ bank entries, {} videos ({} frame hashes) from {}; PDQ threshold {}, minimum quality {}",
                banks.sha256().size(), banks.pdq().size(), banks.video().size(), banks.video().frames(), banks.sources(),
                settings.pdqThreshold(), settings.pdqMinQuality());
        // FFmpeg workers are started only when something needs them: a video bank, or PDQ through FFmpeg.
        boolean ffmpegImages = settings.pdqDecoder() == HashMatchSettings.Decoder.FFMPEG;
        WorkerPool pool = banks.video().size() == 0 && !ffmpegImages ? null
                : WorkerPool.shared(new WorkerPool.WorkerConfig(settings.workers(), VideoHashing.WORKER_HEAP_MEGABYTES,
                        settings.workerMemoryMegabytes() * 1024L * 1024L));
        if (pool != null) {
            pool.awaitReady(java.time.Duration.ofSeconds(60)); // so the first decisions do not wait for FFmpeg to load
        }
        VideoHashing video = banks.video().size() == 0 ? null : new VideoHashing(settings, pool);
        ImageHashing images = ffmpegImages ? new ImageHashing(pool) : null;
        loaded = new Loaded(settings, banks, video, images);
    }

    /** Something to look up: a file to hash, or a declared SHA-256 for the exact banks. */
    @Override
    public boolean wants(Submission submission) {
        return submission.getMedia().stream().anyMatch(m -> !m.getPath().isEmpty() || !m.getSha256().isEmpty());
    }

    /**
     * The matches of every media item of {@code submission}, in media order (for each item: SHA-256
     * matches, then PDQ matches).
     *
     * @throws IllegalStateException                        when called before {@link #start}
     * @throws java.util.concurrent.CancellationException when the deadline passes before the work is done
     */

    @Override
    public List<Signal> analyse(Submission submission, AnalysisContext context) {
        Loaded state = loaded;
        if (state == null) {
            throw new IllegalStateException("hash-match: analyse() called before start()");
        }
        Deadline deadline = new Deadline(clock, context.deadline());
        List<Signal> signals = new ArrayList<>();
        for (Media media : submission.getMedia()) {
            deadline.check("media " + media.getIndex());
            signals.addAll(analyseItem(media, context.mediaRoot(), state, deadline));
        }
        return signals;
    }

    private List<Signal> analyseItem(Media media, Optional<Path> root, Loaded state, Deadline deadline) {
        int index = media.getIndex();
        List<Signal> signals = new ArrayList<>();
        Optional<Path> file = root.flatMap(r -> MediaFiles.resolve(r, media.getPath()));
        Hash256 fileSha = null;
        if (file.isPresent()) {
            try {
                fileSha = FileSha256.of(file.get(), deadline);
                signals.addAll(MatchSignals.sha256(index, state.banks().sha256().lookup(fileSha), "file",
                        state.settings().maxMatches()));
            } catch (IOException e) {
                // Unreadable now (permissions, removed): media-probe reports it; nothing to match.
                file = Optional.empty();
            }
        }
        String declared = media.getSha256();
        if (Hash256.isHex64(declared)) {
            Hash256 declaredSha = Hash256.fromHex(declared);
            // A declared hash equal to the file's would only repeat the file's matches.
            if (!declaredSha.equals(fileSha)) {
                signals.addAll(MatchSignals.sha256(index, state.banks().sha256().lookup(declaredSha), "declared",
                        state.settings().maxMatches()));
            }
        }
        if (file.isPresent() && "image".equals(media.getType())) {
            signals.addAll(pdq(index, file.get(), state, deadline));
        }
        if (file.isPresent() && "video".equals(media.getType()) && state.video() != null) {
            signals.addAll(state.video().signals(index, file.get(), state.banks().video(), deadline));
        }
        return signals;
    }

    private List<Signal> pdq(int index, Path file, Loaded state, Deadline deadline) {
        deadline.check("decoding image " + index);
        PdqHash pdq;
        if (state.images() != null) {
            Optional<PdqHash> hashed = state.images().hash(index, file, deadline);
            if (hashed.isEmpty()) {
                return List.of();
            }
            pdq = hashed.get();
        } else {
            Optional<BufferedImage> image = ImageDecoder.decode(file, state.settings().pdqMaxPixels());
            if (image.isEmpty()) {
                return List.of();
            }
            deadline.check("PDQ-hashing image " + index);
            pdq = hasher.hash(image.get());
        }
        if (pdq.quality() < state.settings().pdqMinQuality()) {
            // Flat or tiny images give hashes that match unrelated images: the reference says discard.
            return List.of();
        }
        List<BankMatch> matches = state.banks().pdq().lookup(pdq.bits(), state.settings().pdqThreshold());
        return MatchSignals.pdq(index, matches, pdq.quality(), state.settings().maxMatches());
    }
}
