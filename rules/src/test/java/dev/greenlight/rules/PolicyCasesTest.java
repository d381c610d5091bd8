package dev.greenlight.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.engine.Greenlight;
import dev.greenlight.engine.PolicyCases;
import dev.greenlight.policytest.CaseResult;
import dev.greenlight.policytest.TestReport;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every policy case beside the policies with the same runner as {@code greenlight test}, so
 * {@code mvn -B verify} fails when a case fails or a rule goes untested.
 */
class PolicyCasesTest {
    static final Path POLICIES = Path.of("policies");
    static Greenlight engine;
    static TestReport report;

    @BeforeAll
    static void run() {
        engine = Greenlight.builder().rulesDirectory(POLICIES).build();
        report = PolicyCases.run(engine, POLICIES, List.of());
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @TestFactory
    Stream<DynamicTest> everyCase_passes() {
        return report.results().stream().map(r -> DynamicTest.dynamicTest(r.testCase().file() + ": " + r.testCase().name(),
                () -> assertThat(r.failures()).as(describe(r)).isEmpty()));
    }

    @Test
    void caseFiles_areAllReadable() {
        assertThat(report.caseFileProblems()).isEmpty();
    }

    @Test
    void everyRule_isCovered_andThereAreAtLeast80Cases() {
        assertThat(report.uncovered()).as("rules no case makes fire").isEmpty();
        assertThat(report.results()).hasSizeGreaterThanOrEqualTo(80);
    }

    @Test
    void shippedPack_hasNoWarnings() {
        assertThat(engine.ruleWarnings()).isEmpty();
    }

    private static String describe(CaseResult r) {
        return "votes: " + r.outcome().decision().reasons();
    }
}
