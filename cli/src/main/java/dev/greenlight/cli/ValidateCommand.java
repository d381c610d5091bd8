package dev.greenlight.cli;

import dev.greenlight.engine.Greenlight;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Compiles the rules and reports every problem as {@code file:line:column: message}. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Compiles the rules and prints every problem as file:line:column: message.",
            "Exit 0 only when all rules compile; 2 otherwise."})
final class ValidateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Greenlight g = engine.builder().build()) {
            out.println("ok: " + g.ruleCount() + " rules in " + engine.rulesDescription() + ", version " + g.ruleset().version());
            return ExitCodes.OK;
        } catch (RuntimeException e) {
            return EngineFailures.report(e, spec.commandLine().getErr());
        }
    }
}
