package dev.greenlight.testplugins;

import dev.greenlight.model.Signal;
import dev.greenlight.model.Submission;
import dev.greenlight.spi.AnalysisContext;
import dev.greenlight.spi.PluginContext;
import dev.greenlight.spi.SignalProvider;
import java.util.List;

/** Throws while analysing: a RuntimeException, a StackOverflowError or a LinkageError (setting {@code mode}). */
public class ThrowingProvider implements SignalProvider {
    private volatile String mode = "runtime";

    @Override
    public void start(PluginContext context) {
        mode = context.setting("mode", "runtime");
    }

    @Override
    public List<Signal> analyse(Submission submission, AnalysisContext context) {
        switch (mode) {
            case "stackoverflow" -> recurse(0);
            case "linkage" -> throw new NoClassDefFoundError("com/example/Missing");
            default -> throw new IllegalStateException("analyser exploded");
        }
        return List.of();
    }

    private static int recurse(int n) {
        return recurse(n + 1) + 1;
    }
}
