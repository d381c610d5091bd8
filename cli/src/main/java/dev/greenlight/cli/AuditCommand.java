package dev.greenlight.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code greenlight audit …}: commands over the audit log, one class each. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Work with the audit log.",
        subcommands = {AuditVerifyCommand.class, AuditShowCommand.class, AuditStatsCommand.class, AuditReviewCommand.class,
                AuditKeygenCommand.class, AuditEraseCommand.class, AuditExportCommand.class})
final class AuditCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
