package dev.greenlight.cli;

import dev.greenlight.audit.AuditVerifier;
import dev.greenlight.audit.VerifyResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code greenlight audit …}: commands over the audit log. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Work with the audit log.",
        subcommands = {AuditCommand.Verify.class})
final class AuditCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Checks every record, the hash chain and the sequence; names the first bad record. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Checks the audit log's integrity: every record's hash, the chain and the sequence.",
                "Exit 0 only when intact; 1 names the first bad line."})
    static final class Verify implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The audit log.")
        Path file;

        @Override
        public Integer call() {
            if (!Files.isRegularFile(file)) {
                spec.commandLine().getErr().println("greenlight: no such audit log: " + file);
                return ExitCodes.CONFIG;
            }
            try {
                VerifyResult r = AuditVerifier.verify(file);
                if (r.intact()) {
                    spec.commandLine().getOut().println(r.describe(file.toString()));
                    return ExitCodes.OK;
                }
                spec.commandLine().getErr().println(r.describe(file.toString()));
                return ExitCodes.INVALID;
            } catch (IOException e) {
                spec.commandLine().getErr().println("greenlight: cannot read " + file + ": " + e.getMessage());
                return ExitCodes.CONFIG;
            }
        }
    }
}
