package dev.greenlight.cli;

import dev.greenlight.engine.Greenlight;
import dev.greenlight.host.PluginLock;
import dev.greenlight.host.PluginStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Lists each plugin: id, version, state (failed ones with the reason) and extensions. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        header = "Lists the plugins and their state.",
        description = {"Lists each plugin with its version, state and extensions; failed plugins with the reason.",
            "Exit 0 when every plugin started; 1 when any failed."})
final class PluginsCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    EngineOptions engine;

    @CommandLine.Option(names = "--write-lock", paramLabel = "FILE",
            description = "Write a plugin lock file pinning every plugin jar in the plugins directory by SHA-256 "
                    + "(for --plugin-lock), instead of listing the plugins.")
    Path writeLock;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = engine.pluginsDirectory();
        if (dir == null) {
            spec.commandLine().getErr().println("greenlight: no plugins directory (give --plugins DIR)");
            return ExitCodes.CONFIG;
        }
        if (writeLock != null) {
            try {
                String lock = PluginLock.describe(dir);
                Files.writeString(writeLock, lock, StandardCharsets.UTF_8);
                long pinned = lock.lines().filter(l -> !l.startsWith("#")).count();
                out.println("pinned " + pinned + " plugin jar(s) of " + dir + " in " + writeLock);
                return ExitCodes.OK;
            } catch (IOException e) {
                spec.commandLine().getErr().println("greenlight: cannot write the plugin lock file " + writeLock + ": " + e.getMessage());
                return ExitCodes.CONFIG;
            }
        }
        try (Greenlight g = engine.builder().build()) {
            List<PluginStatus> all = g.plugins();
            out.println("plugins in " + dir + ":");
            out.printf("%-16s %-16s %-12s %s%n", "ID", "VERSION", "STATE", "EXTENSIONS / PROBLEM");
            for (PluginStatus p : all) {
                String detail = String.join(", ", p.extensions());
                if (p.problem() != null) {
                    detail = (detail.isEmpty() ? "" : detail + "; ") + p.problem();
                }
                out.printf("%-16s %-16s %-12s %s%n", p.id(), p.version(), p.state(), detail);
            }
            return all.stream().allMatch(p -> p.state().equals(PluginStatus.STARTED)) ? ExitCodes.OK : ExitCodes.INVALID;
        } catch (RuntimeException e) {
            return EngineFailures.report(e, spec.commandLine().getErr());
        }
    }
}
