package dev.greenlight.cli;

import dev.greenlight.audit.AuditException;
import dev.greenlight.engine.GreenlightConfigurationException;
import dev.greenlight.ruleset.RuleCompilationException;
import dev.greenlight.ruleset.RuleProblem;
import java.io.PrintWriter;

/** Turns the engine's configuration failures into messages and exit codes, in one place. */
final class EngineFailures {
    private EngineFailures() {
    }

    /** Prints {@code e} for people and returns the exit code; rethrows what is not a configuration failure. */
    static int report(RuntimeException e, PrintWriter err) {
        if (e instanceof RuleCompilationException rce) {
            for (RuleProblem p : rce.problems()) {
                err.println(p);
            }
            err.println(rce.problems().size() + (rce.problems().size() == 1 ? " problem" : " problems") + " in the rules");
            return ExitCodes.CONFIG;
        }
        if (e instanceof GreenlightConfigurationException || e instanceof AuditException
                || e instanceof IllegalArgumentException || e instanceof java.io.UncheckedIOException) {
            err.println("greenlight: " + e.getMessage());
            return ExitCodes.CONFIG;
        }
        throw e;
    }
}
