package dev.greenlight.engine;

import dev.greenlight.engine.internal.CompiledRules;
import dev.greenlight.engine.internal.RuleCompiler;
import dev.greenlight.engine.internal.RuleFiles;
import dev.greenlight.engine.internal.RuleSourceException;
import dev.greenlight.model.RulesetRef;
import dev.greenlight.ruleset.RuleCompilationException;
import dev.greenlight.ruleset.RuleProblem;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks a rule set without building an engine: compile errors, decision-table errors (with sheet
 * and cell), forbidden code, duplicate rule names (errors), and rules that vote without a
 * {@code @policy} id or message, or read a signal no shipped plugin produces (warnings). The same
 * check runs whenever an engine loads rules; a rule set with errors is never loaded.
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

    /** Checks the rules under {@code dir}. */
    public static Report directory(Path dir) {
        return check(read(() -> RuleFiles.fromDirectory(dir)));
    }

    /** Checks the rules at a classpath location. */
    public static Report classpath(String location, ClassLoader loader) {
        return check(read(() -> RuleFiles.fromClasspath(location, loader)));
    }

    private static RuleFiles read(java.util.function.Supplier<RuleFiles> files) {
        try {
            return files.get();
        } catch (RuleSourceException e) {
            throw new GreenlightConfigurationException(e.getMessage(), e);
        }
    }

    private static Report check(RuleFiles files) {
        RulesetRef ref = new RulesetRef(files.id(), files.version());
        try {
            CompiledRules rules = RuleCompiler.compile(files);
            return new Report(ref, rules.ruleCount(), rules.warnings());
        } catch (RuleCompilationException e) {
            return new Report(ref, 0, e.problems());
        }
    }
}
