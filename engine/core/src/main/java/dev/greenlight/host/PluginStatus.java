package dev.greenlight.host;

import java.util.List;
import java.util.Objects;

/**
 * One plugin as the host sees it.
 *
 * @param id         the plugin id (the file name when the descriptor could not be read)
 * @param version    the plugin version ({@code ?} when unknown)
 * @param state      {@code STARTED}, {@code FAILED} or {@code QUARANTINED}
 * @param extensions the extension classes it contributes, simple names with their extension point
 * @param problem    why it failed or was quarantined; {@code null} when started
 */
public record PluginStatus(String id, String version, String state, List<String> extensions, String problem) {
    public static final String STARTED = "STARTED";
    public static final String FAILED = "FAILED";
    public static final String QUARANTINED = "QUARANTINED";

    public PluginStatus {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(state, "state");
        extensions = List.copyOf(extensions);
    }
}
