package dev.greenlight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code greenlight plugins --write-lock FILE} and {@code --plugin-lock FILE} over the shipped plugins. */
class PluginLockCommandTest {
    @TempDir
    Path dir;

    @Test
    void writeLock_thenPinnedRun_startsEveryPlugin_andAnUnlistedJarIsRefused() throws Exception {
        Path plugins = dir.resolve("plugins");
        Files.createDirectories(plugins);
        int copied = 0;
        try (var jars = Files.list(PolicyCommandsTest.PLUGINS)) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                Files.copy(jar, plugins.resolve(jar.getFileName()));
                copied++;
            }
        }
        Path lock = dir.resolve("plugins.lock");
        Cli write = Cli.run("plugins", "--plugins", plugins.toString(), "--write-lock", lock.toString());
        assertThat(write.exit()).as(write.err()).isZero();
        assertThat(write.out()).contains("pinned " + copied + " plugin jar(s)");
        assertThat(Files.readAllLines(lock)).filteredOn(l -> !l.startsWith("#")).hasSize(copied)
                .allMatch(l -> l.matches("[0-9a-f]{64}  \\S+\\.jar"));

        Cli pinned = Cli.run("plugins", "--plugins", plugins.toString(), "--plugin-lock", lock.toString());
        assertThat(pinned.exit()).as(pinned.out() + pinned.err()).isZero();
        assertThat(pinned.out()).contains("prompt-screen").doesNotContain("FAILED");

        Files.write(plugins.resolve("extra.jar"), new byte[] {'P', 'K', 3, 4});
        Cli refused = Cli.run("plugins", "--plugins", plugins.toString(), "--plugin-lock", lock.toString());
        assertThat(refused.exit()).isEqualTo(ExitCodes.INVALID);
        assertThat(refused.out()).contains("extra.jar").contains("FAILED").contains("not listed in the plugin lock file");
    }
}
