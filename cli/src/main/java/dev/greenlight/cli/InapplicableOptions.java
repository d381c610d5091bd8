package dev.greenlight.cli;

import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Takes out of a command the options that its shared mixins bring but that do not apply to it
 * ({@code validate} decides nothing, so it has no default verdict; {@code audit erase} writes no
 * record, so it redacts nothing): they are then neither listed in its help nor accepted. The
 * mixin's fields keep their Java defaults. Stateless.
 */
final class InapplicableOptions {
    /** Command path (space-separated below {@code greenlight}) to the options it does without. */
    private static final Map<String, List<String>> DROPPED = Map.of(
            "validate", List.of("--default-verdict", "--plugin-timeout", "--max-rule-firings"),
            "plugins", List.of("--default-verdict", "--plugin-timeout", "--max-rule-firings"),
            "audit erase", List.of("--redact"));

    private InapplicableOptions() {
    }

    /** Drops the options from the subcommands of {@code root}. */
    static void drop(CommandLine root) {
        DROPPED.forEach((path, names) -> {
            CommandLine cl = root;
            for (String name : path.split(" ")) {
                cl = cl == null ? null : cl.getSubcommands().get(name);
            }
            if (cl == null) {
                return; // a tree with only some of the commands (GreenlightCommand.newAuditCommandLine)
            }
            CommandSpec spec = cl.getCommandSpec();
            for (String name : names) {
                OptionSpec o = spec.findOption(name);
                if (o != null) {
                    spec.remove(o);
                }
            }
        });
    }
}
