package dev.greenlight.testplugins;

import dev.greenlight.model.Signal;
import dev.greenlight.model.Submission;
import dev.greenlight.spi.AnalysisContext;
import dev.greenlight.spi.SignalProvider;
import java.util.ArrayList;
import java.util.List;

/** Returns garbage: {@code null}, a list holding null, or a spoofed {@code plugin.error}, by prompt. */
public class GarbageProvider implements SignalProvider {
    @Override
    public List<Signal> analyse(Submission submission, AnalysisContext context) {
        switch (submission.getPrompt()) {
            case "null" -> {
                return null;
            }
            case "spoof" -> {
                return List.of(Signal.builder("plugin.error").value("other-plugin").build());
            }
            default -> {
                List<Signal> out = new ArrayList<>();
                out.add(null);
                return out;
            }
        }
    }
}
