package dev.greenlight.plugins.promptscreen;

import dev.greenlight.model.Media;
import dev.greenlight.model.Signal;
import dev.greenlight.model.Submission;
import dev.greenlight.model.Submitter;
import dev.greenlight.spi.AnalysisContext;
import dev.greenlight.spi.PluginContext;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Contexts and submissions for tests. */
final class Fixtures {

    static final AnalysisContext ANALYSIS = new AnalysisContext() {
        @Override
        public Optional<Path> mediaRoot() {
            return Optional.empty();
        }

        @Override
        public Instant deadline() {
            return Instant.parse("2100-01-01T00:00:00Z");
        }
    };

    private Fixtures() {
    }

    /** A plugin context with {@code settings} and an optional data directory. */
    record Context(Map<String, String> settings, Optional<Path> dataDirectory) implements PluginContext {
        @Override
        public String pluginId() {
            return "prompt-screen";
        }

        @Override
        public String pluginVersion() {
            return "test";
        }
    }

    /** A provider started with the bundled lists and default settings. */
    static PromptScreen startedWithDefaults() {
        return started(Map.of(), null);
    }

    static PromptScreen started(Map<String, String> settings, Path dataDirectory) {
        PromptScreen screen = new PromptScreen();
        screen.start(new Context(settings, Optional.ofNullable(dataDirectory)));
        return screen;
    }

    static Submission submission(String id, String prompt, String title, String description) {
        return Submission.builder(id)
                .submittedAt(Instant.parse("2026-11-01T09:00:00Z"))
                .submitter(new Submitter("artist-1", "public", true, List.of()))
                .intendedUse("public-post")
                .prompt(prompt)
                .title(title)
                .description(description)
                .addMedia(Media.builder("image").build())
                .build();
    }

    /** The {@code prompt.term} signals for a submission with only this prompt. */
    static List<Signal> terms(PromptScreen screen, String prompt) {
        return screen.analyse(submission("t-1", prompt, null, null), ANALYSIS).stream()
                .filter(s -> s.getName().equals("prompt.term"))
                .toList();
    }
}
