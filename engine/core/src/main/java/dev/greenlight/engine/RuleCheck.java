package dev.greenlight.engine;

import dev.greenlight.engine.internal.CompiledRules;
import dev.greenlight.engine.internal.RuleCompiler;
import dev.greenlight.engine.internal.RuleFiles;
import dev.greenlight.model.RulesetRef;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks a rule set without building an engine: compile errors, decision-table errors (with sheet
 * and cell), forbidden code, duplicate rule names (errors), and rules that vote without a
 * {@code @policy} id or message, read a signal that neither the pack's vocabulary nor the loaded plugins
 * declare, or compare a field with a value outside the vocabulary (warnings). The same check runs
 * whenever an engine loads rules; a rule set with errors is never loaded. Stateless and thread-safe;
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
        return check(RuleFiles.fromDirectory(dir), plugins);
    }

    /** Checks the rules at a classpath location, with no plugins loaded. */
    public static Report classpath(String location, ClassLoader loader) {
        return classpath(location, loader, PluginSignals.NONE_LOADED);
    }

    /** Checks the rules at a classpath location against what the loaded plugins declare. */
    public static Report classpath(String location, ClassLoader loader, PluginSignals plugins) {
        return check(RuleFiles.fromClasspath(location, loader), plugins);
    }

    private static Report check(RuleFiles files, PluginSignals plugins) {
        RulesetRef ref = new RulesetRef(files.id(), files.version());
        try {
            CompiledRules rules = RuleCompiler.compile(files, plugins);
            return new Report(ref, rules.ruleCount(), rules.warnings());
        } catch (RuleCompilationException e) {
            return new Report(ref, 0, e.problems());
        }
    }
}
