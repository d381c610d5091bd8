package dev.greenlight.cli;

import dev.greenlight.audit.AuditException;
import dev.greenlight.audit.AuditLog;
import dev.greenlight.audit.Review;
import dev.greenlight.model.Verdict;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Appends a reviewer's verdict on a logged decision. */
@Command(name = "review", mixinStandardHelpOptions = true,
        header = "Records a reviewer's verdict on a logged decision.",
        description = {"Records a reviewer's verdict on a logged decision: it becomes the final verdict.",
            "A later review of the same decision is an appeal. Writes to the log, so no other process may have it open",
            "(a running server records reviews itself). A signed log needs --audit-key to keep its checkpoints signed."})
final class AuditReviewCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The audit log.")
    Path file;

    @Option(names = "--decision", paramLabel = "ID", required = true, description = "The decision reviewed.")
    String decisionId;

    @Option(names = "--reviewer", paramLabel = "WHO", required = true, description = "Who reviews (an id or a name).")
    String reviewer;

    @Option(names = "--verdict", paramLabel = "VERDICT", required = true, converter = EngineOptions.VerdictConverter.class,
            description = "The reviewer's verdict: APPROVE, ESCALATE or REJECT.")
    Verdict verdict;

    @Option(names = "--note", paramLabel = "TEXT", defaultValue = "", description = "Why (shown in the decision's history).")
    String note;

    @Mixin
    AuditLogOptions log;

    @Override
    public Integer call() {
        if (verdict == Verdict.APPROVE_WITH_CONDITIONS) {
            spec.commandLine().getErr().println("greenlight: " + dev.greenlight.engine.Greenlight.NO_REVIEWED_CONDITIONS);
            return ExitCodes.CONFIG;
        }
        if (!AuditLogFile.exists(file, spec.commandLine().getErr())) {
            return ExitCodes.CONFIG;
        }
        try (AuditLog audit = AuditLog.open(log.config(file))) {
            Review r = audit.review(decisionId, reviewer, verdict, note, Instant.now());
            spec.commandLine().getOut().println((r.isAppeal() ? "appeal" : "review") + " recorded: decision " + r.decisionId()
                    + " " + r.previousVerdict() + " -> " + r.verdict() + " by " + r.reviewer() + " (record seq " + r.seq() + ")");
            return ExitCodes.OK;
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("greenlight: " + e.getMessage());
            return ExitCodes.INVALID;
        } catch (AuditException | UncheckedIOException e) {
            spec.commandLine().getErr().println("greenlight: " + e.getMessage());
            return ExitCodes.CONFIG;
        }
    }
}
