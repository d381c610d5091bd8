package dev.greenlight.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.greenlight.ruleset.TableRow;
import dev.greenlight.model.Verdict;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What each edited decision-table row does to the replayed decisions: a table row only inserts facts
 * (a limit), so raising a limit changes no vote of its own and a replay that compares votes says
 * nothing about it. For every row that differs between the baseline rules and the candidate (cells
 * edited, row added or removed) this counts the decisions the row matched before and after, and those
 * whose verdict changed among them, with example submission ids. Not thread-safe.
 */
final class TableRowImpact {
    private final int examples;
    private final Map<String, Change> changed = new LinkedHashMap<>();

    /** One changed row: how it differs, and its counts. */
    private static final class Change {
        final String where;
        final String edit;
        final String name;
        long before;
        long after;
        long verdictChanged;
        final List<String> beforeExamples = new ArrayList<>();
        final List<String> afterExamples = new ArrayList<>();
        final List<String> changedExamples = new ArrayList<>();

        Change(String where, String edit, String name) {
            this.where = where;
            this.edit = edit;
            this.name = name;
        }
    }

    /** The rows that differ between {@code baseline} and {@code candidate}, matched by file and NAME cell. */
    TableRowImpact(List<TableRow> baseline, List<TableRow> candidate, int examples) {
        this.examples = examples;
        Map<String, TableRow> old = new LinkedHashMap<>();
        baseline.forEach(r -> old.put(r.file() + "#" + r.name(), r));
        for (TableRow r : candidate) {
            TableRow was = old.remove(r.file() + "#" + r.name());
            if (was == null) {
                changed.put(r.name(), new Change(r.where(), "added", r.name()));
            } else if (!was.cells().equals(r.cells())) {
                changed.put(r.name(), new Change(r.where(), edits(was, r), r.name()));
            }
        }
        old.values().forEach(r -> changed.put(r.name(), new Change(r.where(), "removed", r.name())));
    }

    private static String edits(TableRow was, TableRow now) {
        List<String> out = new ArrayList<>();
        now.cells().forEach((title, value) -> {
            String before = was.cells().getOrDefault(title, "");
            if (!Objects.equals(before, value)) {
                out.add(title + " " + (before.isEmpty() ? "(empty)" : before) + " -> " + (value.isEmpty() ? "(empty)" : value));
            }
        });
        return String.join(", ", out);
    }

    boolean isEmpty() {
        return changed.isEmpty();
    }

    /** One decision: the rules that fired under the baseline and under the candidate, and its verdicts. */
    void add(String submissionId, Set<String> firedBefore, Set<String> firedAfter, Verdict before, Verdict after) {
        for (Change c : changed.values()) {
            boolean b = firedBefore.contains(c.name);
            boolean a = firedAfter.contains(c.name);
            if (b) {
                c.before++;
                example(c.beforeExamples, submissionId);
            }
            if (a) {
                c.after++;
                example(c.afterExamples, submissionId);
            }
            if ((a || b) && before != after) {
                c.verdictChanged++;
                example(c.changedExamples, submissionId);
            }
        }
    }

    private void example(List<String> list, String id) {
        if (list.size() < examples) {
            list.add(id);
        }
    }

    void print(PrintWriter out) {
        if (changed.isEmpty()) {
            return;
        }
        out.println("changed table rows (decisions the row matched, before -> after):");
        for (Change c : changed.values()) {
            out.printf("  %s (%s): %d -> %d, verdict changed in %d%s%n", c.where, c.edit, c.before, c.after, c.verdictChanged,
                    c.changedExamples.isEmpty() ? (c.afterExamples.isEmpty() ? "" : "; e.g. " + String.join(", ", c.afterExamples))
                            : "; e.g. " + String.join(", ", c.changedExamples));
        }
    }

    ArrayNode json() {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (Change c : changed.values()) {
            var n = a.addObject().put("row", c.where).put("edit", c.edit).put("matchedBefore", c.before)
                    .put("matchedAfter", c.after).put("verdictChanged", c.verdictChanged);
            c.beforeExamples.forEach(n.putArray("examplesBefore")::add);
            c.afterExamples.forEach(n.putArray("examplesAfter")::add);
            c.changedExamples.forEach(n.putArray("examplesVerdictChanged")::add);
        }
        return a;
    }
}
