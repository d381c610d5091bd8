package dev.greenlight.plugins.mediaprobe;

import dev.greenlight.model.Media;
import dev.greenlight.model.Signal;
import dev.greenlight.model.Submission;
import dev.greenlight.model.Submitter;
import dev.greenlight.spi.AnalysisContext;
import dev.greenlight.spi.PluginContext;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Test helpers: submissions, call contexts, fixture paths and signal look-ups. */
final class Probes {
    static final Duration BUDGET = Duration.ofSeconds(20);

    private Probes() {
    }

    /** The directory holding the media fixtures and truth.tsv (copied into the test classpath). */
    static Path fixtures() {
        try {
            return Path.of(Probes.class.getResource("/media/truth.tsv").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Submission submission(Media... media) {
        return Submission.builder("s-test")
                .submittedAt(Instant.parse("2026-11-01T09:00:00Z"))
                .submitter(new Submitter("artist-1", "public", true, List.of()))
                .intendedUse("public-post")
                .media(List.of(media))
                .build();
    }

    static AnalysisContext context(Path root, Instant deadline) {
        return new AnalysisContext() {
            @Override
            public Optional<Path> mediaRoot() {
                return Optional.ofNullable(root);
            }

            @Override
            public Instant deadline() {
                return deadline;
            }
        };
    }

    static List<Signal> analyse(MediaProbe probe, Path root, Media... media) {
        return probe.analyse(submission(media), context(root, Instant.now().plus(BUDGET)));
    }

    static List<Signal> analyse(Path root, Media... media) {
        return analyse(new MediaProbe(), root, media);
    }

    static PluginContext pluginContext(Map<String, String> settings) {
        return new PluginContext() {
            @Override
            public String pluginId() {
                return "media-probe";
            }

            @Override
            public String pluginVersion() {
                return "test";
            }

            @Override
            public Map<String, String> settings() {
                return settings;
            }

            @Override
            public Optional<Path> dataDirectory() {
                return Optional.empty();
            }
        };
    }

    static List<Signal> named(List<Signal> signals, String name) {
        return signals.stream().filter(s -> s.getName().equals(name)).collect(Collectors.toList());
    }

    /** The one signal called {@code name}; fails when there is not exactly one. */
    static Signal only(List<Signal> signals, String name) {
        List<Signal> found = named(signals, name);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + name + " signal, got " + found.size() + ": " + signals);
        }
        return found.get(0);
    }

    /** The categories of the {@code media.mismatch} signals, in order. */
    static List<String> mismatchCategories(List<Signal> signals) {
        return named(signals, ProbeSignals.MISMATCH).stream().map(Signal::getCategory).collect(Collectors.toList());
    }

    static Media.Builder media(String type, String path) {
        return Media.builder(type).path(path);
    }
}
