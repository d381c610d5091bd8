package dev.greenlight.policytest;

import dev.greenlight.model.Reason;
import dev.greenlight.model.Signal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Runs policy cases through a {@link Decider} and reports each result and the coverage. One runner
 * for the CLI ({@code greenlight test}), the engine's reload check and the policy pack's build.
 * A case that names a rule the rule set does not have, or injects a signal the pack does not declare,
 * cannot fail for the right reason, so it is a problem with the case file, not a pass. Thread-safe
 * (stateless); a null argument throws {@link NullPointerException}.
 */
public final class PolicyTestRunner {
    private PolicyTestRunner() {
    }

    /** Every case file under {@code rulesDir} (or only {@code only}, relative paths, when not empty). */
    public static TestReport run(Decider decider, RuleSet ruleSet, Path rulesDir, List<String> only) {
        return run(decider, ruleSet, readTree(rulesDir), only);
    }

    /** Every case file in {@code tree} (all files of a rules directory by relative path). */
    public static TestReport run(Decider decider, RuleSet ruleSet, Map<String, byte[]> tree, List<String> only) {
        List<String> problems = new ArrayList<>();
        List<PolicyCase> cases = new ArrayList<>();
        for (String path : tree.keySet()) {
            if (CaseFiles.isCaseFile(path.substring(path.lastIndexOf('/') + 1))
                    && (only.isEmpty() || only.stream().anyMatch(o -> path.equals(o) || path.endsWith("/" + o) || path.startsWith(o + "/")))) {
                for (PolicyCase c : CaseFiles.read(path, tree, problems)) {
                    List<String> wrong = unknownNames(c, ruleSet);
                    if (wrong.isEmpty()) {
                        cases.add(c);
                    } else {
                        wrong.forEach(w -> problems.add(c.file() + ": case '" + c.name() + "': " + w));
                    }
                }
            }
        }
        for (String o : only) {
            if (tree.keySet().stream().noneMatch(p -> p.equals(o) || p.endsWith("/" + o) || p.startsWith(o + "/"))) {
                problems.add(o + ": no such case file under the rules");
            }
        }
        List<CaseResult> results = new ArrayList<>();
        Set<String> fired = new TreeSet<>();
        for (PolicyCase c : cases) {
            Outcome e = decider.decide(c.submission(), c.signals());
            fired.addAll(e.firedRules());
            results.add(new CaseResult(c, e, check(c, e)));
        }
        List<String> uncovered = ruleSet.coverable().stream().filter(r -> !fired.contains(r)).toList();
        return new TestReport(results, problems, ruleSet.coverable(), uncovered);
    }

    /** Rule and signal names a case uses that the rule set does not know (a misspelling passes silently otherwise). */
    static List<String> unknownNames(PolicyCase c, RuleSet ruleSet) {
        List<String> out = new ArrayList<>();
        Set<String> rules = new TreeSet<>(ruleSet.ruleNames());
        checkRules(out, "rules", c.rules() == null ? List.of() : c.rules(), rules);
        checkRules(out, "include", c.include(), rules);
        checkRules(out, "exclude", c.exclude(), rules);
        if (!ruleSet.signalNames().isEmpty()) {
            for (Signal s : c.signals()) {
                if (!ruleSet.signalNames().contains(s.getName())) {
                    out.add("signal '" + s.getName() + "' is not a signal the pack declares (known: "
                            + new TreeSet<>(ruleSet.signalNames()) + ")");
                }
            }
        }
        return out;
    }

    private static void checkRules(List<String> out, String key, List<String> names, Set<String> rules) {
        for (String r : names) {
            if (!rules.contains(r)) {
                out.add("expect." + key + " names rule '" + r + "', which the rules do not have" + nearest(r, rules));
            }
        }
    }

    /** "; did you mean x?" for the closest name within a few edits, else "". */
    private static String nearest(String name, Set<String> names) {
        String best = null;
        int bestDistance = 4;
        for (String n : names) {
            int d = distance(name, n);
            if (d < bestDistance) {
                best = n;
                bestDistance = d;
            }
        }
        return best == null ? "" : "; did you mean '" + best + "'?";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** Every file under {@code dir} by '/'-separated relative path: cases resolve their bases inside it. */
    static Map<String, byte[]> readTree(Path dir) {
        Map<String, byte[]> out = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("rules directory does not exist: " + dir);
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (Files.isRegularFile(p)) {
                    out.put(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the cases under " + dir, e);
        }
        return out;
    }

    /** How the decision differs from what the case expects; empty when it passes. */
    static List<String> check(PolicyCase c, Outcome e) {
        List<String> failures = new ArrayList<>();
        var d = e.decision();
        if (d.verdict() != c.verdict()) {
            failures.add("verdict: expected " + c.verdict() + ", got " + d.verdict());
        }
        Set<String> carrying = new LinkedHashSet<>();
        Set<String> voted = new LinkedHashSet<>();
        for (Reason r : d.reasons()) {
            voted.add(r.rule());
            if (r.verdict() == d.verdict()) {
                carrying.add(r.rule());
            }
        }
        if (c.rules() != null) {
            Set<String> missing = new LinkedHashSet<>(c.rules());
            missing.removeAll(carrying);
            Set<String> unexpected = new LinkedHashSet<>(carrying);
            unexpected.removeAll(c.rules());
            if (!missing.isEmpty() || !unexpected.isEmpty()) {
                failures.add("rules: expected " + c.rules() + " to carry the verdict, got " + carrying
                        + (missing.isEmpty() ? "" : "; missing " + missing) + (unexpected.isEmpty() ? "" : "; unexpected " + unexpected));
            }
        }
        for (String r : c.include()) {
            if (!voted.contains(r)) {
                failures.add("include: rule " + r + " did not vote (voted: " + voted + ")");
            }
        }
        for (String r : c.exclude()) {
            if (voted.contains(r)) {
                failures.add("exclude: rule " + r + " voted");
            }
        }
        List<String> carried = d.conditionIds();
        if (c.conditions() != null && !new LinkedHashSet<>(c.conditions()).equals(new LinkedHashSet<>(carried))) {
            failures.add("conditions: expected " + c.conditions() + ", got " + carried);
        }
        for (String id : c.includeConditions()) {
            if (!carried.contains(id)) {
                failures.add("includeConditions: condition " + id + " not set (set: " + carried + ")");
            }
        }
        return failures;
    }
}
