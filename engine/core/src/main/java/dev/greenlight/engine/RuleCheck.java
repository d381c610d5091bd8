package dev.greenlight.engine;

import dev.greenlight.engine.internal.CompiledRules;
import dev.greenlight.engine.internal.RuleCompiler;
import dev.greenlight.engine.internal.PackConventions;
import dev.greenlight.engine.internal.RuleFiles;
import dev.greenlight.engine.internal.RuleSourceException;
import dev.greenlight.engine.internal.TableRows;
import dev.greenlight.engine.internal.Vocabulary;
import dev.greenlight.model.RulesetRef;
import dev.greenlight.ruleset.PluginSignals;
import dev.greenlight.ruleset.RuleCompilationException;
import dev.greenlight.ruleset.RuleProblem;
import dev.greenlight.ruleset.TableRow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a rule set without building an engine: compile errors, decision-table errors (with sheet
 * and cell), forbidden code, duplicate rule names (errors), and rules that vote without a
 * {@code @policy} id or message, read a signal that neither the pack's vocabulary nor the loaded plugins
 * declare, or compare a field with a value outside the vocabulary (warnings). The same check runs
 * whenever an engine loads rules; a rule set with errors is never loaded. A pack with a policy
 * catalogue is also held to its conventions ({@link PackConventions}: catalogued policy ids, plain
 * short messages, cases for every area), as warnings. Stateless and thread-safe;
 * a missing rules location throws {@link GreenlightConfigurationException}.
 */
public final class RuleCheck {
    private RuleCheck() {
    }

    /**
     * What the check found.
     *
     * @param ruleset   the rule set's id and version
     * @param ruleCount how many rules compiled (0 when there are errors)
     * @param problems  errors and warnings, ordered by file and position
     */
    public record Report(RulesetRef ruleset, int ruleCount, List<RuleProblem> problems) {
        public Report {
            problems = List.copyOf(problems);
        }

        public boolean hasErrors() {
            return problems.stream().anyMatch(RuleProblem::isError);
        }
    }

    /** Checks the rules under {@code dir}, with no plugins loaded. */
    public static Report directory(Path dir) {
        return directory(dir, PluginSignals.NONE_LOADED);
    }

    /** Checks the rules under {@code dir}, reading signal names against what the loaded plugins declare. */
    public static Report directory(Path dir, PluginSignals plugins) {
        return check(read(() -> RuleFiles.fromDirectory(dir, n -> true)), plugins);
    }

    /** Checks the rules at a classpath location, with no plugins loaded. */
    public static Report classpath(String location, ClassLoader loader) {
        return classpath(location, loader, PluginSignals.NONE_LOADED);
    }

    private static RuleFiles read(java.util.function.Supplier<RuleFiles> files) {
        try {
            return files.get();
        } catch (RuleSourceException e) {
            throw new GreenlightConfigurationException(e.getMessage(), e);
        }
    }

    /** Checks the rules at a classpath location against what the loaded plugins declare. */
    public static Report classpath(String location, ClassLoader loader, PluginSignals plugins) {
        return check(read(() -> RuleFiles.fromClasspath(location, loader, n -> true)), plugins);
    }

    /** The rule files under {@code dir} ({@code .drl}, {@code .csv}, {@code .xlsx}), by path, as the engine reads them. */
    public static java.util.SortedMap<String, byte[]> ruleSources(Path dir) {
        return read(() -> RuleFiles.fromDirectory(dir)).files();
    }

    /** The rule files at a classpath location, by path, as the engine reads them. */
    public static java.util.SortedMap<String, byte[]> ruleSources(String location, ClassLoader loader) {
        return read(() -> RuleFiles.fromClasspath(location, loader)).files();
    }

    /** Every row of every decision table under {@code dir} (what replay compares row by row). */
    public static List<TableRow> tableRows(Path dir) {
        return TableRows.of(read(() -> RuleFiles.fromDirectory(dir)).files());
    }

    /** Every row of every decision table at a classpath location. */
    public static List<TableRow> tableRows(String location, ClassLoader loader) {
        return TableRows.of(read(() -> RuleFiles.fromClasspath(location, loader)).files());
    }

    /** {@code all}: every file of the rules tree; the rules are compiled, the rest is read by the pack's conventions. */
    private static Report check(RuleFiles all, PluginSignals plugins) {
        RuleFiles files = LiveRules.onlyRules(all);
        RulesetRef ref = new RulesetRef(files.id(), files.version());
        Set<String> signals = new TreeSet<>(Vocabulary.fromTree(all.files()).signals());
        if (plugins.loaded()) {
            signals.addAll(plugins.names());
        }
        List<RuleProblem> conventions = PackConventions.check(all.files(), signals, plugins.byPlugin().keySet());
        try {
            CompiledRules rules = RuleCompiler.compile(files, plugins);
            return new Report(ref, rules.ruleCount(), concat(rules.warnings(), conventions));
        } catch (RuleCompilationException e) {
            return new Report(ref, 0, concat(e.problems(), conventions));
        }
    }

    private static List<RuleProblem> concat(List<RuleProblem> a, List<RuleProblem> b) {
        List<RuleProblem> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
