package dev.greenlight.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.audit.VerifyOptions;
import dev.greenlight.audit.VerifyResult;
import dev.greenlight.json.ModelJson;
import dev.greenlight.ship.kafka.KafkaChainVerifier;
import dev.greenlight.ship.postgres.PgChainVerifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code audit verify --db} and {@code --kafka}: every node's chain where it was shipped, one line per log. */
final class ShippedLogsCheck {
    private ShippedLogsCheck() {
    }

    /** One log's name and result. */
    private record Checked(String logId, String node, VerifyResult result, String line) {
    }

    static int run(DbOptions db, String kafka, String topic, VerifyOptions options, boolean json, PrintWriter out,
                   PrintWriter err) {
        List<Checked> checked = new ArrayList<>();
        PgChainVerifier.LinkResult links = null;
        String where;
        try {
            if (db != null) {
                where = db.settings().toString();
                for (PgChainVerifier.LogResult r : PgChainVerifier.verifyAll(db.settings(), options)) {
                    checked.add(new Checked(r.logId(), r.node(), r.result(), r.describe()));
                }
                // reviews written on one node's chain of a decision in another's (a shared review desk)
                links = PgChainVerifier.verifyLinks(db.settings());
            } else {
                where = "kafka " + kafka + " topic " + topic;
                for (KafkaChainVerifier.LogResult r : KafkaChainVerifier.verify(kafka, topic, options, Map.of())) {
                    checked.add(new Checked(r.logId(), null, r.result(), r.describe()));
                }
            }
        } catch (IOException | SQLException | RuntimeException e) {
            err.println("greenlight: cannot read the shipped logs: " + e.getMessage());
            return ExitCodes.CONFIG;
        }
        boolean intact = !checked.isEmpty() && checked.stream().allMatch(c -> c.result().intact())
                && (links == null || links.intact());
        if (json) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("intact", intact).put("source", where);
            ArrayNode logs = o.putArray("logs");
            for (Checked c : checked) {
                ObjectNode l = AuditVerifyCommand.json(c.result());
                l.put("log", c.logId());
                if (c.node() != null) {
                    l.put("node", c.node());
                }
                logs.add(l);
            }
            if (links != null) {
                ObjectNode l = o.putObject("links");
                l.put("checked", links.checked());
                ArrayNode problems = l.putArray("problems");
                links.problems().forEach(problems::add);
            }
            out.println(ModelJson.write(o));
        } else {
            if (checked.isEmpty()) {
                err.println(where + ": holds no logs");
            }
            for (Checked c : checked) {
                (c.result().intact() ? out : err).println(c.line());
            }
            if (links != null && links.checked() > 0) {
                (links.intact() ? out : err).println(links.describe());
                links.problems().forEach(p -> err.println("  " + p));
            }
            if (!checked.isEmpty()) {
                out.println(checked.size() + (checked.size() == 1 ? " log, " : " logs, ")
                        + checked.stream().filter(c -> !c.result().intact()).count() + " with problems ("
                        + where + ")");
                checked.stream().filter(c -> c.result().intact()).findFirst()
                        .ifPresent(c -> c.result().notes().forEach(n -> out.println("  " + n)));
            }
        }
        return intact ? ExitCodes.OK : ExitCodes.INVALID;
    }
}
