package dev.greenlight.testplugins;

import dev.greenlight.model.Decision;
import dev.greenlight.model.Submission;
import dev.greenlight.spi.DecisionSink;
import dev.greenlight.spi.PluginContext;

/** A sink that cannot start: its plugin must then run no extension at all, not even one that started. */
public class FailingStartSink implements DecisionSink {
    @Override
    public void start(PluginContext context) {
        throw new IllegalStateException("sink backend unreachable");
    }

    @Override
    public void accept(Decision decision, Submission submission) {
        throw new AssertionError("a sink that failed to start was called");
    }
}
