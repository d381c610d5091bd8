package dev.greenlight.model;

import java.util.Objects;

/**
 * A plugin that ran for a decision: its id, version, how long its signal providers took, and
 * whether it failed (threw, timed out or is quarantined), in which case the decision carries a
 * {@code plugin.error} signal naming it.
 */
public record PluginRun(String id, String version, long elapsedMicros, boolean failed) {
    public PluginRun {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
    }
}
