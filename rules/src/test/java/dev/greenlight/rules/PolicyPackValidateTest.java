package dev.greenlight.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.engine.RuleCheck;
import dev.greenlight.ruleset.RuleProblem;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The pack's own build runs {@code greenlight validate --strict} on it: no error and no warning, the
 * conventions included (every policy id catalogued, plain short messages, cases for every area,
 * values and signals from the vocabulary). A warning fails {@code mvn -B verify} as --strict fails CI.
 */
class PolicyPackValidateTest {
    @Test
    void shippedPack_passesValidateStrict() {
        RuleCheck.Report report = RuleCheck.directory(Path.of("policies"));
        assertThat(report.problems()).extracting(RuleProblem::toString).isEmpty();
        assertThat(report.ruleCount()).isGreaterThan(30);
    }
}
