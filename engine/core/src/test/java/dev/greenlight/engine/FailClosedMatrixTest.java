package dev.greenlight.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.greenlight.audit.AuditException;
import dev.greenlight.audit.FailingFsync;
import dev.greenlight.host.PluginHost;
import dev.greenlight.host.PluginSettings;
import dev.greenlight.json.InvalidSubmissionException;
import dev.greenlight.json.ModelJson;
import dev.greenlight.json.SubmissionReader;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Media;
import dev.greenlight.model.Reason;
import dev.greenlight.model.Submission;
import dev.greenlight.model.Verdict;
import dev.greenlight.ruleset.RuleCompilationException;
import dev.greenlight.testing.PluginJars;
import dev.greenlight.testing.RuleDirs;
import dev.greenlight.testing.ShippedPack;
import dev.greenlight.testing.Submissions;
import dev.greenlight.testplugins.FailingStartProvider;
import dev.greenlight.testplugins.GarbageProvider;
import dev.greenlight.testplugins.GoodProvider;
import dev.greenlight.testplugins.HangingProvider;
import dev.greenlight.testplugins.ThrowingProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/reliability.md F1, the fail-closed matrix: one submission that the shipped policy pack approves,
 * decided under each failure in turn. Whatever fails, the verdict is never APPROVE — it is ESCALATE
 * with a reason of its own that names what failed, or, where nothing can be decided (no rules, a
 * log that cannot record, input that is not a submission), there is no decision at all and the
 * error says why.
 */
class FailClosedMatrixTest {
    @TempDir
    static Path dir;

    /** What deciding under one failure came to: a decision, or an error instead of one. */
    record Outcome(Decision decision, Exception refused) {
    }

    @FunctionalInterface
    interface Failure {
        Outcome decide(Path dir) throws Exception;
    }

    /** The submission every row decides: approved by the shipped pack when nothing fails. */
    static Submission submission() {
        return Submissions.base("s-f1").build();
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                // failure, how it is caused, the reason's rule (or the error's type), what the reason or error names
                arguments("plugin error", (Failure) d -> withPlugin(d, "thrower", ThrowingProvider.class),
                        PLUGIN_ERROR, "An automatic check failed"),
                arguments("plugin timeout", (Failure) d -> withPlugin(d, "hang", HangingProvider.class),
                        PLUGIN_ERROR, "An automatic check did not answer in time"),
                arguments("plugin failed to start", (Failure) d -> withPlugin(d, "nostart", FailingStartProvider.class),
                        PLUGIN_ERROR, "An automatic check could not be started"),
                arguments("plugin answered garbage", (Failure) d -> withPlugin(d, "garbage", GarbageProvider.class),
                        PLUGIN_ERROR, "An automatic check gave an invalid answer"),
                arguments("missing required signal", (Failure) FailClosedMatrixTest::mediaNotExamined,
                        "media-not-examined", "Media item 1 could not be examined"),
                arguments("no rule votes", (Failure) d -> withRules(d, """
                        rule "press-only" @policy("X-1") when Submission( intendedUse == "press" ) then verdict.approve("ok"); end
                        """), Greenlight.DEFAULT_RULE, "No policy rule covers this submission"),
                arguments("no rules at all", (Failure) FailClosedMatrixTest::noRules,
                        "RuleCompilationException", "no rule files"),
                arguments("rules that do not compile", (Failure) d -> withRules(d, """
                        rule "broken" when Submission( intendedUse == ) then verdict.approve("ok"); end
                        """), "RuleCompilationException", "rules.drl:4:"),
                arguments("evaluation bound: rule firings", (Failure) d -> withRules(d, APPROVE_ALL + """
                        declare Counter n : int end
                        rule "seed" when not Counter() then insert(new Counter(0)); end
                        rule "runaway" when $c : Counter( n >= 0 ) then modify($c) { setN($c.getN() + 1) }; end
                        """), "greenlight.rule-limit", "rule 'runaway' kept firing past the limit of 500"),
                arguments("evaluation bound: time", (Failure) d -> withRules(d, APPROVE_ALL + """
                        declare Tick n : int end
                        rule "seed" when not Tick() then insert(new Tick(0)); end
                        rule "slow" when $t : Tick( n >= 0 ) then
                            double x = 0; for (int i = 0; i < 2_000_000; i++) { x += Math.sqrt(i + $t.getN()); }
                            if (x < 0) { verdict.approve("never"); }
                            modify($t) { setN($t.getN() + 1) };
                        end
                        """), "greenlight.rule-timeout", "took too long"),
                arguments("a rule throws", (Failure) d -> withRules(d, APPROVE_ALL + """
                        rule "broken-rule" when Submission() then throw new IllegalStateException("boom"); end
                        """), "greenlight.rule-error", "rule 'broken-rule' raised IllegalStateException"),
                arguments("log failure", (Failure) FailClosedMatrixTest::logFailure, "AuditException", "fsync"),
                arguments("invalid input", (Failure) FailClosedMatrixTest::invalidInput,
                        "InvalidSubmissionException", "/intendedUse: is required"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void F1_failClosedMatrix_neverApproves_reasonNamesTheFailure(String failure, Failure cause, String rule, String names)
            throws Exception {
        Path caseDir = Files.createDirectories(dir.resolve(failure.replaceAll("[^a-z]+", "-")));
        Outcome o = cause.decide(caseDir);
        if (o.refused() != null) {
            assertThat(o.decision()).as("nothing is decided").isNull();
            assertThat(o.refused().getClass().getSimpleName()).isEqualTo(rule);
            assertThat(o.refused()).hasMessageContaining(names);
            return;
        }
        Decision d = o.decision();
        assertThat(d.verdict()).as(failure).isEqualTo(Verdict.ESCALATE);
        assertThat(d.reasons()).as(failure).anySatisfy(r -> {
            assertThat(r.rule()).isEqualTo(rule);
            assertThat(r.verdict()).isEqualTo(Verdict.ESCALATE);
            assertThat(r.message()).contains(names);
        });
        if (rule.equals(PLUGIN_ERROR)) {
            // issue 16 item 7: the artist is not shown internal names; the signal keeps the detail
            assertThat(d.reasons()).allSatisfy(r -> assertThat(r.message()).doesNotContain("plugin '", ".jar"));
            assertThat(d.signals()).anySatisfy(sig -> assertThat(sig.getName()).isEqualTo("plugin.error"));
        }
        // what the artist is told never names an approval as the outcome
        assertThat(d.reasons()).extracting(Reason::verdict).containsAnyOf(Verdict.ESCALATE, Verdict.REJECT);
    }

    @Test
    void F1_control_theSameSubmissionWithoutAFailure_isApproved() throws Exception {
        try (Greenlight g = Greenlight.builder().rulesDirectory(ShippedPack.rules()).build()) {
            assertThat(g.decide(submission()).verdict()).isEqualTo(Verdict.APPROVE);
        }
        Path plugins = dir.resolve("control-plugins");
        PluginJars.plugin("good").extension(GoodProvider.class).writeTo(plugins);
        try (Greenlight g = Greenlight.builder().rulesDirectory(ShippedPack.rules()).plugins(plugins).build()) {
            assertThat(g.decide(submission()).verdict()).isEqualTo(Verdict.APPROVE);
        }
    }

    @Test
    void F1_everyFailure_hasItsOwnReason() {
        List<String> reasons = failures().map(a -> a.get()[2] + " / " + a.get()[3]).toList();
        assertThat(reasons).doesNotHaveDuplicates();
    }

    private static final String APPROVE_ALL = "rule \"approve-all\" @policy(\"X-0\") when Submission() "
            + "then verdict.approve(\"Fine.\"); end\n";

    /** The reason the plugin host adds for a failed plugin. */
    private static final String PLUGIN_ERROR = PluginHost.PLUGIN_ERROR_RULE;

    private static Outcome withPlugin(Path d, String id, Class<?> extension) {
        Path plugins = d.resolve("plugins");
        PluginJars.plugin(id).extension(extension).writeTo(plugins);
        PluginJars.plugin("good").extension(GoodProvider.class).writeTo(plugins);
        Map<String, Map<String, String>> settings = Map.of("thrower", Map.of("mode", "runtime"));
        Submission s = id.equals("garbage") ? Submissions.base("s-f1").prompt("null").build() : submission();
        try (Greenlight g = Greenlight.builder().rulesDirectory(ShippedPack.rules()).plugins(plugins)
                .pluginSettings(PluginSettings.of(settings)).pluginTimeout(Duration.ofMillis(300)).build()) {
            return new Outcome(g.decide(s), null);
        }
    }

    private static Outcome mediaNotExamined(Path d) {
        Submission s = submission().toBuilder()
                .media(List.of(Media.builder("image").mimeType("image/png").path("art/boat.png").width(1024).height(1024).build()))
                .build();
        try (Greenlight g = Greenlight.builder().rulesDirectory(ShippedPack.rules()).build()) {
            return new Outcome(g.decide(s, d), null);
        }
    }

    private static Outcome withRules(Path d, String body) {
        Path rules = d.resolve("rules");
        RuleDirs.write(rules, "rules.drl", "f1", body);
        try (Greenlight g = Greenlight.builder().rulesDirectory(rules).maxRuleFirings(500)
                .ruleTimeout(Duration.ofMillis(500)).build()) {
            return new Outcome(g.decide(submission()), null);
        } catch (RuleCompilationException e) {
            return new Outcome(null, e);
        }
    }

    private static Outcome noRules(Path d) throws Exception {
        Path rules = Files.createDirectories(d.resolve("rules"));
        try (Greenlight g = Greenlight.builder().rulesDirectory(rules).build()) {
            return new Outcome(g.decide(submission()), null);
        } catch (RuleCompilationException e) {
            return new Outcome(null, e);
        }
    }

    private static Outcome logFailure(Path d) {
        try (Greenlight g = Greenlight.builder().rulesDirectory(ShippedPack.rules())
                .auditLog(FailingFsync.config(d.resolve("audit.jsonl"))).build()) {
            return new Outcome(g.decide(submission()), null);
        } catch (AuditException e) {
            return new Outcome(null, e);
        }
    }

    private static Outcome invalidInput(Path d) throws Exception {
        var tree = ModelJson.submission(submission());
        tree.remove("intendedUse");
        String broken = ModelJson.write(tree);
        try {
            Submission s = new SubmissionReader().parse(broken);
            try (Greenlight g = Greenlight.builder().rulesDirectory(ShippedPack.rules()).build()) {
                return new Outcome(g.decide(s), null);
            }
        } catch (InvalidSubmissionException e) {
            return new Outcome(null, e);
        }
    }
}
