package dev.greenlight.cli.bench;

import dev.greenlight.engine.Greenlight;
import dev.greenlight.engine.GreenlightBuilder;
import dev.greenlight.engine.RuleCheck;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Reason;
import dev.greenlight.model.Signal;
import dev.greenlight.model.Submission;
import dev.greenlight.testkit.BareDrools;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@code greenlight bench --baseline}: bare Drools given the engine's rules and facts, and the check
 * that it casts the engine's votes, so that the ratio compares like with like. Stateless.
 */
public final class Baseline {
    private Baseline() {
    }

    /**
     * The engine's rules (from {@code rulesDir}, or the shipped pack on the class path when null)
     * compiled by plain Drools.
     *
     * @throws IllegalArgumentException when plain Drools cannot compile them
     */
    public static BareDrools compile(Path rulesDir) {
        SortedMap<String, byte[]> sources = rulesDir != null ? new TreeMap<>(RuleCheck.ruleSources(rulesDir))
                : new TreeMap<>(RuleCheck.ruleSources(GreenlightBuilder.DEFAULT_RULES_LOCATION,
                        Baseline.class.getClassLoader()));
        return BareDrools.compile(sources);
    }

    /** The signals the plugins give for each submission, so that bare Drools sees the same facts. */
    public static List<List<Signal>> pluginSignals(Greenlight greenlight, Workload work) {
        List<List<Signal>> found = new ArrayList<>(work.submissions().size());
        for (Submission s : work.submissions()) {
            found.add(greenlight.decide(s, work.mediaRoot()).signals());
        }
        return found;
    }

    /** True when bare Drools casts as many votes as the engine's rules on every submission. */
    public static boolean agrees(Greenlight greenlight, BareDrools bare, Workload work, List<List<Signal>> facts) {
        BareDrools.Evaluator evaluator = bare.evaluator(BareDrools.Mode.STATELESS);
        for (int i = 0; i < work.submissions().size(); i++) {
            Decision d = greenlight.decide(work.submissions().get(i), facts.get(i));
            long votes = d.reasons().stream().map(Reason::rule).filter(r -> !r.startsWith("greenlight.")).count();
            if (votes != evaluator.evaluate(work.submissions().get(i), facts.get(i))) {
                return false;
            }
        }
        return true;
    }
}
