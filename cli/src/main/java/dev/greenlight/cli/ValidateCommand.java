package dev.greenlight.cli;

import dev.greenlight.engine.GreenlightBuilder;
import dev.greenlight.engine.RuleCheck;
import dev.greenlight.ruleset.RuleProblem;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Checks the rules and reports every problem as {@code file:line:column: message}. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        header = "Compiles and checks the rules.",
        description = {"Compiles and checks the rules; prints every problem as file:line:column: message.",
            "Errors (compile errors, bad decision-table cells, forbidden code, duplicate rule names) exit 2;",
            "warnings (no @policy id, empty message, unknown signal name) exit 0, or 1 with --strict."})
final class ValidateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    EngineOptions engine;

    @Option(names = "--strict", description = "Fail (exit 1) on warnings too.")
    boolean strict;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RuleCheck.Report report;
        try {
            report = engine.rulesDirectory() != null ? RuleCheck.directory(engine.rulesDirectory())
                    : RuleCheck.classpath(GreenlightBuilder.DEFAULT_RULES_LOCATION, getClass().getClassLoader());
        } catch (RuntimeException e) {
            return EngineFailures.report(e, err);
        }
        List<RuleProblem> problems = report.problems();
        problems.forEach(err::println);
        long errors = problems.stream().filter(RuleProblem::isError).count();
        long warnings = problems.size() - errors;
        if (errors > 0) {
            err.println(errors + (errors == 1 ? " error" : " errors") + ", " + warnings
                    + (warnings == 1 ? " warning" : " warnings") + " in " + engine.rulesDescription());
            return ExitCodes.CONFIG;
        }
        out.println("ok: " + report.ruleCount() + " rules in " + engine.rulesDescription() + ", version "
                + report.ruleset().version() + (warnings > 0 ? ", " + warnings + " warning(s)" : ""));
        return strict && warnings > 0 ? ExitCodes.INVALID : ExitCodes.OK;
    }
}
