package dev.greenlight.cli;

import dev.greenlight.audit.AuditException;
import dev.greenlight.audit.AuditLog;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Erases a text kept aside (e.g. a prompt) from the log's erasable store. */
@Command(name = "erase", mixinStandardHelpOptions = true,
        header = "Erases a text kept aside by redaction from the erasable store.",
        description = {"Erases a text kept aside by an 'aside' redaction (e.g. a prompt) from the log's erasable store,",
            "overwriting it in place. The chained records keep only its hash, so the log still verifies.",
            "Exit 1 when the store holds no such text."})
final class AuditEraseCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The audit log.")
    Path file;

    @Option(names = "--sha256", paramLabel = "HEX", required = true,
            description = "The text's hash, as in the record (without the 'sha256:' prefix).")
    String sha256;

    @Mixin
    AuditLogOptions log;

    @Override
    public Integer call() {
        if (!AuditLogFile.exists(file, spec.commandLine().getErr())) {
            return ExitCodes.CONFIG;
        }
        String hash = sha256.startsWith("sha256:") ? sha256.substring(7) : sha256;
        try (AuditLog audit = AuditLog.open(log.config(file))) {
            int n = audit.erase(hash);
            if (n == 0) {
                spec.commandLine().getErr().println("greenlight: the erasable store holds no text " + hash);
                return ExitCodes.INVALID;
            }
            spec.commandLine().getOut().println("erased " + n + (n == 1 ? " copy" : " copies") + " of " + hash);
            return ExitCodes.OK;
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("greenlight: " + e.getMessage());
            return ExitCodes.CONFIG;
        } catch (AuditException | UncheckedIOException e) {
            spec.commandLine().getErr().println("greenlight: " + e.getMessage());
            return ExitCodes.CONFIG;
        }
    }
}
