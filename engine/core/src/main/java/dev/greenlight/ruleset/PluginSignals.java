package dev.greenlight.ruleset;

import dev.greenlight.host.PluginHost;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The signal names the loaded plugins declare they emit
 * ({@link dev.greenlight.spi.SignalProvider#signalNames()}), by plugin id, and whether any plugins were
 * loaded at all. The policy check reads rules' signal names against it: with plugins loaded, a name no
 * plugin emits is a warning; with a plugin that declares nothing, names cannot be checked against the
 * plugins and the check says so once; with no plugins loaded ({@link #NONE_LOADED}, e.g. validate with
 * --no-plugins) only the pack's own vocabulary is checked, never a guess at what plugins would emit.
 * Immutable and thread-safe; null arguments throw {@link NullPointerException}.
 *
 * @param loaded   whether a plugin host was started (even one with no plugins in it)
 * @param byPlugin each started plugin's declared names; an empty set means "undeclared"
 */
public record PluginSignals(boolean loaded, Map<String, Set<String>> byPlugin) {
    /** No plugins were loaded: nothing is known of the signals they emit. */
    public static final PluginSignals NONE_LOADED = new PluginSignals(false, Map.of());

    public PluginSignals {
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        byPlugin.forEach((k, v) -> copy.put(k, Set.copyOf(v)));
        byPlugin = Collections.unmodifiableMap(copy);
    }

    /** What the started plugins of {@code host} declare. */
    public static PluginSignals of(PluginHost host) {
        return new PluginSignals(true, host.signalNames());
    }

    /** Every declared name, and the host's own {@code plugin.error}. */
    public Set<String> names() {
        Set<String> all = new TreeSet<>();
        byPlugin.values().forEach(all::addAll);
        all.add(PluginHost.PLUGIN_ERROR);
        return all;
    }

    /** The plugins that declare no names (their signals cannot be checked). */
    public List<String> undeclared() {
        return byPlugin.entrySet().stream().filter(e -> e.getValue().isEmpty()).map(Map.Entry::getKey).sorted().toList();
    }

    /** Plugins were loaded and every one declares its names: a name outside {@link #names()} is emitted by none. */
    public boolean complete() {
        return loaded && undeclared().isEmpty();
    }
}
