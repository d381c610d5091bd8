package dev.greenlight.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Reason;
import dev.greenlight.model.RulesetRef;
import dev.greenlight.model.Verdict;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a replay found: how many decisions kept or changed their verdict, the transitions
 * ({@code APPROVE -> REJECT} …), and per rule the decisions where its vote changed (it started or
 * stopped voting, or voted otherwise), each with example submission ids; plus every changed
 * decision. Not thread-safe.
 */
final class ReplayReport {
    private final int examples;
    RulesetRef ruleset;
    /** Per changed table row, with --baseline; null without. */
    TableRowImpact tableRows;
    long replayed;
    long verdictChanged;
    long reasonsChanged;
    long conditionsChanged;
    long withRedactedInputs;
    private final Map<String, Group> transitions = new TreeMap<>();
    private final Map<String, RuleChange> rules = new TreeMap<>();
    private final List<ObjectNode> changes = new ArrayList<>();
    private final List<String[]> notReplayable = new ArrayList<>();

    ReplayReport(int examples) {
        this.examples = examples;
    }

    /** Decisions with examples. */
    private static final class Group {
        long count;
        final List<String> examples = new ArrayList<>();
    }

    /** How one rule's votes changed. */
    private static final class RuleChange {
        final Group started = new Group();
        final Group stopped = new Group();
        final Group changed = new Group();
    }

    void notReplayable(Decision logged, String problem) {
        notReplayable.add(new String[] {logged.decisionId(), logged.submissionId(), problem});
    }

    void add(Decision logged, Decision replayed, boolean redacted) {
        this.replayed++;
        if (redacted) {
            withRedactedInputs++;
        }
        Map<String, Verdict> before = votes(logged);
        Map<String, Verdict> after = votes(replayed);
        boolean votesDiffer = !before.equals(after);
        // a conditional approval that asks for other conditions is a change, even with the same verdict
        boolean conditionsDiffer = !logged.conditionIds().equals(replayed.conditionIds());
        if (logged.verdict() != replayed.verdict()) {
            verdictChanged++;
            add(transitions.computeIfAbsent(logged.verdict() + " -> " + replayed.verdict(), k -> new Group()), logged);
        } else if (conditionsDiffer) {
            conditionsChanged++;
        } else if (votesDiffer) {
            reasonsChanged++;
        }
        if (!votesDiffer && !conditionsDiffer && logged.verdict() == replayed.verdict()) {
            return;
        }
        ObjectNode c = JsonNodeFactory.instance.objectNode();
        c.put("decisionId", logged.decisionId());
        c.put("submissionId", logged.submissionId());
        c.put("from", logged.verdict().name());
        c.put("to", replayed.verdict().name());
        if (conditionsDiffer) {
            logged.conditionIds().forEach(c.putArray("conditionsBefore")::add);
            replayed.conditionIds().forEach(c.putArray("conditionsAfter")::add);
        }
        ArrayNode ruleList = c.putArray("rules");
        Map<String, Boolean> union = new TreeMap<>();
        before.keySet().forEach(r -> union.put(r, true));
        after.keySet().forEach(r -> union.put(r, true));
        for (String rule : union.keySet()) {
            Verdict b = before.get(rule);
            Verdict a = after.get(rule);
            if (b == a) {
                continue;
            }
            RuleChange rc = rules.computeIfAbsent(rule, k -> new RuleChange());
            add(b == null ? rc.started : a == null ? rc.stopped : rc.changed, logged);
            ruleList.addObject().put("rule", rule).put("before", b == null ? null : b.name()).put("after", a == null ? null : a.name());
        }
        changes.add(c);
    }

    private void add(Group g, Decision d) {
        g.count++;
        if (g.examples.size() < examples) {
            g.examples.add(d.submissionId());
        }
    }

    /** Each voting rule with its strongest vote. */
    private static Map<String, Verdict> votes(Decision d) {
        Map<String, Verdict> out = new HashMap<>();
        for (Reason r : d.reasons()) {
            out.merge(r.rule(), r.verdict(), (x, y) -> x.strongest(y));
        }
        return out;
    }

    ObjectNode json() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.putObject("ruleset").put("id", ruleset.id()).put("version", ruleset.version());
        o.put("replayed", replayed);
        o.put("unchanged", replayed - verdictChanged - reasonsChanged - conditionsChanged);
        o.put("verdictChanged", verdictChanged);
        o.put("reasonsChanged", reasonsChanged);
        o.put("conditionsChanged", conditionsChanged);
        o.put("notReplayable", notReplayable.size());
        o.put("withRedactedInputs", withRedactedInputs);
        ArrayNode t = o.putArray("transitions");
        transitions.forEach((k, g) -> {
            String[] fromTo = k.split(" -> ");
            ObjectNode n = t.addObject().put("from", fromTo[0]).put("to", fromTo[1]).put("count", g.count);
            g.examples.forEach(n.putArray("examples")::add);
        });
        ArrayNode r = o.putArray("rules");
        rules.forEach((rule, rc) -> {
            ObjectNode n = r.addObject().put("rule", rule);
            group(n, "started", rc.started);
            group(n, "stopped", rc.stopped);
            group(n, "changed", rc.changed);
        });
        if (tableRows != null) {
            o.set("tableRows", tableRows.json());
        }
        ArrayNode nr = o.putArray("notReplayableDecisions");
        for (String[] x : notReplayable) {
            nr.addObject().put("decisionId", x[0]).put("submissionId", x[1]).put("problem", x[2]);
        }
        ArrayNode ch = o.putArray("changes");
        changes.forEach(ch::add);
        return o;
    }

    private static void group(ObjectNode n, String name, Group g) {
        ObjectNode o = n.putObject(name).put("count", g.count);
        g.examples.forEach(o.putArray("examples")::add);
    }

    void print(PrintWriter out, String audit, String rulesDescription) {
        out.println("replayed " + replayed + " decisions from " + audit + " with " + rulesDescription + " (" + ruleset.version() + ")");
        out.println("  " + (replayed - verdictChanged - reasonsChanged - conditionsChanged) + " unchanged, " + verdictChanged
                + " with another verdict, " + (conditionsChanged > 0 ? conditionsChanged + " with other conditions, " : "")
                + reasonsChanged + " with the same verdict for other reasons, " + notReplayable.size() + " not replayable"
                + (withRedactedInputs > 0 ? "; " + withRedactedInputs + " had redacted inputs (may differ for that reason)" : ""));
        if (!transitions.isEmpty()) {
            out.println("verdict transitions:");
            transitions.forEach((k, g) -> out.printf("  %-22s %7d  e.g. %s%n", k, g.count, String.join(", ", g.examples)));
        }
        if (!rules.isEmpty()) {
            out.println("rule changes (decisions where the rule's vote differs):");
            rules.forEach((rule, rc) -> {
                line(out, rule, "now votes", rc.started);
                line(out, rule, "no longer votes", rc.stopped);
                line(out, rule, "votes otherwise", rc.changed);
            });
        }
        if (tableRows != null) {
            tableRows.print(out);
        }
        for (String[] x : notReplayable.subList(0, Math.min(notReplayable.size(), examples))) {
            out.println("not replayable: decision " + x[0] + " (" + x[1] + "): " + x[2]);
        }
    }

    private static void line(PrintWriter out, String rule, String what, Group g) {
        if (g.count > 0) {
            out.printf("  %-40s %-16s %7d  e.g. %s%n", rule, what, g.count, String.join(", ", g.examples));
        }
    }
}
