package dev.greenlight.testplugins;

import dev.greenlight.model.Decision;
import dev.greenlight.model.Submission;
import dev.greenlight.spi.DecisionSink;
import dev.greenlight.spi.PluginContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends each decision id to the {@code file} setting, but is "down" (throws) while the file named
 * by the {@code down} setting exists: a stand-in for a database or stream that is unreachable.
 */
public class FlakySink implements DecisionSink {
    private volatile Path file;
    private volatile Path down;

    @Override
    public void start(PluginContext context) {
        file = Path.of(context.setting("file", "sink.txt"));
        down = Path.of(context.setting("down", "sink.down"));
    }

    @Override
    public synchronized void accept(Decision decision, Submission submission) {
        if (Files.exists(down)) {
            throw new IllegalStateException("the downstream store is unreachable");
        }
        try {
            Files.writeString(file, decision.decisionId() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
