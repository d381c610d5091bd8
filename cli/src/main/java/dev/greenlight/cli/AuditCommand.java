package dev.greenlight.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code greenlight audit …}: commands over the audit log, one class each. Its subcommands are added
 * by {@link #addSubcommands}, not listed in the annotation, so that a run of one of them can build
 * that one's model only (picocli builds every listed subcommand's model up front, by reflection).
 */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Work with the audit log.")
final class AuditCommand implements Runnable {
    /** The subcommands, in the order the help lists them. */
    static final List<Class<?>> SUBCOMMANDS = List.of(AuditVerifyCommand.class, AuditShowCommand.class,
            AuditStatsCommand.class, AuditReviewCommand.class, AuditConditionsCommand.class, AuditKeygenCommand.class,
            AuditEraseCommand.class, AuditExportCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Adds to {@code audit} the subcommand named {@code only} when there is one by that name, else
     * all of them (for {@code audit --help}, a mistyped name, or the whole tree).
     */
    static void addSubcommands(CommandLine audit, String only) {
        Class<?> named = only == null ? null : SUBCOMMANDS.stream()
                .filter(c -> c.getAnnotation(Command.class).name().equals(only)).findFirst().orElse(null);
        for (Class<?> c : named != null ? List.<Class<?>>of(named) : SUBCOMMANDS) {
            audit.addSubcommand(c);
        }
    }
}
