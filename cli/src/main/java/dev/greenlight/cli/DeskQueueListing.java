package dev.greenlight.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.audit.AuditException;
import dev.greenlight.desk.Case;
import dev.greenlight.desk.DeskConfig;
import dev.greenlight.desk.DeskException;
import dev.greenlight.desk.PolicyCatalogue;
import dev.greenlight.desk.Queue;
import dev.greenlight.desk.ReviewDesk;
import dev.greenlight.json.ModelJson;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** {@code audit show --queue Q}: the undecided cases of a queue, rebuilt from the log in one read. */
final class DeskQueueListing {
    private DeskQueueListing() {
    }

    static int print(Path log, String queueName, Path rules, int limit, boolean json, PrintWriter out, PrintWriter err) {
        Queue queue;
        try {
            queue = Queue.parse(queueName);
        } catch (DeskException e) {
            err.println("greenlight: --queue " + e.getMessage().substring("queue: ".length()));
            return ExitCodes.CONFIG;
        }
        try (ReviewDesk desk = ReviewDesk.read(log, rules == null ? PolicyCatalogue.empty() : PolicyCatalogue.load(rules),
                DeskConfig.defaults())) {
            Instant now = Instant.now();
            List<Case> cases = desk.list(queue, null, 0, Math.max(1, Math.min(limit, 1_000))).stream()
                    .filter(Case::isOpen).toList();
            for (Case c : cases) {
                out.println(json ? ModelJson.write(json(c, now)) : line(c, now));
            }
            if (!json) {
                err.println(cases.size() + " undecided in " + queue.id());
            }
            return ExitCodes.OK;
        } catch (AuditException | UncheckedIOException | DeskException e) {
            err.println("greenlight: cannot read " + log + ": " + e.getMessage());
            return ExitCodes.INVALID;
        }
    }

    private static String line(Case c, Instant now) {
        return String.format("%-10s %-7s p%-3d %-16s opened %s  due %s%s  decision %s  submission %s%s", c.caseId(),
                c.state().id(), c.priority(), c.area().isEmpty() ? "-" : c.area(), c.openedAt(), c.dueAt(),
                c.pastDue(now) ? " (past due)" : "", c.decisionId(), c.submissionId(),
                c.decidedBy() != null ? "  decided before by " + c.decidedBy() : "");
    }

    private static ObjectNode json(Case c, Instant now) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("caseId", c.caseId());
        o.put("decisionId", c.decisionId());
        o.put("submissionId", c.submissionId());
        o.put("queue", c.queue().id());
        o.put("state", c.state().id());
        o.put("priority", c.priority());
        o.put("area", c.area());
        o.put("openedAt", c.openedAt().toString());
        o.put("dueAt", c.dueAt().toString());
        o.put("pastDue", c.pastDue(now));
        o.put("version", c.version());
        if (c.decidedBy() != null) {
            o.put("decidedBy", c.decidedBy());
        }
        return o;
    }
}
