package dev.greenlight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** validate, test, explain and plugins over the shipped pack and plugins. */
class PolicyCommandsTest {
    static final Path PLUGINS = Path.of(System.getProperty("greenlight.test.plugins", "../plugins/target/dist"));
    static final Path POLICIES = Path.of(System.getProperty("greenlight.test.rules", "../rules/policies"));

    @TempDir
    Path dir;
    Path rules;

    @BeforeEach
    void copyPolicies() throws IOException {
        rules = dir.resolve("policies");
        try (Stream<Path> walk = Files.walk(POLICIES)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.naturalOrder())::iterator) {
                Path target = rules.resolve(POLICIES.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    @Test
    void test_shippedPack_allPass_fullCoverage() {
        Cli r = Cli.run("test", "--rules", rules.toString(), "--min-coverage", "100");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).containsPattern("(?m)^\\d+ passed, 0 failed$").contains("(100.0%)");
    }

    @Test
    void test_brokenRule_failsTheRightCase_withExpectedAndActual() throws IOException {
        Path drl = rules.resolve("programme/programme.drl");
        Files.writeString(drl, Files.readString(drl).replace("submitter.program != \"studio-partner\"",
                "submitter.program == \"nobody\""));
        Cli r = Cli.run("test", "--rules", rules.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("FAIL programme/programme_test.yaml: an early-access artist may not use work commercially")
                .contains("verdict: expected REJECT, got APPROVE")
                .contains("actual:   APPROVE, votes:")
                .containsPattern("(?m)^\\d+ passed, [1-9]\\d* failed$");
    }

    @Test
    void test_coverageBelowMinimum_fails() throws IOException {
        Files.delete(rules.resolve("extremism/extremism_test.yaml"));
        Cli r = Cli.run("test", "--rules", rules.toString(), "--min-coverage", "100");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("not covered: extremist-content").contains("below --min-coverage");
    }

    @Test
    void validate_forbiddenCode_exit2_warnings_strict() throws IOException {
        Path drl = rules.resolve("baseline/baseline.drl");
        String original = Files.readString(drl);
        Files.writeString(drl, original.replace("verdict.approve(", "java.lang.System.exit(3); verdict.approve("));
        Cli bad = Cli.run("validate", "--rules", rules.toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).containsPattern("baseline/baseline\\.drl:\\d+:\\d+: not allowed in a policy: 'java.lang.System.exit'");
        Files.writeString(drl, original.replace("@policy(\"BASE-1\")", ""));
        Cli warn = Cli.run("validate", "--rules", rules.toString());
        assertThat(warn.exit()).isZero();
        assertThat(warn.err()).contains("warning: rule \"meets-programme-policy\" votes but has no @policy");
        assertThat(Cli.run("validate", "--strict", "--rules", rules.toString()).exit()).isEqualTo(1);
    }

    @Test
    void validate_badDecisionTableCell_namesSheetAndCell() throws IOException {
        Path csv = rules.resolve("technical/limits.csv");
        Files.writeString(csv, Files.readString(csv).replace("early-access-festival,early-access,festival,20,",
                "early-access-festival,early-access,festival,twenty,"));
        Cli r = Cli.run("validate", "--rules", rules.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).containsPattern("technical/limits\\.csv:13:4: sheet limits, cell D13: ");
    }

    @Test
    void explain_threePolicies_showsRulesValuesAndCombination() throws IOException {
        Path file = dir.resolve("s.json");
        Files.writeString(file, """
                {"id": "x-1", "submittedAt": "2026-11-01T09:00:00Z",
                 "submitter": {"id": "a-1", "program": "early-access", "verified": false},
                 "prompt": "a quiet harbour at dawn, featuring Mickey Mouse", "intendedUse": "public-post",
                 "media": [{"type": "video", "width": 1920, "height": 1080, "durationSeconds": 42.0}],
                 "provenance": {"c2pa": true, "watermark": true}}
                """);
        Cli r = Cli.run("explain", "--plugins", PLUGINS.toString(), "--rules", rules.toString(), file.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("prompt-screen").contains("prompt.term category=trademarked-character value=\"Mickey Mouse\"")
                .contains("unverified-submitter-review [PRG-3]")
                .contains("trademarked-character-review [IP-2]")
                .contains("video-over-duration-limit [TEC-1]")
                .contains("where   $max = 20.0")
                .contains("matched Media[0 video 1920x1080 42.0s]")
                .contains("-> REJECT (any REJECT wins)")
                .contains("What the artist sees");

        Cli json = Cli.run("explain", "--format", "json", "--plugins", PLUGINS.toString(), "--rules", rules.toString(), file.toString());
        JsonNode n = new ObjectMapper().readTree(json.out());
        assertThat(n.get("decision").get("verdict").asText()).isEqualTo("REJECT");
        assertThat(n.get("firings").findValuesAsText("rule")).contains("unverified-submitter-review",
                "trademarked-character-review", "video-over-duration-limit");
    }

    @Test
    void plugins_listsTheShippedPlugins() {
        Cli r = Cli.run("plugins", "--plugins", PLUGINS.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        for (String id : List.of("prompt-screen", "media-probe", "hash-match")) {
            assertThat(r.out()).containsPattern("(?m)^" + id + "\\s+\\S+\\s+STARTED\\s+\\w+ \\(SignalProvider\\)");
        }
    }

    @Test
    void dryRun_withShippedPlugins_catchesDisguisedTerms() throws IOException {
        Path file = dir.resolve("s.jsonl");
        Files.writeString(file, """
                {"id": "x-2", "submittedAt": "2026-11-01T09:00:00Z", "submitter": {"id": "a", "program": "early-access", "verified": true}, "prompt": "a harbour at dawn, featuring \\u0430 t\\u0435rr\\u043erist r\\u0435cruitment vid\\u0435\\u043e", "intendedUse": "portfolio", "media": [{"type": "image"}], "provenance": {"c2pa": true, "watermark": true}}
                """);
        Cli r = Cli.run("dry-run", "--plugins", PLUGINS.toString(), "--rules", rules.toString(), file.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("REJECT").contains("[EXT-1]");
    }
}
