package dev.greenlight.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.audit.AuditException;
import dev.greenlight.audit.AuditReader;
import dev.greenlight.audit.AuditRecord;
import dev.greenlight.audit.Review;
import dev.greenlight.engine.Explanation;
import dev.greenlight.engine.Greenlight;
import dev.greenlight.engine.GreenlightBuilder;
import dev.greenlight.engine.RuleCheck;
import dev.greenlight.ruleset.TableRow;
import dev.greenlight.json.InvalidSubmissionException;
import dev.greenlight.json.ModelJson;
import dev.greenlight.json.SubmissionReader;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Reason;
import dev.greenlight.model.Submission;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Re-decides logged decisions with their logged inputs under candidate rules and reports what would
 * change (impact analysis); or re-decides one logged decision under the rules it was made with and
 * checks that it comes out the same.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        header = "Re-decides logged decisions under candidate rules and reports what would change.",
        description = {"Re-decides the decisions in an audit log with their logged submissions and signals (no plugin runs",
            "unless --reanalyze) under --rules, and reports what would change: verdict transitions, per-rule changes,",
            "example submission ids. With --decision ID: re-decides that one decision under the rules it was made with",
            "(give them with --rules) and checks it is reproduced exactly, id and time aside (exit 1 when not).",
            "With --baseline DIR (the rules the log was decided with): per changed decision-table row, the decisions it",
            "matched before and after."})
final class ReplayCommand implements Callable<Integer> {
    enum Format { text, json }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    EngineOptions engine;

    @Option(names = "--audit", paramLabel = "FILE", description = "The audit log to replay (or --db).")
    Path audit;

    @Mixin
    DbOptions db;

    @Option(names = "--decision", paramLabel = "ID", description = "Reproduce this one decision exactly.")
    String decisionId;

    @Option(names = "--reanalyze", description = "Run the plugins again on the logged submissions instead of using the logged signals.")
    boolean reanalyze;

    @Option(names = "--media-root", paramLabel = "DIR", description = "With --reanalyze: where media paths resolve.")
    Path mediaRoot;

    @Mixin
    AuditQuery query;

    @Option(names = "--examples", paramLabel = "N", defaultValue = "5",
            description = "Example submission ids per transition and rule. Default: ${DEFAULT-VALUE}.")
    int examples;

    @Option(names = "--format", defaultValue = "text", description = "text or json. Default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(names = "--baseline", paramLabel = "DIR",
            description = "The rules the log was decided with: also report, per decision-table row that differs between them "
                    + "and --rules, how many decisions it matched before and after (a raised limit changes no vote of its own).")
    Path baseline;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        AuditSource source = AuditSource.of(audit, db, err).orElse(null);
        if (source == null || !query.prepare(source, err)) {
            return ExitCodes.CONFIG;
        }
        try {
            Map<String, String> texts = source.erasableTexts();
            if (decisionId != null) {
                return reproduce(source, texts, out, err);
            }
            engine.noPlugins |= !reanalyze; // the logged signals stand in for the plugins' evidence
            Map<String, List<Review>> reviews = Map.of();
            ReplayReport report = new ReplayReport(examples);
            try (Greenlight g = engine.builder().build();
                 Greenlight before = baseline == null ? null : engine.builder(baseline).build()) {
                report.ruleset = g.ruleset();
                TableRowImpact rows = before == null ? null : new TableRowImpact(RuleCheck.tableRows(baseline), candidateRows(), examples);
                report.tableRows = rows;
                SubmissionReader reader = new SubmissionReader();
                source.readDecisions(query, rec -> { // --since/--until: only what the log's index by time names
                    if (query.matches(rec, reviews)) {
                        replayOne(g, reader, rec, texts, report);
                        if (rows != null && !rows.isEmpty()) {
                            compareRows(g, before, reader, rec, texts, rows);
                        }
                    }
                });
            }
            if (format == Format.json) {
                out.println(ModelJson.write(report.json()));
            } else {
                report.print(out, source.name(), engine.rulesDescription());
            }
            return ExitCodes.OK;
        } catch (IOException | AuditException e) {
            err.println("greenlight: cannot read " + source.name() + ": " + e.getMessage());
            return ExitCodes.INVALID;
        } catch (RuntimeException e) {
            return EngineFailures.report(e, err);
        }
    }

    private void replayOne(Greenlight g, SubmissionReader reader, AuditRecord rec, Map<String, String> texts, ReplayReport report) {
        AuditReader.Restored restored = AuditReader.restore(rec, texts);
        Decision logged = parsedDecision(restored, rec);
        Submission s;
        try {
            s = reader.parse(restored.submissionJson().getBytes(StandardCharsets.UTF_8), rec.place());
        } catch (InvalidSubmissionException e) {
            report.notReplayable(logged, "the logged submission does not parse" + (restored.lost().isEmpty() ? ""
                    : " (redacted: " + String.join(", ", restored.lost()) + ")") + ": " + e.getMessage());
            return;
        }
        Decision replayed = reanalyze ? g.explain(s, mediaRoot).decision() : g.replay(s, logged);
        report.add(logged, replayed, !restored.lost().isEmpty());
    }

    private List<TableRow> candidateRows() {
        return engine.rules != null ? RuleCheck.tableRows(engine.rules)
                : RuleCheck.tableRows(GreenlightBuilder.DEFAULT_RULES_LOCATION, getClass().getClassLoader());
    }

    /** Which table rows the decision's inputs match under the baseline and under the candidate rules. */
    private static void compareRows(Greenlight after, Greenlight before, SubmissionReader reader, AuditRecord rec,
                                    Map<String, String> texts, TableRowImpact rows) {
        AuditReader.Restored restored = AuditReader.restore(rec, texts);
        Decision logged = parsedDecision(restored, rec);
        Submission s;
        try {
            s = reader.parse(restored.submissionJson().getBytes(StandardCharsets.UTF_8), rec.place());
        } catch (InvalidSubmissionException e) {
            return; // reported as not replayable already
        }
        Explanation b = before.explain(s, logged.signals());
        Explanation a = after.explain(s, logged.signals());
        rows.add(logged.submissionId(), new HashSet<>(b.firedRules()), new HashSet<>(a.firedRules()),
                b.decision().verdict(), a.decision().verdict());
    }

    /** The logged decision; a record whose bytes hash right but do not hold a valid decision is an audit error. */
    private static Decision parsedDecision(AuditReader.Restored restored, AuditRecord rec) {
        try {
            return restored.decision();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new AuditException("the record at " + rec.place() + " does not hold a valid decision: " + e.getMessage(), e);
        }
    }

    /** {@code --decision ID}: the one decision, under the rules it was made with, must come out the same. */
    private int reproduce(AuditSource source, Map<String, String> texts, PrintWriter out, PrintWriter err) throws IOException {
        AuditRecord[] found = {source.decision(decisionId).orElse(null)};
        if (found[0] == null) {
            err.println("greenlight: " + source.name() + " holds no decision " + decisionId);
            return ExitCodes.INVALID;
        }
        AuditReader.Restored restored = AuditReader.restore(found[0], texts);
        Decision logged = parsedDecision(restored, found[0]);
        Submission s;
        try {
            s = new SubmissionReader().parse(restored.submissionJson().getBytes(StandardCharsets.UTF_8),
                    found[0].place());
        } catch (InvalidSubmissionException e) {
            err.println("greenlight: decision " + decisionId + " cannot be replayed: its logged submission does not parse"
                    + (restored.lost().isEmpty() ? "" : " (redacted: " + String.join(", ", restored.lost()) + ")") + ": "
                    + e.getMessage());
            return ExitCodes.INVALID;
        }
        for (Reason r : logged.reasons()) { // the default verdict it was made with shows in its default reason
            if (r.rule().equals(Greenlight.DEFAULT_RULE)) {
                engine.defaultVerdict = r.verdict();
            }
        }
        engine.noPlugins = true;
        Decision replayed;
        try (Greenlight g = engine.builder().build()) {
            if (!g.ruleset().version().equals(logged.ruleset().version())) {
                err.println("greenlight: decision " + decisionId + " was made with rules " + logged.ruleset().version() + " ("
                        + logged.ruleset().id() + "), but " + engine.rulesDescription() + " are " + g.ruleset().version()
                        + ": give the rules it was made with (--rules DIR)");
                return ExitCodes.CONFIG;
            }
            replayed = g.replay(s, logged);
        } catch (RuntimeException e) {
            return EngineFailures.report(e, err);
        }
        List<String> differences = differences(logged, replayed);
        if (format == Format.json) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("decisionId", decisionId);
            o.put("reproduced", differences.isEmpty());
            differences.forEach(o.putArray("differences")::add);
            restored.lost().forEach(o.putArray("redacted")::add);
            o.set("logged", ModelJson.decision(logged));
            o.set("replayed", ModelJson.decision(replayed));
            out.println(ModelJson.write(o));
        } else if (differences.isEmpty()) {
            out.println("reproduced exactly: decision " + decisionId + " (" + logged.submissionId() + ") " + logged.verdict()
                    + ", rules " + logged.ruleset().version() + ", " + logged.reasons().size() + " reasons, "
                    + logged.signals().size() + " signals (id and time aside)");
        } else {
            err.println("not reproduced: decision " + decisionId + " (" + logged.submissionId() + ")"
                    + (restored.lost().isEmpty() ? "" : "; its inputs were redacted: " + String.join(", ", restored.lost())));
            differences.forEach(d -> err.println("  " + d));
        }
        return differences.isEmpty() ? ExitCodes.OK : ExitCodes.INVALID;
    }

    /** What differs between two decisions, id, times and the rule set's name aside. */
    static List<String> differences(Decision a, Decision b) {
        ObjectNode x = comparable(a);
        ObjectNode y = comparable(b);
        List<String> out = new ArrayList<>();
        x.fieldNames().forEachRemaining(f -> {
            if (!x.get(f).equals(y.get(f))) {
                out.add(f + ": logged " + x.get(f) + ", replayed " + y.get(f));
            }
        });
        return out;
    }

    private static ObjectNode comparable(Decision d) {
        ObjectNode o = ModelJson.decision(d);
        o.remove(List.of("decisionId", "decidedAt", "elapsedMicros"));
        ((ObjectNode) o.get("ruleset")).remove("id");
        for (var c : o.path("conditions")) {
            ((ObjectNode) c).remove("dueAt"); // decidedAt plus the deadline: a time, set aside like decidedAt
        }
        for (var p : o.withArray("plugins")) {
            ((ObjectNode) p).remove("elapsedMicros");
        }
        return o;
    }
}
