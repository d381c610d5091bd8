package dev.greenlight.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.audit.Appeal;
import dev.greenlight.audit.AuditException;
import dev.greenlight.audit.AuditRecord;
import dev.greenlight.audit.Review;
import dev.greenlight.audit.ReviewDetails;
import dev.greenlight.json.ModelJson;
import dev.greenlight.audit.FulfilmentRecord;
import dev.greenlight.model.Condition;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Fulfilment;
import dev.greenlight.model.Reason;
import dev.greenlight.model.Signal;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Lists logged decisions that match the filters, or one decision's whole history. */
@Command(name = "show", mixinStandardHelpOptions = true,
        header = "Lists logged decisions by filters, or one decision's history.",
        description = {"Lists the logged decisions that match the filters, one line each (json: one object a line),",
            "or with --decision ID one decision's history: the decision (and its conditions), every review and appeal,",
            "every fulfilment of its conditions, the final verdict,",
            "or with --queue Q the review desk's undecided cases in queue Q (review, lead, appeal), rebuilt from the log.",
            "Text from outside (names, notes, messages) is shown with control and bidi characters escaped.",
            "Exit 1 when --decision names no logged decision."})
final class AuditShowCommand implements Callable<Integer> {
    private static final ObjectMapper READER = new ObjectMapper();
    enum Format { text, json }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "0..1", description = "The audit log (or --db).")
    Path file;

    @Mixin
    DbOptions db;

    @Option(names = "--decision", paramLabel = "ID", description = "Show this decision's history.")
    String decisionId;

    @Option(names = "--queue", paramLabel = "QUEUE", description = {"List the undecided cases of this queue (review, lead,",
        "appeal), highest priority and oldest first. --rules DIR gives the areas their priority."})
    String queue;

    @Option(names = "--rules", paramLabel = "DIR", description = {"With --queue: the rules directory whose catalogue.yaml",
        "maps policies to areas (priority). Default: none (every case priority 0)."})
    Path rules;

    @Mixin
    AuditQuery query;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "1000", description = "Show at most N decisions. Default: ${DEFAULT-VALUE}.")
    int limit;

    @Option(names = "--format", defaultValue = "text", description = "text or json. Default: ${DEFAULT-VALUE}.")
    Format format;

    @Override
    public Integer call() {
        PrintWriter out = format == Format.json ? SafeOutput.json(spec.commandLine().getOut())
                : SafeOutput.text(spec.commandLine().getOut());
        PrintWriter err = SafeOutput.text(spec.commandLine().getErr());
        AuditSource source = AuditSource.of(file, db, err).orElse(null);
        if (source == null || !query.prepare(source, err)) {
            return ExitCodes.CONFIG;
        }
        if (queue != null) {
            if (source.logFile() == null) {
                err.println("greenlight: --queue rebuilds the review desk from one audit log FILE; it does not work with --db");
                return ExitCodes.CONFIG;
            }
            return DeskQueueListing.print(file, queue, rules, limit, format == Format.json, out, err);
        }
        try {
            if (decisionId != null) {
                return history(source, out, err);
            }
            // one read of the log (or of the stretches --since/--until name), not one for reviews and one for decisions
            AuditSource.Listing listing = source.list(query, limit);
            for (AuditRecord rec : listing.decisions()) {
                List<Review> rs = listing.reviews().getOrDefault(rec.decisionId(), List.of());
                out.println(format == Format.json ? ModelJson.write(json(rec, rs)) : line(rec, rs));
            }
            return ExitCodes.OK;
        } catch (IOException | AuditException e) {
            err.println("greenlight: cannot read " + source.name() + ": " + e.getMessage());
            return ExitCodes.INVALID;
        }
    }

    /** One decision's records: from a log file through its index (AuditReader.find), not by reading the log. */
    private int history(AuditSource source, PrintWriter out, PrintWriter err) throws IOException {
        List<AuditRecord> records = source.ofDecision(decisionId);
        AuditRecord rec = null;
        List<Review> rs = new ArrayList<>();
        List<FulfilmentRecord> fulfilments = new ArrayList<>();
        List<AuditRecord> followUps = new ArrayList<>();
        for (AuditRecord r : records) {
            if (r.isDecision()) {
                rec = r;
            } else if (r.isReview()) {
                rs.add(r.review());
                followUps.add(r);
            } else if (r.isAppeal()) {
                followUps.add(r);
            } else if (r.isFulfilment()) {
                fulfilments.add(r.fulfilment());
            }
        }
        if (rec == null) {
            err.println("greenlight: " + source.name() + " holds no decision " + decisionId);
            return ExitCodes.INVALID;
        }
        rs.sort(java.util.Comparator.comparing(Review::reviewedAt)); // a database lists them chain by chain
        if (format == Format.json) {
            out.println(ModelJson.write(json(rec, rs)));
            return ExitCodes.OK;
        }
        Decision d = rec.decision();
        out.println("decision " + decisionId + "  submission " + d.submissionId() + "  record seq " + rec.seq()
                + " (" + rec.place() + ")");
        out.println("  " + d.decidedAt() + "  decided  " + d.verdict() + "  by rules "
                + d.ruleset().id() + " " + d.ruleset().version());
        for (Reason r : d.reasons()) {
            out.println("      " + String.format("%-8s", r.verdict()) + " " + r.rule()
                    + (r.policy() != null ? " [" + r.policy() + "]" : "") + ": " + r.message());
        }
        for (Signal s : d.signals()) {
            out.println("      signal " + s.getSource() + ":" + s.getName()
                    + (s.getCategory() != null && !s.getCategory().isEmpty() ? " " + s.getCategory() : "")
                    + (s.getValue() != null && !s.getValue().isEmpty() ? " '" + s.getValue() + "'" : ""));
        }
        for (Condition c : d.conditions()) {
            out.println("      condition " + c.id() + (c.policy() != null ? " [" + c.policy() + "]" : "")
                    + (c.dueAt() != null ? " due " + c.dueAt() : "") + ": " + c.message());
        }
        List<String> redacted = rec.redactions();
        if (!redacted.isEmpty()) {
            out.println("      redacted: " + String.join(", ", redacted));
        }
        for (AuditRecord f : followUps) {
            if (f.isAppeal()) {
                Appeal a = f.appeal();
                out.println("  " + a.appealedAt() + "  appeal by the artist (record seq " + a.seq() + "): " + a.text());
                continue;
            }
            Review r = f.review();
            ReviewDetails x = f.reviewDetails();
            out.println("  " + r.reviewedAt() + "  review  " + r.verdict() + "  by " + r.reviewer()
                    + (x.queue() != null ? " in " + x.queue() : "") + (x.caseId() != null ? " case " + x.caseId() : "")
                    + (x.policy() != null ? " [" + x.policy() + "]" : "")
                    + " (was " + r.previousVerdict() + ", round " + r.round() + ", record seq " + r.seq() + ")"
                    + (r.note().isEmpty() ? "" : ": " + r.note()));
            if (x.artistMessage() != null) {
                out.println("      to the artist: " + x.artistMessage());
            }
        }
        for (FulfilmentRecord f : fulfilments) {
            for (Fulfilment c : f.conditions()) {
                out.println("  " + f.fulfilledAt() + "  fulfilled " + c.id() + " (record seq " + f.seq() + "): " + c.evidence());
            }
        }
        out.println("  final verdict: " + AuditQuery.finalVerdict(rec, rs)
                + (rs.isEmpty() ? " (the engine's; not reviewed)" : " (reviewer " + rs.get(rs.size() - 1).reviewer() + ")"));
        return ExitCodes.OK;
    }

    private static String line(AuditRecord rec, List<Review> rs) {
        Decision d = rec.decision();
        StringBuilder rules = new StringBuilder();
        for (Reason r : d.reasons()) {
            if (r.verdict() == d.verdict()) {
                rules.append(rules.length() == 0 ? "" : ",").append(r.rule());
            }
        }
        String reviewed = rs.isEmpty() ? "" : "  -> " + rs.get(rs.size() - 1).verdict() + " by " + rs.get(rs.size() - 1).reviewer()
                + (rs.size() > 1 ? " (" + rs.size() + " reviews)" : "");
        return d.decidedAt() + "  " + rec.decisionId() + "  " + d.submissionId() + "  "
                + String.format("%-8s", d.verdict()) + " " + rules + reviewed;
    }

    static ObjectNode json(AuditRecord rec, List<Review> rs) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("seq", rec.seq());
        o.put("file", rec.file().toString());
        o.put("line", rec.line());
        for (String member : List.of("decision", "submission", "redactions")) {
            String json = rec.member(member);
            if (json != null) {
                o.set(member, tree(json));
            }
        }
        ArrayNode reviews = o.putArray("reviews");
        for (Review r : rs) {
            ObjectNode n = reviews.addObject();
            n.put("seq", r.seq());
            n.put("round", r.round());
            n.put("reviewer", r.reviewer());
            n.put("verdict", r.verdict().name());
            n.put("previousVerdict", r.previousVerdict() == null ? null : r.previousVerdict().name());
            n.put("note", r.note());
            n.put("reviewedAt", r.reviewedAt().toString());
        }
        o.put("finalVerdict", AuditQuery.finalVerdict(rec, rs).name());
        return o;
    }

    /** A record member's JSON, as a tree to embed in this command's output. */
    private static JsonNode tree(String json) {
        try {
            return READER.readTree(json);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
