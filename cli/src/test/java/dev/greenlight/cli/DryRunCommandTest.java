package dev.greenlight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DryRunCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static Path corpus() throws URISyntaxException {
        return Path.of(DryRunCommandTest.class.getResource("/corpus/submissions-2k.jsonl").toURI());
    }

    @Test
    void corpus_json_givesOneCompleteDecisionPerSubmission() throws Exception {
        Cli r = Cli.run("dry-run", "--format", "json", corpus().toString());
        assertThat(r.exit()).as(r.err()).isZero();
        String[] lines = r.outLines();
        assertThat(lines).hasSize(2000);
        Map<String, Integer> verdicts = new HashMap<>();
        for (String line : lines) {
            JsonNode d = JSON.readTree(line);
            if (d.get("verdict").asText().equals("APPROVE_WITH_CONDITIONS")) { // only then are there conditions
                assertThat(d.fieldNames()).toIterable().containsExactly("decisionId", "submissionId", "verdict", "conditions",
                        "reasons", "signals", "ruleset", "plugins", "decidedAt", "elapsedMicros");
                assertThat(d.get("conditions")).isNotEmpty();
            } else {
                assertThat(d.fieldNames()).toIterable().containsExactly("decisionId", "submissionId", "verdict", "reasons",
                        "signals", "ruleset", "plugins", "decidedAt", "elapsedMicros");
            }
            assertThat(d.get("ruleset").get("version").asText()).startsWith("sha256:");
            assertThat(d.get("reasons")).isNotEmpty();
            verdicts.merge(d.get("verdict").asText(), 1, Integer::sum);
        }
        assertThat(verdicts.keySet()).containsExactlyInAnyOrder("APPROVE", "APPROVE_WITH_CONDITIONS", "ESCALATE", "REJECT");
        assertThat(r.err()).contains("2000 decided");
    }

    @Test
    void corpus_verdictsFollowThePolicyPack() throws Exception {
        Cli r = Cli.run("dry-run", "--format", "json", corpus().toString());
        List<String> input = Files.readAllLines(corpus());
        String[] out = r.outLines();
        for (int i = 0; i < input.size(); i++) {
            JsonNode s = JSON.readTree(input.get(i));
            JsonNode d = JSON.readTree(out[i]);
            String program = s.get("submitter").get("program").asText();
            String use = s.get("intendedUse").asText();
            String verdict = d.get("verdict").asText();
            if (program.equals("red-team") && !use.equals("private")) {
                assertThat(verdict).as(s.get("id").asText()).isEqualTo("REJECT");
            }
            if (use.equals("commercial") && !program.equals("studio-partner")) {
                assertThat(verdict).as(s.get("id").asText()).isEqualTo("REJECT");
            }
            if (!s.get("submitter").path("verified").asBoolean(false)) {
                assertThat(verdict).as(s.get("id").asText()).isIn("REJECT", "ESCALATE");
            }
            boolean ruleBreaking = (program.equals("red-team") && !use.equals("private"))
                    || (use.equals("commercial") && !program.equals("studio-partner"))
                    || !s.get("submitter").path("verified").asBoolean(false)
                    || (use.equals("public-post") && !(s.path("provenance").path("c2pa").asBoolean(false)
                        && s.path("provenance").path("watermark").asBoolean(false)));
            boolean longOrBig = false;
            for (JsonNode m : s.get("media")) {
                longOrBig |= m.get("type").asText().equals("video") && (m.path("durationSeconds").asDouble(0) > 20
                        || Math.min(m.path("width").asInt(0), m.path("height").asInt(0)) > 1080);
            }
            ruleBreaking |= program.equals("early-access") && !use.equals("private") && longOrBig;
            if (!ruleBreaking && use.equals("commercial")) { // a studio partner's sale credits the model
                assertThat(verdict).as(s.get("id").asText()).isEqualTo("APPROVE_WITH_CONDITIONS");
                assertThat(d.at("/conditions/0/id").asText()).isEqualTo("credit-the-model");
            } else if (!ruleBreaking && verdict.equals("APPROVE_WITH_CONDITIONS")) {
                // fan work in a portfolio, when a plugin names a trademarked character
                assertThat(d.get("conditions")).as(s.get("id").asText())
                        .allSatisfy(c -> assertThat(c.get("id").asText()).isEqualTo("not-for-sale"));
            } else if (!ruleBreaking) {
                assertThat(verdict).as(s.get("id").asText()).isEqualTo("APPROVE");
            }
        }
    }

    @Test
    void badBatch_reportsEveryBadLine_decidesTheRest_exits1() throws Exception {
        Path file = dir.resolve("batch.jsonl");
        List<String> corpus = Files.readAllLines(corpus());
        Files.write(file, List.of(
                corpus.get(0),
                "{\"id\": \"x\", ",
                corpus.get(1).replace("\"width\": 1920", "\"width\": \"1920\""),
                corpus.get(2).replace("\"title\"", "\"mood\": \"calm\", \"title\""),
                corpus.get(3).replace("\"intendedUse\": \"portfolio\", ", ""),
                corpus.get(4)));
        Cli r = Cli.run("dry-run", "--format", "json", file.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.outLines()).hasSize(2);
        assertThat(r.err()).contains(file + ":2: malformed JSON")
                .contains(file + ":3: /media/0/width: must be an integer, was a string")
                .contains(file + ":4: /mood: unknown field")
                .contains(file + ":5: /intendedUse: is required")
                .contains("2 decided").contains("4 invalid");
    }

    @Test
    void text_isOneLinePerSubmission_withVerdictAndMessages() throws Exception {
        Path file = dir.resolve("one.jsonl");
        Files.write(file, List.of(Files.readAllLines(corpus()).get(1)));
        Cli r = Cli.run("dry-run", file.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("REJECT   s-000002  Commercial use is open to studio partners only")
                .contains("[PRG-2]").doesNotContain("\u001b[");
    }

    @Test
    void brokenRules_everyErrorReported_exit2() throws Exception {
        Path rules = dir.resolve("rules");
        Files.createDirectories(rules.resolve("a"));
        Files.createDirectories(rules.resolve("b"));
        Files.writeString(rules.resolve("a/syntax.drl"), "package a;\nimport dev.greenlight.model.*;\nglobal Votes verdict;\n"
                + "rule \"x\" when Submission( intendedUse == ) then verdict.reject(\"x\"); end\n");
        Files.writeString(rules.resolve("b/types.drl"), "package b;\nimport dev.greenlight.model.*;\nglobal Votes verdict;\n"
                + "rule \"y\" when Nope( z == 1 ) then verdict.reject(\"y\"); end\n");
        for (String cmd : List.of("validate", "dry-run")) {
            Cli r = cmd.equals("validate") ? Cli.run("validate", "--rules", rules.toString())
                    : Cli.run("dry-run", "--rules", rules.toString(), corpus().toString());
            assertThat(r.exit()).as(cmd).isEqualTo(2);
            assertThat(r.err()).as(cmd).containsPattern("a/syntax\\.drl:4:\\d+: ").containsPattern("b/types\\.drl:4:\\d+: .*Nope");
            assertThat(r.out()).isEmpty();
        }
    }

    @Test
    void validate_shippedPack_ok() {
        Cli r = Cli.run("validate");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("ok: ").contains("sha256:");
    }

    @Test
    void audit_verify_detectsTampering_andNamesTheLine() throws Exception {
        Path log = dir.resolve("audit.jsonl");
        Cli run = Cli.run("dry-run", "--format", "json", "--audit", log.toString(), corpus().toString());
        assertThat(run.exit()).isZero();
        Cli ok = Cli.run("audit", "verify", log.toString());
        assertThat(ok.exit()).isZero();
        assertThat(ok.out()).contains("intact, 2000 records");

        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(log));
        lines.set(99, lines.get(99).replaceFirst("\"verdict\":\"(APPROVE|REJECT|ESCALATE)\"", "\"verdict\":\"APPROVE \""));
        Files.write(log, lines);
        Cli bad = Cli.run("audit", "verify", log.toString());
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains(log + ":100: ");
    }

    @Test
    void missingInputFile_isReported_exit1() {
        Cli r = Cli.run("dry-run", dir.resolve("nope.jsonl").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("nope.jsonl: no such file");
    }

    @Test
    void version_andHelp() {
        Cli v = Cli.run("--version");
        assertThat(v.exit()).isZero();
        assertThat(v.out()).startsWith("greenlight ");
        Cli h = Cli.run("dry-run", "--help");
        assertThat(h.exit()).isZero();
        assertThat(h.out()).contains("--rules").contains("--format");
        Cli bad = Cli.run("dry-run", "--format", "yaml", "x");
        assertThat(bad.exit()).isEqualTo(2);
    }
}
