package dev.greenlight.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.audit.AuditException;
import dev.greenlight.audit.ConditionLedger;
import dev.greenlight.audit.ConditionState;
import dev.greenlight.json.ModelJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Lists the conditions of logged conditional approvals (docs/contract.md §8) by state: open ones,
 * those open past their deadline, or fulfilled ones. Read from the log alone, so it answers for
 * decisions made under any version of the rules.
 */
@Command(name = "conditions", mixinStandardHelpOptions = true,
        header = "Lists the conditions of conditional approvals: open, overdue or fulfilled.",
        description = {"Lists each condition of each logged conditional approval in the chosen state, one line each",
            "(json: one object a line): when it was decided, the decision and submission, the condition, when it is due,",
            "and for fulfilled ones the fulfilment's record. A condition whose decision a reviewer later decided otherwise",
            "is neither open nor overdue. Exit 0 whatever is listed."})
final class AuditConditionsCommand implements Callable<Integer> {
    enum Format { text, json }

    enum State { open, overdue, fulfilled, all }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The audit log.")
    Path file;

    @Option(names = "--state", defaultValue = "open",
            description = "open, overdue (open past its deadline), fulfilled, or all. Default: ${DEFAULT-VALUE}.")
    State state;

    @Option(names = "--at", paramLabel = "TIME", description = "The time overdue is judged at (RFC 3339). Default: now.")
    Instant at;

    @Option(names = "--format", defaultValue = "text", description = "text or json. Default: ${DEFAULT-VALUE}.")
    Format format;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!AuditLogFile.exists(file, err)) {
            return ExitCodes.CONFIG;
        }
        Instant now = at != null ? at : Instant.now();
        Predicate<ConditionState> wanted = switch (state) {
            case open -> ConditionState::open;
            case overdue -> c -> c.overdue(now);
            case fulfilled -> c -> c.fulfilledAt() != null;
            case all -> c -> true;
        };
        try {
            for (ConditionState c : ConditionLedger.read(file).states()) {
                if (wanted.test(c)) {
                    out.println(format == Format.json ? ModelJson.write(json(c, now)) : line(c, now));
                }
            }
        } catch (IOException | AuditException | java.io.UncheckedIOException e) {
            err.println("greenlight: cannot read " + file + ": " + e.getMessage());
            return ExitCodes.INVALID;
        }
        return ExitCodes.OK;
    }

    private static String line(ConditionState c, Instant now) {
        String status = c.fulfilledAt() != null ? "fulfilled " + c.fulfilledAt() + " (record seq " + c.fulfilmentSeq() + ")"
                : !c.open() ? "moot: final verdict " + c.finalVerdict()
                : c.overdue(now) ? "OVERDUE since " + c.condition().dueAt()
                : c.condition().dueAt() == null ? "open, no deadline" : "open, due " + c.condition().dueAt();
        return c.decidedAt() + "  " + c.decisionId() + "  " + c.submissionId() + "  " + c.condition().id()
                + (c.condition().policy() == null ? "" : " [" + c.condition().policy() + "]") + "  " + status;
    }

    private static ObjectNode json(ConditionState c, Instant now) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("decisionId", c.decisionId());
        o.put("submissionId", c.submissionId());
        o.put("decidedAt", c.decidedAt().toString());
        o.set("condition", ModelJson.condition(c.condition()));
        o.put("finalVerdict", c.finalVerdict().name());
        o.put("open", c.open());
        o.put("overdue", c.overdue(now));
        if (c.fulfilledAt() != null) {
            o.put("fulfilledAt", c.fulfilledAt().toString());
            o.put("fulfilmentSeq", c.fulfilmentSeq());
        }
        return o;
    }
}
