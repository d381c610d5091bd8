package dev.greenlight.host;

import dev.greenlight.spi.PluginContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** What a plugin's extensions get at start: identity, settings, data directory. */
record HostedContext(String pluginId, String pluginVersion, Map<String, String> settings, Path dataDir)
        implements PluginContext {

    @Override
    public Optional<Path> dataDirectory() {
        return dataDir != null && Files.isDirectory(dataDir) ? Optional.of(dataDir) : Optional.empty();
    }
}
