package dev.greenlight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code greenlight replay}: a 2,000-decision log replayed against the policy pack with one rule
 * changed reports exactly the decisions that rule changes; one decision replayed under its own rules
 * is reproduced exactly.
 */
class ReplayCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path oldRules;
    static Path newRules;
    static Path log;

    @BeforeAll
    static void decideTheCorpus() throws Exception {
        oldRules = copy(PolicyCommandsTest.POLICIES, dir.resolve("old"));
        newRules = copy(PolicyCommandsTest.POLICIES, dir.resolve("new"));
        Path programme = newRules.resolve("programme/programme.drl");
        String drl = Files.readString(programme);
        String changed = drl.replace("submitter.program != \"studio-partner\"",
                "submitter.program not in (\"studio-partner\", \"early-access\")");
        assertThat(changed).as("the rule to change is there").isNotEqualTo(drl);
        Files.writeString(programme, changed);
        log = dir.resolve("audit.jsonl");
        Cli run = Cli.run("dry-run", "--no-plugins", "--rules", oldRules.toString(), "--audit", log.toString(),
                "--format", "json", DryRunCommandTest.corpus().toString());
        assertThat(run.exit()).as(run.err()).isZero();
    }

    @Test
    void replay_withOneRuleChanged_reportsExactlyTheDecisionsThatRuleChanges() throws Exception {
        Set<String> expected = new HashSet<>(); // commercial use by early-access submitters: PRG-2 no longer rejects
        for (String line : Files.readAllLines(DryRunCommandTest.corpus())) {
            JsonNode s = JSON.readTree(line);
            if (s.path("intendedUse").asText().equals("commercial") && s.at("/submitter/program").asText().equals("early-access")) {
                expected.add(s.path("id").asText());
            }
        }
        assertThat(expected).as("the corpus exercises the change").isNotEmpty();

        Cli r = Cli.run("replay", "--no-plugins", "--audit", log.toString(), "--rules", newRules.toString(), "--format", "json",
                "--examples", "3");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode report = JSON.readTree(r.out());
        assertThat(report.get("replayed").asInt()).isEqualTo(2000);
        assertThat(report.get("notReplayable").asInt()).isZero();
        Set<String> changedIds = new HashSet<>();
        for (JsonNode c : report.get("changes")) {
            changedIds.add(c.get("submissionId").asText());
            assertThat(c.get("rules")).hasSize(1);
            assertThat(c.at("/rules/0/rule").asText()).isEqualTo("commercial-needs-studio-partner");
            assertThat(c.at("/rules/0/before").asText()).isEqualTo("REJECT");
            assertThat(c.at("/rules/0/after").isNull()).isTrue();
        }
        assertThat(changedIds).isEqualTo(expected);
        assertThat(report.get("rules")).hasSize(1);
        assertThat(report.at("/rules/0/stopped/count").asInt()).isEqualTo(expected.size());
        assertThat(report.at("/rules/0/stopped/examples")).hasSize(Math.min(3, expected.size()));
        int transitions = 0;
        for (JsonNode t : report.get("transitions")) {
            assertThat(t.get("from").asText()).isEqualTo("REJECT");
            transitions += t.get("count").asInt();
        }
        assertThat(transitions).isEqualTo(report.get("verdictChanged").asInt());
        assertThat(report.get("verdictChanged").asInt() + report.get("reasonsChanged").asInt()).isEqualTo(expected.size());

        Cli text = Cli.run("replay", "--no-plugins", "--audit", log.toString(), "--rules", newRules.toString());
        assertThat(text.out()).contains("replayed 2000 decisions").contains("verdict transitions:").contains("REJECT -> ")
                .contains("commercial-needs-studio-partner").contains("no longer votes");

        Cli same = Cli.run("replay", "--no-plugins", "--audit", log.toString(), "--rules", oldRules.toString(), "--format", "json");
        JsonNode none = JSON.readTree(same.out());
        assertThat(none.get("unchanged").asInt()).as("the same rules change nothing").isEqualTo(2000);

        Cli again = Cli.run("replay", "--reanalyze", "--no-plugins", "--audit", log.toString(), "--rules", oldRules.toString(),
                "--verdict", "REJECT", "--format", "json");
        JsonNode reanalyzed = JSON.readTree(again.out());
        assertThat(reanalyzed.get("replayed").asInt()).as("--verdict filters").isLessThan(2000).isPositive();
        assertThat(reanalyzed.get("unchanged").asInt()).isEqualTo(reanalyzed.get("replayed").asInt());
    }

    @Test
    void replay_oneDecision_isReproducedExactly_underTheRulesItWasMadeWith() throws Exception {
        List<String> lines = Files.readAllLines(log);
        for (int i : new int[] {0, 1, 29, 1500}) {
            String id = JSON.readTree(lines.get(i)).at("/decision/decisionId").asText();
            Cli r = Cli.run("replay", "--audit", log.toString(), "--decision", id, "--rules", oldRules.toString());
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).startsWith("reproduced exactly: decision " + id);
        }
        String id = JSON.readTree(lines.get(1)).at("/decision/decisionId").asText();
        Cli other = Cli.run("replay", "--audit", log.toString(), "--decision", id, "--rules", newRules.toString());
        assertThat(other.exit()).isEqualTo(2);
        assertThat(other.err()).contains("was made with rules sha256:").contains("give the rules it was made with");
        Cli missing = Cli.run("replay", "--audit", log.toString(), "--decision", "nope", "--rules", oldRules.toString());
        assertThat(missing.exit()).isEqualTo(1);
    }

    @Test
    void replay_aConditionalApproval_isReproducedExactly_deadlinesAside() throws Exception {
        List<String> lines = Files.readAllLines(log);
        String id = lines.stream().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).filter(n -> n.at("/decision/verdict").asText().equals("APPROVE_WITH_CONDITIONS"))
                .map(n -> n.at("/decision/decisionId").asText()).findFirst().orElseThrow();
        Cli r = Cli.run("replay", "--audit", log.toString(), "--decision", id, "--rules", oldRules.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("reproduced exactly: decision " + id).contains("APPROVE_WITH_CONDITIONS");
    }

    @Test
    void replay_otherConditionsWithTheSameVerdict_areAChange() throws Exception {
        Path other = copy(oldRules, dir.resolve("other-condition"));
        Path provenance = other.resolve("provenance/provenance.drl");
        String drl = Files.readString(provenance);
        String changed = drl.replace("verdict.approveWith(\"label-made-with-ai\"", "verdict.approveWith(\"credit-the-model\"");
        assertThat(changed).as("the condition to change is there").isNotEqualTo(drl);
        Files.writeString(provenance, changed);
        Cli r = Cli.run("replay", "--audit", log.toString(), "--rules", other.toString(), "--format", "json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode report = JSON.readTree(r.out());
        assertThat(report.path("verdictChanged").asInt()).isZero();
        assertThat(report.path("conditionsChanged").asInt()).isPositive();
        JsonNode change = report.path("changes").get(0);
        assertThat(change.path("conditionsBefore").toString()).isEqualTo("[\"label-made-with-ai\"]");
        assertThat(change.path("conditionsAfter").toString()).isEqualTo("[\"credit-the-model\"]");
        Cli text = Cli.run("replay", "--audit", log.toString(), "--rules", other.toString());
        assertThat(text.out()).contains(report.path("conditionsChanged").asInt() + " with other conditions");
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(f, t);
                }
            }
        }
        return to;
    }

    /** Issue 17: raising a limit in limits.csv from 20 to 30 s is reported per row, before and after. */
    @Test
    void replay_withABaseline_reportsEachChangedTableRow() throws Exception {
        Path raised = copy(PolicyCommandsTest.POLICIES, dir.resolve("raised"));
        Path limits = raised.resolve("technical/limits.csv");
        String csv = Files.readString(limits);
        String changed = csv.replace("early-access-portfolio,early-access,portfolio,20,", "early-access-portfolio,early-access,portfolio,30,");
        assertThat(changed).isNotEqualTo(csv);
        Files.writeString(limits, changed);
        long portfolio = 0;
        for (String line : Files.readAllLines(DryRunCommandTest.corpus())) {
            JsonNode s = JSON.readTree(line);
            if (s.path("intendedUse").asText().equals("portfolio") && s.at("/submitter/program").asText().equals("early-access")) {
                portfolio++;
            }
        }
        Cli r = Cli.run("replay", "--no-plugins", "--audit", log.toString(), "--rules", raised.toString(),
                "--baseline", oldRules.toString(), "--format", "json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode rows = JSON.readTree(r.out()).get("tableRows");
        assertThat(rows).hasSize(1);
        JsonNode row = rows.get(0);
        assertThat(row.get("row").asText()).isEqualTo("technical/limits.csv row 10 early-access-portfolio");
        assertThat(row.get("edit").asText()).isEqualTo("Max video seconds 20 -> 30");
        assertThat(row.get("matchedBefore").asLong()).isEqualTo(portfolio).isPositive();
        assertThat(row.get("matchedAfter").asLong()).isEqualTo(portfolio);
        // the corpus has no early-access portfolio video between 20 and 30 s: the edit changes no verdict, and says so
        assertThat(row.get("verdictChanged").asLong()).isZero();
        assertThat(row.get("examplesAfter")).hasSize(5);

        Cli text = Cli.run("replay", "--no-plugins", "--audit", log.toString(), "--rules", raised.toString(),
                "--baseline", oldRules.toString());
        assertThat(text.out()).contains("changed table rows").contains("technical/limits.csv row 10 early-access-portfolio "
                + "(Max video seconds 20 -> 30): " + portfolio + " -> " + portfolio + ", verdict changed in 0; e.g. ");
    }
}
