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

/** Appends each decision id to the file named by the {@code file} setting. */
public class FileSink implements DecisionSink {
    private volatile Path file;

    @Override
    public void start(PluginContext context) {
        file = Path.of(context.setting("file", "sink.txt"));
    }

    @Override
    public synchronized void accept(Decision decision, Submission submission) {
        try {
            Files.writeString(file, decision.decisionId() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
