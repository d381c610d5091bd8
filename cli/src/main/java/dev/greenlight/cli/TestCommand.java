package dev.greenlight.cli;

import dev.greenlight.engine.Greenlight;
import dev.greenlight.engine.GreenlightBuilder;
import dev.greenlight.engine.PolicyCases;
import dev.greenlight.model.Reason;
import dev.greenlight.policytest.CaseResult;
import dev.greenlight.policytest.TestReport;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Runs the policy test cases beside the rules: a block per failing case with expected and actual
 * verdict and reasons, the rules no case made fire, and {@code N passed, N failed}.
 */
@Command(name = "test", mixinStandardHelpOptions = true,
        header = "Runs the policy test cases beside the rules.",
        description = {"Runs the policy test cases (*_test.yaml beside the rules) and reports failures and coverage.",
            "Exit 0 when every case passes and coverage is at least --min-coverage; 1 otherwise."})
final class TestCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    EngineOptions engine;

    @Option(names = "--min-coverage", paramLabel = "PERCENT", defaultValue = "0",
            description = "Fail when fewer than this percentage of rules fire in some case. Default: ${DEFAULT-VALUE}.")
    double minCoverage;

    @Option(names = {"-v", "--verbose"}, description = "Also list the cases that pass.")
    boolean verbose;

    @Parameters(arity = "0..*", paramLabel = "CASES",
            description = "Case files or folders, relative to the rules directory. Default: all of them.")
    List<String> only = List.of();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        TestReport report;
        // cases inject their own signals: plugins never run in policy tests
        engine.noPlugins = true;
        try (Greenlight g = engine.builder().build()) {
            report = engine.rulesDirectory() != null ? PolicyCases.run(g, engine.rulesDirectory(), only)
                    : PolicyCases.runClasspath(g, GreenlightBuilder.DEFAULT_RULES_LOCATION,
                            getClass().getClassLoader(), only);
        } catch (RuntimeException e) {
            return EngineFailures.report(e, spec.commandLine().getErr());
        }
        for (String p : report.caseFileProblems()) {
            out.println("ERROR " + p);
        }
        for (CaseResult r : report.results()) {
            if (!r.passed()) {
                printFailure(out, r);
            } else if (verbose) {
                out.println("ok   " + r.testCase().file() + ": " + r.testCase().name());
            }
        }
        int covered = report.allRules().size() - report.uncovered().size();
        out.printf(Locale.ROOT, "coverage: %d of %d rules fired in some case (%.1f%%)%n", covered,
                report.allRules().size(), report.coveragePercent());
        if (!report.uncovered().isEmpty()) {
            out.println("not covered: " + String.join(", ", report.uncovered()));
        }
        boolean coverageOk = report.coveragePercent() + 1e-9 >= minCoverage;
        if (!coverageOk) {
            out.printf(Locale.ROOT, "coverage %.1f%% is below --min-coverage %.1f%%%n", report.coveragePercent(), minCoverage);
        }
        out.println(report.passed() + " passed, " + report.failed() + " failed");
        return report.success() && coverageOk ? ExitCodes.OK : ExitCodes.INVALID;
    }

    private static void printFailure(PrintWriter out, CaseResult r) {
        out.println("FAIL " + r.testCase().file() + ": " + r.testCase().name());
        for (String f : r.failures()) {
            out.println("     " + f);
        }
        out.println("     expected: " + r.testCase().verdict()
                + (r.testCase().rules() == null ? "" : " carried by " + r.testCase().rules()));
        out.println("     actual:   " + r.outcome().decision().verdict() + ", votes:");
        for (Reason reason : r.outcome().decision().reasons()) {
            out.println("       " + reason.verdict() + " " + reason.rule() + ": " + reason.message());
        }
    }
}
