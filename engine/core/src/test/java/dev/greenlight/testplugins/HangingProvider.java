package dev.greenlight.testplugins;

import dev.greenlight.model.Signal;
import dev.greenlight.model.Submission;
import dev.greenlight.spi.AnalysisContext;
import dev.greenlight.spi.SignalProvider;
import java.util.List;

/** Spins, ignoring interrupts, for 4 seconds: a hang the host can only abandon. */
public class HangingProvider implements SignalProvider {
    @Override
    public List<Signal> analyse(Submission submission, AnalysisContext context) {
        long until = System.nanoTime() + 4_000_000_000L;
        long spins = 0;
        while (System.nanoTime() < until) {
            spins++;
        }
        return List.of(Signal.builder("test.late").value(Long.toString(spins)).build());
    }
}
