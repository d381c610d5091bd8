package dev.greenlight.host;

import dev.greenlight.model.PluginRun;
import dev.greenlight.model.Reason;
import dev.greenlight.model.Signal;
import java.util.List;

/**
 * What the plugins found for one submission: their signals, which plugins ran, and reasons the
 * engine adds for plugin failures (each an ESCALATE naming the plugin).
 */
public record Evidence(List<Signal> signals, List<PluginRun> runs, List<Reason> reasons) {
    public static final Evidence NONE = new Evidence(List.of(), List.of(), List.of());

    public Evidence {
        signals = List.copyOf(signals);
        runs = List.copyOf(runs);
        reasons = List.copyOf(reasons);
    }
}
