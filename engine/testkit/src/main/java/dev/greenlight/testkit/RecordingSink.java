package dev.greenlight.testkit;

import dev.greenlight.model.Decision;
import dev.greenlight.model.Submission;
import dev.greenlight.spi.DecisionSink;
import dev.greenlight.spi.PluginContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A decision sink that records every decision it is given, one line each
 * ({@code decisionId TAB submissionId TAB verdict}), in the file named by its {@code file} setting
 * ({@code sink.txt} in the working directory without one). A file rather than memory because a
 * plugin's classes are loaded apart from the test's: pack it into a jar with {@link #plugin} and read
 * what it recorded with {@link RecordedDecisions#read}.
 *
 * <pre>{@code
 * RecordingSink.plugin("recorder").writeTo(pluginsDir);
 * Greenlight engine = Greenlight.builder().plugins(pluginsDir)
 *         .pluginSettings(PluginSettings.of(Map.of("recorder", Map.of("file", file.toString())))).build();
 * }</pre>
 *
 * <p>Thread-safe: {@link #accept} is synchronized (the engine calls a sink from one thread anyway).
 * It depends on the plugin API and the JDK only, so that its class file alone makes a plugin.
 */
public class RecordingSink implements DecisionSink {
    private volatile Path file = Path.of("sink.txt");

    /** A plugin jar builder holding this sink as its one extension. */
    public static PluginJars plugin(String id) {
        return PluginJars.plugin(id).extension(RecordingSink.class);
    }

    @Override
    public void start(PluginContext context) {
        file = Path.of(context.setting("file", "sink.txt"));
    }

    /**
     * Appends the decision's line to the file.
     *
     * @throws UncheckedIOException when the file cannot be written (the engine then offers the decision again)
     */
    @Override
    public synchronized void accept(Decision decision, Submission submission) {
        String line = decision.decisionId() + "\t" + decision.submissionId() + "\t" + decision.verdict().name() + "\n";
        try {
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record decision " + decision.decisionId() + " in " + file, e);
        }
    }
}
