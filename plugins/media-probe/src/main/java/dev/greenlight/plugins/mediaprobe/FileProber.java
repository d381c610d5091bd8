package dev.greenlight.plugins.mediaprobe;

import dev.greenlight.model.Media;
import dev.greenlight.model.Signal;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Probes the media items of one analysis call: resolves each path safely, reads the file's format
 * and metadata, hashes it, and turns the outcome into signals. One instance per call; confined to
 * the calling thread.
 *
 * <p>A bad file never stops the call: every problem becomes a {@code media.unreadable} signal,
 * alongside a {@code media.info} with whatever was learned before it (size, hash, format).
 */
final class FileProber {
    private final ProbeSettings settings;
    /** {@code null} when the call has no media root. */
    private final SafePaths paths;
    private final Deadline deadline;
    private final Comparison comparison;

    FileProber(ProbeSettings settings, SafePaths paths, Deadline deadline) {
        this.settings = settings;
        this.paths = paths;
        this.deadline = deadline;
        this.comparison = new Comparison(settings);
    }

    /** The signals about one item; none when it names no file. */
    List<Signal> signalsFor(Media media) {
        if (media.getPath().isEmpty()) {
            return List.of();
        }
        ProbeResult.Builder result = new ProbeResult.Builder();
        UnreadableException problem = probe(media.getPath(), result);
        ProbeResult actual = result.build();
        List<Signal> signals = new ArrayList<>();
        if (!actual.isEmpty()) {
            signals.add(ProbeSignals.info(media.getIndex(), actual));
        }
        signals.addAll(comparison.mismatches(media, actual));
        if (problem != null) {
            signals.add(ProbeSignals.unreadable(media.getIndex(), problem.problem(), problem.reason()));
        }
        return signals;
    }

    /** Fills {@code out}; returns the problem that stopped or spoiled the probe, or {@code null}. */
    private UnreadableException probe(String path, ProbeResult.Builder out) {
        if (paths == null) {
            return new UnreadableException(Problem.NOT_FOUND,
                    "no media root: the submission came without a directory to find '" + path + "' in");
        }
        try {
            deadline.check();
            SafePaths.Resolved file = paths.resolve(path);
            out.bytes(file.size());
            if (file.size() > settings.maxBytes()) {
                return new UnreadableException(Problem.TOO_LARGE, "the file has " + file.size()
                        + " bytes, more than the " + settings.maxBytes() + " this service reads");
            }
            if (file.size() == 0) {
                out.sha256(Hasher.EMPTY_SHA256);
                return new UnreadableException(Problem.EMPTY, "the file is empty (0 bytes)");
            }
            try (MediaSource source = MediaSource.open(file.file(), file.size(), deadline)) {
                UnreadableException formatProblem = readFormat(source, out);
                if (settings.hash()) {
                    out.sha256(Hasher.sha256(source));
                }
                return formatProblem;
            }
        } catch (UnreadableException e) {
            return e;
        } catch (IOException e) {
            return new UnreadableException(Problem.IO_ERROR, "the file could not be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * Reads the format and metadata. Problems in the file's content are returned so that the hash
     * is still computed; timeouts and I/O failures are thrown, since reading on is pointless.
     */
    private static UnreadableException readFormat(MediaSource source, ProbeResult.Builder out) throws IOException {
        try {
            MagicSniffer.Sniffed sniffed = MagicSniffer.sniff(source);
            Format format = sniffed.format();
            if (format == null) {
                byte[] head = source.readUpTo(0, MagicSniffer.HEAD_LENGTH);
                return new UnreadableException(Problem.NOT_MEDIA, "the file holds " + MagicSniffer.describeUnknown(head, head.length));
            }
            out.format(format).type(format.defaultType());
            readDetails(source, sniffed, out);
            return null;
        } catch (UnreadableException e) {
            if (e.problem() == Problem.TIMEOUT || e.problem() == Problem.IO_ERROR) {
                throw e;
            }
            return e;
        } catch (RuntimeException e) {
            // A reader tripped over input no real file contains; the file is damaged, not the call.
            String what = out.format() == null ? "file" : out.format().label() + " file";
            return new UnreadableException(Problem.DAMAGED, "the " + what + "'s structure could not be interpreted ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static void readDetails(MediaSource source, MagicSniffer.Sniffed sniffed, ProbeResult.Builder out) throws IOException {
        Format format = sniffed.format();
        switch (format) {
            case MP4:
            case MOV:
                out.type(null);
                Mp4Reader.read(source, out);
                break;
            case MATROSKA:
                out.type(null);
                MatroskaReader.read(source, out);
                break;
            case MP3:
                Mp3Reader.read(source, sniffed.dataStart(), out);
                break;
            case WAV:
                WavReader.read(source, out);
                break;
            default:
                if (ImageReader.handles(format)) {
                    ImageReader.read(source, format, out);
                }
                break;
        }
    }
}
