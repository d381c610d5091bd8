package dev.greenlight.cli;

import dev.greenlight.engine.Greenlight;
import dev.greenlight.model.Verdict;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every command that builds an engine shares. */
final class EngineOptions {
    @Option(names = "--rules", paramLabel = "DIR",
            description = "Rules directory (*.drl, recursively). Default: the shipped policy pack.")
    Path rules;

    @Option(names = "--default-verdict", paramLabel = "VERDICT", converter = VerdictConverter.class,
            description = "Verdict when no rule votes: APPROVE, ESCALATE or REJECT. Default: ${DEFAULT-VALUE}.",
            defaultValue = "ESCALATE")
    Verdict defaultVerdict;

    @Option(names = "--max-rule-firings", paramLabel = "N", defaultValue = "10000",
            description = "Most rule firings per decision; reaching it escalates. Default: ${DEFAULT-VALUE}.")
    int maxRuleFirings;

    /** A builder configured from these options (no audit log). */
    Greenlight.GreenlightBuilder builder() {
        Greenlight.GreenlightBuilder b = Greenlight.builder().defaultVerdict(defaultVerdict).maxRuleFirings(maxRuleFirings);
        if (rules != null) {
            b.rulesDirectory(rules);
        }
        return b;
    }

    /** Where the rules come from, for messages. */
    String rulesDescription() {
        return rules != null ? rules.toString() : "the shipped policy pack";
    }

    static final class VerdictConverter implements picocli.CommandLine.ITypeConverter<Verdict> {
        @Override
        public Verdict convert(String value) {
            return Verdict.parse(value);
        }
    }
}
