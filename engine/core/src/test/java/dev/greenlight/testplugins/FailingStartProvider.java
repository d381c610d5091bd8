package dev.greenlight.testplugins;

import dev.greenlight.model.Signal;
import dev.greenlight.model.Submission;
import dev.greenlight.spi.AnalysisContext;
import dev.greenlight.spi.PluginContext;
import dev.greenlight.spi.SignalProvider;
import java.util.List;

/** Cannot start: its term list is "missing". */
public class FailingStartProvider implements SignalProvider {
    @Override
    public void start(PluginContext context) {
        throw new IllegalArgumentException("terms.txt:3: unreadable term list");
    }

    @Override
    public List<Signal> analyse(Submission submission, AnalysisContext context) {
        return List.of();
    }
}
