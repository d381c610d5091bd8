package dev.greenlight.testplugins;

import dev.greenlight.model.Signal;
import dev.greenlight.model.Submission;
import dev.greenlight.spi.AnalysisContext;
import dev.greenlight.spi.PluginContext;
import dev.greenlight.spi.SignalProvider;
import java.util.List;

/** Emits one {@code test.ok} signal whose category comes from the {@code category} setting. */
public class GoodProvider implements SignalProvider {
    private volatile String category = "none";

    @Override
    public void start(PluginContext context) {
        category = context.setting("category", "default");
    }

    /** Wants only submissions whose prompt is not "skip me". */
    @Override
    public boolean wants(Submission submission) {
        return !submission.getPrompt().equals("skip me");
    }

    @Override
    public List<Signal> analyse(Submission submission, AnalysisContext context) {
        return List.of(Signal.builder("test.ok").category(category).value(submission.getId()).build());
    }
}
