package dev.greenlight.cli;

import dev.greenlight.audit.AuditException;
import dev.greenlight.engine.ShadowReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code greenlight shadow …}: shadow rules beside the live ones. */
@Command(name = "shadow", mixinStandardHelpOptions = true,
        description = "Shadow rules: run with 'serve --shadow DIR' (or the engine's startShadow); report here.",
        subcommands = {ShadowCommand.Report.class})
final class ShadowCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Where the shadow and the live verdicts differ, from the audit log. */
    @Command(name = "report", mixinStandardHelpOptions = true,
            description = {"Shows where shadow verdicts differ from live ones in an audit log.",
                "Exit 0 when they never differ, 1 when they do (or the shadow failed)."})
    static final class Report implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--audit", paramLabel = "FILE", required = true, description = "The audit log.")
        Path audit;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "List at most N differences. Default: ${DEFAULT-VALUE}.")
        int limit;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (!AuditLogFile.exists(audit, err)) {
                return ExitCodes.CONFIG;
            }
            ShadowReport r;
            try {
                r = ShadowReport.read(audit);
            } catch (IOException | AuditException e) {
                err.println("greenlight: cannot read " + audit + ": " + e.getMessage());
                return ExitCodes.CONFIG;
            }
            out.printf("%d decisions, %d with a shadow verdict: %d agree, %d differ%n", r.decisions(), r.shadowed(),
                    r.agreed(), r.differences().size());
            r.pairs().forEach((pair, n) -> out.printf("  %-22s %d%n", pair, n));
            int shown = 0;
            for (ShadowReport.Difference d : r.differences()) {
                if (shown++ == limit) {
                    out.println("  … " + (r.differences().size() - limit) + " more");
                    break;
                }
                out.printf("seq %d  decision %s  submission %s  live %s %s  shadow %s %s%n", d.seq(), d.decisionId(),
                        d.submissionId(), d.live(), d.liveRules(), d.shadow(), d.shadowRules());
            }
            return r.differences().isEmpty() ? ExitCodes.OK : ExitCodes.INVALID;
        }
    }
}
