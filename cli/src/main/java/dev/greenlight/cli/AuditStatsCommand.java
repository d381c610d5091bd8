package dev.greenlight.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.audit.AuditException;
import dev.greenlight.audit.Review;
import dev.greenlight.json.ModelJson;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Reason;
import dev.greenlight.model.Verdict;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Counts of the matching decisions by day (UTC): by verdict, by rule, and how many were reviewed. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        header = "Counts logged decisions by day, verdict and rule.",
        description = {"Counts the logged decisions that match the filters, per day (UTC): by the engine's verdict,",
            "by the final verdict after review, and by rule (decisions in which the rule voted, by its vote)."})
final class AuditStatsCommand implements Callable<Integer> {
    enum Format { text, json }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "0..1", description = "The audit log (or --db).")
    Path file;

    @Mixin
    DbOptions db;

    @Mixin
    AuditQuery query;

    @Option(names = "--format", defaultValue = "text", description = "text or json. Default: ${DEFAULT-VALUE}.")
    Format format;

    /** The counts of one day (or of all). */
    static final class Counts {
        long decisions;
        long reviewed;
        final Map<Verdict, Long> verdicts = new EnumMap<>(Verdict.class);
        final Map<Verdict, Long> finalVerdicts = new EnumMap<>(Verdict.class);
        final Map<String, Map<Verdict, Long>> rules = new TreeMap<>();

        void add(Decision decision, List<Review> reviews) {
            decisions++;
            Verdict v = decision.verdict();
            verdicts.merge(v, 1L, Long::sum);
            Verdict fin = reviews.isEmpty() ? v : reviews.get(reviews.size() - 1).verdict();
            finalVerdicts.merge(fin, 1L, Long::sum);
            if (!reviews.isEmpty()) {
                reviewed++;
            }
            Set<String> seen = new HashSet<>();
            for (Reason r : decision.reasons()) {
                String rule = r.rule();
                if (seen.add(rule + "|" + r.verdict())) {
                    rules.computeIfAbsent(rule, k -> new EnumMap<>(Verdict.class))
                            .merge(r.verdict(), 1L, Long::sum);
                }
            }
        }

        ObjectNode json() {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("decisions", decisions);
            o.put("reviewed", reviewed);
            ObjectNode v = o.putObject("verdicts");
            ObjectNode f = o.putObject("finalVerdicts");
            for (Verdict x : Verdict.values()) {
                v.put(x.name(), verdicts.getOrDefault(x, 0L));
                f.put(x.name(), finalVerdicts.getOrDefault(x, 0L));
            }
            ObjectNode rs = o.putObject("rules");
            rules.forEach((rule, votes) -> {
                ObjectNode r = rs.putObject(rule);
                votes.forEach((verdict, n) -> r.put(verdict.name(), n));
            });
            return o;
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        AuditSource source = AuditSource.of(file, db, err).orElse(null);
        if (source == null || !query.prepare(source, err)) {
            return ExitCodes.CONFIG;
        }
        Map<LocalDate, Counts> days = new TreeMap<>();
        Counts total = new Counts();
        try {
            if (source.readsPart(query)) {
                // a log file with --since/--until: the range's decisions through the index by time, then
                // only their reviews through the index by id (not every review of the log)
                record Matched(String id, java.time.Instant at, Decision decision) {
                }
                List<Matched> matched = new java.util.ArrayList<>();
                source.readDecisions(query, rec -> {
                    if (query.matches(rec, Map.of())) {
                        matched.add(new Matched(rec.decisionId(), rec.decidedAt(), rec.decision()));
                    }
                });
                Map<String, List<Review>> reviews = source.reviewsOf(matched.stream().map(Matched::id).toList());
                for (Matched m : matched) {
                    List<Review> rs = reviews.getOrDefault(m.id(), List.of());
                    days.computeIfAbsent(LocalDate.ofInstant(m.at(), ZoneOffset.UTC), k -> new Counts()).add(m.decision(), rs);
                    total.add(m.decision(), rs);
                }
                return print(days, total, out);
            }
            Map<String, List<Review>> reviews = source.reviews();
            source.read(rec -> {
                if (query.matches(rec, reviews)) {
                    List<Review> rs = reviews.getOrDefault(rec.decisionId(), List.of());
                    Decision d = rec.decision();
                    days.computeIfAbsent(LocalDate.ofInstant(rec.decidedAt(), ZoneOffset.UTC), k -> new Counts()).add(d, rs);
                    total.add(d, rs);
                }
            });
        } catch (IOException | AuditException e) {
            err.println("greenlight: cannot read " + source.name() + ": " + e.getMessage());
            return ExitCodes.INVALID;
        }
        return print(days, total, out);
    }

    private int print(Map<LocalDate, Counts> days, Counts total, PrintWriter out) {
        if (format == Format.json) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            var list = o.putArray("days");
            days.forEach((day, c) -> list.add(c.json().put("day", day.toString())));
            o.set("total", total.json());
            out.println(ModelJson.write(o));
            return ExitCodes.OK;
        }
        out.printf("%-10s  %9s  %8s  %11s  %8s  %8s  %8s%n", "day", "decisions", "APPROVE", "CONDITIONAL", "ESCALATE", "REJECT",
                "reviewed");
        days.forEach((day, c) -> row(out, day.toString(), c));
        row(out, "total", total);
        if (!total.rules.isEmpty()) {
            out.println();
            out.printf("%-10s  %-40s  %8s  %11s  %8s  %8s%n", "day", "rule (decisions it voted in)", "APPROVE", "CONDITIONAL",
                    "ESCALATE", "REJECT");
            days.forEach((day, c) -> c.rules.forEach((rule, votes) -> out.printf("%-10s  %-40s  %8d  %11d  %8d  %8d%n", day,
                    rule, votes.getOrDefault(Verdict.APPROVE, 0L), votes.getOrDefault(Verdict.APPROVE_WITH_CONDITIONS, 0L),
                    votes.getOrDefault(Verdict.ESCALATE, 0L), votes.getOrDefault(Verdict.REJECT, 0L))));
        }
        return ExitCodes.OK;
    }

    private static void row(PrintWriter out, String day, Counts c) {
        // CONDITIONAL counts APPROVE_WITH_CONDITIONS: a column of its own, never added to APPROVE
        out.printf("%-10s  %9d  %8d  %11d  %8d  %8d  %8d%n", day, c.decisions, c.verdicts.getOrDefault(Verdict.APPROVE, 0L),
                c.verdicts.getOrDefault(Verdict.APPROVE_WITH_CONDITIONS, 0L), c.verdicts.getOrDefault(Verdict.ESCALATE, 0L),
                c.verdicts.getOrDefault(Verdict.REJECT, 0L), c.reviewed);
    }
}
