package dev.greenlight.cli;

import dev.greenlight.engine.GreenlightBuilder;
import dev.greenlight.ruleset.PluginSignals;
import dev.greenlight.engine.RuleCheck;
import dev.greenlight.ruleset.RuleProblem;
import dev.greenlight.host.PluginHost;
import dev.greenlight.host.PluginSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
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
            "warnings (no @policy id, empty message, unknown signal name, a value outside the vocabulary) exit 0,",
            "or 1 with --strict. Signal names are checked against the pack's vocabulary and, when plugins are",
            "loaded (--plugins, or the shipped ones), against the names the plugins declare."})
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
            PluginSignals plugins = pluginSignals();
            if (!plugins.loaded()) {
                err.println("note: no plugins loaded (--no-plugins, or none found): signal names are checked against "
                        + "the pack's vocabulary only");
            }
            report = engine.rulesDirectory() != null ? RuleCheck.directory(engine.rulesDirectory(), plugins)
                    : RuleCheck.classpath(GreenlightBuilder.DEFAULT_RULES_LOCATION, getClass().getClassLoader(), plugins);
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

    /** What the plugins that would run declare they emit; started only to ask, then stopped. */
    private PluginSignals pluginSignals() {
        Path dir = engine.pluginsDirectory();
        if (dir == null) {
            return PluginSignals.NONE_LOADED;
        }
        try (PluginHost host = PluginHost.start(dir, engine.pluginSettings == null ? PluginSettings.NONE
                : PluginSettings.load(engine.pluginSettings), Duration.ofMillis(engine.pluginTimeoutMillis), 3, false,
                engine.pluginLock)) {
            return PluginSignals.of(host);
        }
    }
}
