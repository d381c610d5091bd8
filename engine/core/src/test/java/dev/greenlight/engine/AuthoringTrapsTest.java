package dev.greenlight.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.model.Decision;
import dev.greenlight.model.Media;
import dev.greenlight.model.Provenance;
import dev.greenlight.model.Submission;
import dev.greenlight.model.Submitter;
import dev.greenlight.model.Verdict;
import dev.greenlight.ruleset.RuleProblem;
import dev.greenlight.testing.ShippedPack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 17, "policy authoring without traps", on a copy of the shipped pack: unknown vocabulary
 * values fail closed, errors carry the place of their cause without their consequences, and tables
 * that contradict themselves are refused with sheet and cell.
 */
class AuthoringTrapsTest {
    @TempDir
    Path pack;

    @BeforeEach
    void copyPack() {
        ShippedPack.copyTo(pack);
    }

    private void edit(String file, String from, String to) {
        try {
            Path p = pack.resolve(file);
            String text = Files.readString(p);
            assertThat(text).contains(from);
            Files.writeString(p, text.replace(from, to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Submission longUhdVideo(String program, String use, String mediaType) {
        return Submission.builder("s").submittedAt(Instant.parse("2026-11-01T09:00:00Z"))
                .submitter(new Submitter("artist", program, true, List.of())).intendedUse(use)
                .addMedia(Media.builder(mediaType).width(3840).height(2160).durationSeconds(60.0).build())
                .provenance(new Provenance(true, true)).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"early_access", "Early-Access", "studio-partner ", ""})
    void unknownProgramme_isEscalated_namingTheValue(String program) {
        try (Greenlight g = Greenlight.builder().rulesDirectory(pack).build()) {
            assertThat(g.decide(longUhdVideo("early-access", "portfolio", "video")).verdict()).isEqualTo(Verdict.REJECT);
            Decision d = g.decide(longUhdVideo(program, "portfolio", "video"));
            assertThat(d.verdict()).isEqualTo(Verdict.ESCALATE);
            assertThat(d.reasons()).anySatisfy(r -> {
                assertThat(r.rule()).isEqualTo("unknown-programme");
                assertThat(r.policy()).isEqualTo("VOC-1");
                assertThat(r.message()).contains("\"" + program + "\"");
            });
        }
    }

    @Test
    void valuesTheReaderWouldRefuse_areEscalatedWhenBuiltInCode() {
        try (Greenlight g = Greenlight.builder().rulesDirectory(pack).build()) {
            assertThat(g.decide(longUhdVideo("studio-partner", "Festival", "video")).reasons())
                    .anySatisfy(r -> assertThat(r.rule()).isEqualTo("unknown-intended-use"));
            assertThat(g.decide(longUhdVideo("studio-partner", "festival", "hologram")).reasons())
                    .anySatisfy(r -> assertThat(r.rule()).isEqualTo("unknown-media-type"));
        }
    }

    @Test
    void shippedPack_isCleanUnderStrict() {
        assertThat(RuleCheck.directory(pack).problems()).isEmpty();
    }

    @Test
    void conventions_catalogueMessagesAndCases_areWarnings() throws IOException {
        edit("programme/programme.drl", "@policy(\"PRG-3\")", "@policy(\"PRG-33\")");
        edit("programme/programme.drl", "\"Your account is not verified yet,", "\"unverified-submitter-review: the prompt.term signal says your account is not verified yet,");
        edit("violence/violence.drl", "verdict.escalate(\"This work", "verdict.escalate(\"" + "Very long words. ".repeat(15) + "This work");
        Files.delete(pack.resolve("extremism/extremism_test.yaml"));
        List<String> problems = RuleCheck.directory(pack).problems().stream().map(RuleProblem::toString).toList();
        assertThat(problems).allMatch(p -> p.contains(": warning: "))
                .anyMatch(p -> p.startsWith("programme/programme.drl:25:14:") && p.contains("policy id PRG-33 has no entry in catalogue.yaml"))
                .anyMatch(p -> p.startsWith("catalogue.yaml:") && p.contains("policy PRG-3 is in the catalogue but no rule votes under it"))
                .anyMatch(p -> p.startsWith("programme/programme.drl:29:22:") && p.contains("names 'unverified-submitter-review'"))
                .anyMatch(p -> p.startsWith("programme/programme.drl:29:22:") && p.contains("names 'prompt.term'"))
                .anyMatch(p -> p.startsWith("programme/programme.drl:29:22:") && p.contains("uses 'signal'"))
                .anyMatch(p -> p.startsWith("violence/violence.drl:") && p.contains("characters; keep what the artist reads under 240"))
                .anyMatch(p -> p.startsWith("extremism/extremism.drl:1:1:") && p.contains("area 'extremism' has no test cases"));
    }

    @Test
    void ruleComparingWithAnUndeclaredValue_isAWarningAtTheLiteral() {
        edit("programme/programme.drl", "submitter.program == \"red-team\"", "submitter.program == \"red_team\"");
        RuleCheck.Report r = RuleCheck.directory(pack);
        assertThat(r.hasErrors()).isFalse();
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.toString()).startsWith("programme/programme.drl:11:39: warning: \"red_team\" is not a value of "
                    + "submitter.program in vocabulary.yaml");
        });
    }

    @Test
    void misspelledBoolean_isLocatedAtTheWord_withoutARawDump() {
        edit("programme/programme.drl", "submitter.verified == false", "submitter.verified == flase");
        RuleCheck.Report r = RuleCheck.directory(pack);
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("programme/programme.drl");
            assertThat(p.line()).isEqualTo(27);
            assertThat(p.column()).isEqualTo(39);
            assertThat(p.message()).contains("'flase'").contains("did you mean false?");
        });
    }

    @Test
    void missingParenthesis_isOneErrorAtTheParenthesis_notTwentyElsewhere() {
        edit("programme/programme.drl", "intendedUse != \"private\" )", "intendedUse != \"private\"");
        RuleCheck.Report r = RuleCheck.directory(pack);
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.toString()).startsWith("programme/programme.drl:11:15: this '(' is never closed");
            assertThat(p.message()).contains("further errors follow from this one and are not shown");
        });
    }

    @Test
    void everyError_hasALineAndAColumn() {
        edit("technical/technical.drl", "durationSeconds > $max", "durationSeconds > $maximum");
        RuleCheck.Report r = RuleCheck.directory(pack);
        assertThat(r.problems()).isNotEmpty().allSatisfy(p -> {
            assertThat(p.line()).isPositive();
            assertThat(p.column()).isPositive();
        });
    }

    @Test
    void negativeLimit_andOverlappingRows_areErrorsWithSheetAndCell() {
        edit("technical/limits.csv", "early-access-portfolio,early-access,portfolio,20,1080,,,",
                "early-access-portfolio,early-access,portfolio,30,1080,,,\nearly-access-portfolio-short,early-access,portfolio,10,1080,,,");
        edit("technical/limits.csv", "early-access-press,early-access,press,20,", "early-access-press,early-access,press,-5,");
        RuleCheck.Report r = RuleCheck.directory(pack);
        assertThat(r.problems()).filteredOn(RuleProblem::isError).extracting(RuleProblem::toString).containsExactly(
                "technical/limits.csv:11:4: sheet limits, cell D11: rows 10 and 11 can apply to the same submission "
                        + "(Programme early-access, Use portfolio) and both set 'Max video seconds' (30 in D10, 10 here); "
                        + "merge them or narrow one",
                "technical/limits.csv:15:4: sheet limits, cell D15: '-5' is outside the range for 'Max video seconds' "
                        + "(1 to 3600, declared in vocabulary.yaml)");
    }

    @Test
    void tableCellWithAnUndeclaredProgramme_isAWarningAtTheCell() {
        edit("technical/limits.csv", "early-access-festival,early-access,", "early-access-festival,early_access,");
        assertThat(RuleCheck.directory(pack).problems()).extracting(RuleProblem::toString).singleElement()
                .asString().startsWith("technical/limits.csv:13:2: warning: sheet limits, cell B13: \"early_access\"");
    }

    @Test
    void attributeOfASignal_isNotReadAsASubmissionAttribute_evenWhereAnotherRuleBindsTheSameNameToTheSubmission()
            throws IOException {
        Files.writeString(pack.resolve("programme/bindings.drl"), """
                package policies.programme;
                import dev.greenlight.model.*;
                global Votes verdict;

                rule "submission-bound"
                    @policy("PRG-3")
                when
                    $s : Submission( attribute("festivl") != null )
                then
                    verdict.escalate("A reviewer will look at this work.");
                end

                rule "signal-bound"
                    @policy("PRG-3")
                when
                    $s : Signal( name == "provenance.c2pa", attribute("codes") != "" )
                then
                    verdict.escalate("A reviewer will look at this work (" + $s.attribute("signer") + ").");
                end
                """);
        List<String> here = RuleCheck.directory(pack).problems().stream().map(RuleProblem::toString)
                .filter(p -> p.startsWith("programme/bindings.drl")).toList();
        assertThat(here).singleElement().asString().startsWith("programme/bindings.drl:8:33:").contains("\"festivl\"");
    }
}
