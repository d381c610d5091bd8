package dev.greenlight.cli;

import dev.greenlight.audit.AuditException;
import dev.greenlight.audit.AuditLog;
import dev.greenlight.desk.Case;
import dev.greenlight.desk.CaseConflictException;
import dev.greenlight.desk.DeskConfig;
import dev.greenlight.desk.DeskException;
import dev.greenlight.desk.PolicyCatalogue;
import dev.greenlight.desk.ReviewDesk;
import dev.greenlight.desk.SafeText;
import dev.greenlight.desk.accounts.Account;
import dev.greenlight.desk.accounts.Role;
import dev.greenlight.model.Verdict;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Appends a reviewer's verdict on a logged decision, through the review desk's rules. */
@Command(name = "review", mixinStandardHelpOptions = true,
        header = "Records a reviewer's verdict on a logged decision.",
        description = {"Records a reviewer's verdict on a logged decision. When the decision's case is open (in the review,",
            "lead or appeal queue) the review decides it: APPROVE or REJECT close it, ESCALATE hands it to the lead queue.",
            "A review that would replace an earlier reviewer's APPROVE or REJECT is refused (naming it) unless --appeal",
            "(the outcome of an appeal) or --force. Writes to the log, so no other process may have it open (a running",
            "server records reviews itself). A signed log needs --audit-key to keep its checkpoints signed."})
final class AuditReviewCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The audit log.")
    Path file;

    @Option(names = "--decision", paramLabel = "ID", required = true, description = "The decision reviewed.")
    String decisionId;

    @Option(names = "--reviewer", paramLabel = "NAME", required = true,
            description = "Who reviews: an account name, 1 to 64 characters of A-Z a-z 0-9 . _ @ -")
    String reviewer;

    @Option(names = "--verdict", paramLabel = "VERDICT", required = true, converter = EngineOptions.VerdictConverter.class,
            description = "The reviewer's verdict: APPROVE, ESCALATE (to the lead queue) or REJECT.")
    Verdict verdict;

    @Option(names = "--note", paramLabel = "TEXT", defaultValue = "",
            description = "Why, for reviewers and auditors (never shown to the artist).")
    String note;

    @Option(names = "--policy", paramLabel = "ID", description = "The policy id the verdict rests on (checked against --rules).")
    String policy;

    @Option(names = "--message", paramLabel = "TEXT", description = "What the artist reads, in plain words.")
    String message;

    @Option(names = "--rules", paramLabel = "DIR", description = "The rules directory whose catalogue.yaml --policy must be in.")
    Path rules;

    @Option(names = "--appeal", description = "This review is the outcome of an appeal: it may replace an earlier review.")
    boolean appeal;

    @Option(names = "--force", description = "Replace an earlier reviewer's verdict anyway.")
    boolean force;

    @Mixin
    AuditLogOptions log;

    @Override
    public Integer call() {
        PrintWriter out = SafeOutput.text(spec.commandLine().getOut());
        PrintWriter err = SafeOutput.text(spec.commandLine().getErr());
        if (!AuditLogFile.exists(file, err)) {
            return ExitCodes.CONFIG;
        }
        Account who;
        try {
            who = Account.of(reviewer, Role.REVIEWER, Role.LEAD);
        } catch (IllegalArgumentException e) {
            err.println("greenlight: --reviewer: " + e.getMessage());
            return ExitCodes.INVALID;
        }
        try (AuditLog audit = AuditLog.open(log.config(file));
             ReviewDesk desk = ReviewDesk.open(audit, rules == null ? PolicyCatalogue.empty() : PolicyCatalogue.load(rules),
                     DeskConfig.defaults())) {
            Verdict before = desk.decision(decisionId).map(v -> v.finalVerdict()).orElse(null);
            Optional<Case> c = desk.reviewWithoutClaim(decisionId, verdict, policy, message, note, who, appeal, force);
            out.println("review recorded: decision " + decisionId + " " + before + " -> " + verdict + " by " + who.name()
                    + c.map(k -> "; case " + k.caseId() + (k.isOpen() ? " now in the " + k.queue().id() + " queue"
                            : " closed")).orElse(""));
            return ExitCodes.OK;
        } catch (CaseConflictException e) {
            err.println("greenlight: refused: " + e.reason());
            return ExitCodes.INVALID;
        } catch (DeskException e) {
            err.println("greenlight: --" + option(e.field()) + ": " + e.getMessage().substring(e.field().length() + 2));
            return ExitCodes.INVALID;
        } catch (NoSuchElementException e) {
            err.println("greenlight: " + file + " holds no decision " + SafeText.escape(decisionId));
            return ExitCodes.INVALID;
        } catch (IllegalArgumentException e) {
            err.println("greenlight: " + e.getMessage());
            return ExitCodes.INVALID;
        } catch (AuditException | UncheckedIOException e) {
            err.println("greenlight: " + e.getMessage());
            return ExitCodes.CONFIG;
        }
    }

    private static String option(String field) {
        return switch (field) {
            case "artistMessage" -> "message";
            default -> field;
        };
    }
}
