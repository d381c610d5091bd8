package dev.greenlight.testplugins;

import dev.greenlight.model.Signal;
import dev.greenlight.model.Submission;
import dev.greenlight.spi.AnalysisContext;
import dev.greenlight.spi.SignalProvider;
import java.util.List;
import java.util.Set;

/** Emits one {@code test.declared} signal and declares it, as every shipped plugin does. */
public class DeclaringProvider implements SignalProvider {
    @Override
    public Set<String> signalNames() {
        return Set.of("test.declared");
    }

    @Override
    public List<Signal> analyse(Submission submission, AnalysisContext context) {
        return List.of(Signal.builder("test.declared").value(submission.getId()).build());
    }
}
