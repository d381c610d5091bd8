package dev.greenlight.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.engine.Explanation;
import dev.greenlight.engine.Greenlight;
import dev.greenlight.json.BatchItem;
import dev.greenlight.json.InputProblem;
import dev.greenlight.json.ModelJson;
import dev.greenlight.json.SubmissionReader;
import dev.greenlight.model.Decision;
import dev.greenlight.model.PluginRun;
import dev.greenlight.model.Reason;
import dev.greenlight.model.Signal;
import dev.greenlight.model.Submission;
import dev.greenlight.model.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Explains decisions: the signals by plugin (with time), each rule that fired with the facts it
 * matched and their values, how the votes combined, and the message the artist sees. Records
 * nothing.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        header = "Explains why each submission got its decision.",
        description = {"Explains the decision for each submission in FILE: signals by plugin, every rule that fired",
            "with the facts it matched, how the votes combined, and what the artist sees. Records nothing."})
final class ExplainCommand implements Callable<Integer> {
    enum Format { text, json }

    private static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    EngineOptions engine;

    @Option(names = "--format", defaultValue = "text", description = "text or json. Default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(names = "--id", paramLabel = "ID", description = "Explain only the submission with this id.")
    String id;

    @Parameters(paramLabel = "FILE", description = "A submission file (one object, JSON Lines or an array), or - for standard input.")
    String file;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean stdin = "-".equals(file);
        Path root = stdin ? Path.of("").toAbsolutePath() : Path.of(file).toAbsolutePath().getParent();
        int[] counts = new int[2];
        try (Greenlight g = engine.builder().build();
             InputStream in = stdin ? System.in : Files.newInputStream(Path.of(file))) {
            new SubmissionReader().readBatch(in, stdin ? "<stdin>" : file, item -> {
                if (item instanceof BatchItem.Valid v && (id == null || id.equals(v.submission().getId()))) {
                    Explanation e = g.explain(v.submission(), root);
                    out.println(format == Format.json ? json(v.submission(), e) : text(v.submission(), e));
                    counts[0]++;
                } else if (item instanceof BatchItem.Invalid inv) {
                    inv.problems().stream().map(InputProblem::toString).forEach(err::println);
                    counts[1]++;
                }
            });
        } catch (IOException e) {
            err.println("greenlight: cannot read " + file + ": " + e.getMessage());
            return ExitCodes.INVALID;
        } catch (RuntimeException e) {
            return EngineFailures.report(e, err);
        }
        if (counts[0] == 0 && counts[1] == 0) {
            err.println("greenlight: no submission" + (id == null ? "" : " with id " + id) + " in " + file);
            return ExitCodes.INVALID;
        }
        return counts[1] > 0 ? ExitCodes.INVALID : ExitCodes.OK;
    }

    static String text(Submission s, Explanation e) {
        Decision d = e.decision();
        StringBuilder sb = new StringBuilder();
        sb.append("Submission ").append(s.getId()).append(": ").append(s.getIntendedUse()).append(" use by ")
                .append(s.getSubmitter().getId()).append(" (").append(s.getSubmitter().getProgram().isEmpty() ? "no programme"
                        : s.getSubmitter().getProgram() + " programme").append(s.getSubmitter().isVerified() ? ", verified" : ", unverified")
                .append(")\n\nSignals\n");
        Map<String, List<Signal>> bySource = d.signals().stream().collect(Collectors.groupingBy(Signal::getSource,
                java.util.LinkedHashMap::new, Collectors.toList()));
        for (PluginRun p : d.plugins()) {
            sb.append("  ").append(p.id()).append(' ').append(p.version()).append(" (").append(p.elapsedMicros()).append(" µs")
                    .append(p.failed() ? ", FAILED" : "").append(")\n");
            List<Signal> own = bySource.getOrDefault(p.id(), List.of());
            if (own.isEmpty()) {
                sb.append("    (no signals)\n");
            }
            own.forEach(sig -> sb.append("    ").append(describe(sig)).append('\n'));
        }
        bySource.forEach((src, list) -> {
            if (d.plugins().stream().noneMatch(p -> p.id().equals(src))) {
                sb.append("  ").append(src).append('\n');
                list.forEach(sig -> sb.append("    ").append(describe(sig)).append('\n'));
            }
        });
        if (d.plugins().isEmpty() && d.signals().isEmpty()) {
            sb.append("  (no plugins ran)\n");
        }
        sb.append("\nRules that fired, in order\n");
        int n = 0;
        for (Explanation.Firing f : e.firings()) {
            sb.append("  ").append(++n).append(". ").append(f.rule()).append(f.policy() == null ? "" : " [" + f.policy() + "]");
            if (f.votes().isEmpty()) {
                sb.append("  (classifies; casts no vote)\n");
            } else {
                sb.append('\n');
                f.votes().forEach(v -> sb.append("     votes ").append(v.verdict())
                        .append(v.condition() == null ? "" : " (condition " + v.condition() + ")")
                        .append(": ").append(v.message()).append('\n'));
            }
            f.facts().forEach(fact -> sb.append("     matched ").append(fact).append('\n'));
            f.bindings().forEach(b -> sb.append("     where   ").append(b).append('\n'));
        }
        if (n == 0) {
            sb.append("  (none)\n");
        }
        List<Reason> engineReasons = d.reasons().stream().filter(r -> r.rule().startsWith("greenlight.")).toList();
        engineReasons.forEach(r -> sb.append("  engine: ").append(r.rule()).append(" votes ").append(r.verdict())
                .append(": ").append(r.message()).append('\n'));
        sb.append("\nHow the votes combined\n  ").append(combination(d)).append('\n');
        sb.append("\nWhat the artist sees\n");
        d.reasons().stream().filter(r -> r.verdict() == d.verdict())
                .forEach(r -> sb.append("  ").append(d.verdict()).append(": ").append(r.message()).append('\n'));
        if (!d.conditions().isEmpty()) {
            sb.append("\nConditions to fulfil\n");
            d.conditions().forEach(c -> sb.append("  ").append(c.id()).append(c.policy() == null ? "" : " [" + c.policy() + "]")
                    .append(" (rule ").append(c.rule()).append(c.dueAt() == null ? "" : ", due " + c.dueAt()).append("): ")
                    .append(c.message()).append('\n'));
        }
        return sb.toString();
    }

    static String combination(Decision d) {
        Map<Verdict, List<String>> by = new EnumMap<>(Verdict.class);
        for (Reason r : d.reasons()) {
            by.computeIfAbsent(r.verdict(), k -> new ArrayList<>()).add(r.rule());
        }
        String votes = by.entrySet().stream().sorted((a, b) -> b.getKey().compareTo(a.getKey()))
                .map(en -> en.getKey() + " x" + en.getValue().size() + " " + en.getValue())
                .collect(Collectors.joining(", "));
        String why = switch (d.verdict()) {
            case REJECT -> "any REJECT wins";
            case ESCALATE -> "no REJECT, and an ESCALATE outweighs any approval";
            case APPROVE_WITH_CONDITIONS -> "no REJECT or ESCALATE, and a conditional approval outweighs any APPROVE";
            case APPROVE -> "only APPROVE votes";
        };
        if (d.reasons().size() == 1 && d.reasons().get(0).rule().equals(Greenlight.DEFAULT_RULE)) {
            why = "no rule voted, so the default verdict applies";
        }
        return votes + " -> " + d.verdict() + " (" + why + ")";
    }

    private static String describe(Signal s) {
        StringBuilder sb = new StringBuilder(s.getName());
        if (!s.getCategory().isEmpty()) {
            sb.append(" category=").append(s.getCategory());
        }
        if (!s.getValue().isEmpty()) {
            sb.append(" value=\"").append(s.getValue()).append('"');
        }
        if (s.getMediaIndex() != null) {
            sb.append(" media=").append(s.getMediaIndex());
        }
        s.getAttributes().forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
        return sb.toString();
    }

    private static String json(Submission s, Explanation e) {
        ObjectNode o = JSON.createObjectNode();
        o.put("submissionId", s.getId());
        o.set("decision", ModelJson.decision(e.decision()));
        ArrayNode firings = o.putArray("firings");
        for (Explanation.Firing f : e.firings()) {
            ObjectNode n = firings.addObject();
            n.put("rule", f.rule());
            if (f.policy() != null) {
                n.put("policy", f.policy());
            }
            f.facts().forEach(n.putArray("facts")::add);
            ArrayNode b = n.putArray("bindings");
            f.bindings().forEach(b::add);
            ArrayNode votes = n.putArray("votes");
            f.votes().forEach(v -> votes.add(ModelJson.reason(v)));
        }
        o.put("combination", combination(e.decision()));
        return ModelJson.write(o);
    }
}
