package dev.greenlight.engine;

import dev.greenlight.host.PluginStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link Greenlight#reloadPlugins()}: when {@code activated}, a freshly started plugin
 * set serves and the old one was closed once its calls in flight finished; otherwise the old set
 * still serves and {@code problem} says why. Immutable.
 *
 * @param activated whether the new plugin set serves
 * @param plugins   the state of every plugin now serving
 * @param problem   why the new set was refused, or {@code null}
 * @param at        when the reload finished
 */
public record PluginReloadResult(boolean activated, List<PluginStatus> plugins, String problem, Instant at) {
    public PluginReloadResult {
        plugins = List.copyOf(plugins);
        Objects.requireNonNull(at, "at");
    }
}
