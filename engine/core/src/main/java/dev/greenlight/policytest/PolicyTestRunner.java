package dev.greenlight.policytest;

import dev.greenlight.engine.Explanation;
import dev.greenlight.engine.Greenlight;
import dev.greenlight.engine.internal.RuleFiles;
import dev.greenlight.model.Reason;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs policy cases against an engine and reports each result and the coverage. One runner for the
 * CLI ({@code greenlight test}) and the policy pack's build. Thread-safe (stateless).
 */
public final class PolicyTestRunner {
    private PolicyTestRunner() {
    }

    /** Every case file under {@code rulesDir} (or only {@code only}, relative paths, when not empty). */
    public static TestReport run(Greenlight engine, Path rulesDir, List<String> only) {
        return run(engine, RuleFiles.fromDirectory(rulesDir, n -> true).files(), only);
    }

    /** Every case file in the rules at a classpath location. */
    public static TestReport runClasspath(Greenlight engine, String location, ClassLoader loader, List<String> only) {
        return run(engine, RuleFiles.fromClasspath(location, loader, n -> true).files(), only);
    }

    /** Every case file in {@code tree} (all files of a rules directory by relative path). */
    public static TestReport run(Greenlight engine, Map<String, byte[]> tree, List<String> only) {
        List<String> problems = new ArrayList<>();
        List<PolicyCase> cases = new ArrayList<>();
        for (String path : tree.keySet()) {
            if (CaseFiles.isCaseFile(path.substring(path.lastIndexOf('/') + 1))
                    && (only.isEmpty() || only.stream().anyMatch(o -> path.equals(o) || path.endsWith("/" + o) || path.startsWith(o + "/")))) {
                cases.addAll(CaseFiles.read(path, tree, problems));
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
            Explanation e = engine.explain(c.submission(), c.signals());
            fired.addAll(e.firedRules());
            results.add(new CaseResult(c, e, check(c, e)));
        }
        List<String> uncovered = engine.ruleNames().stream().filter(r -> !fired.contains(r)).toList();
        return new TestReport(results, problems, engine.ruleNames(), uncovered);
    }

    /** How the decision differs from what the case expects; empty when it passes. */
    static List<String> check(PolicyCase c, Explanation e) {
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
        return failures;
    }
}
