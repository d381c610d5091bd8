package dev.greenlight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code greenlight audit verify|keygen|review|show|stats|erase} over a log written by {@code dry-run --audit}. */
class AuditCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    Path log;
    Path input;

    @BeforeEach
    void writeLog() throws Exception {
        input = dir.resolve("batch.jsonl");
        Files.write(input, Files.readAllLines(DryRunCommandTest.corpus()).subList(0, 120));
        log = dir.resolve("audit/audit.jsonl");
        Cli run = Cli.run("dry-run", "--audit", log.toString(), input.toString());
        assertThat(run.exit()).as(run.err()).isZero();
    }

    @Test
    void verify_intact_thenTampered_namesTheFirstBadRecord() throws Exception {
        Cli ok = Cli.run("audit", "verify", log.toString());
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("intact, 120 records (120 decisions, 0 reviews)").contains("1 checkpoints");

        List<String> lines = new ArrayList<>(Files.readAllLines(log));
        lines.remove(41);
        Files.write(log, lines);
        Cli bad = Cli.run("audit", "verify", log.toString());
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains(log + ":42: record seq 42 (offset ").contains("sequence number 43 where 42 was expected");

        Cli json = Cli.run("audit", "verify", "--format", "json", log.toString());
        JsonNode r = JSON.readTree(json.out());
        assertThat(r.get("intact").asBoolean()).isFalse();
        assertThat(r.at("/firstProblem/line").asInt()).isEqualTo(42);
        assertThat(r.at("/firstProblem/seq").asInt()).isEqualTo(42);
    }

    @Test
    void keygen_signedLog_verifyWithKey_andAgainstASavedCheckpoint() throws Exception {
        Cli gen = Cli.run("audit", "keygen", "--out", dir.resolve("keys/audit").toString());
        assertThat(gen.exit()).as(gen.err()).isZero();
        assertThat(gen.out()).startsWith("key ").contains("audit.key").contains("audit.pub");
        assertThat(Cli.run("audit", "keygen", "--out", dir.resolve("keys/audit").toString()).exit()).as("never overwrites").isEqualTo(2);
        Path pub = dir.resolve("keys/audit.pub");

        // a signed log: the review appends and signs a checkpoint on close
        String id = decisionIds().get(3);
        Cli review = Cli.run("audit", "review", log.toString(), "--decision", id, "--reviewer", "rev-ana", "--verdict", "APPROVE",
                "--audit-key", dir.resolve("keys/audit.key").toString());
        assertThat(review.exit()).as(review.err()).isZero();
        Cli ok = Cli.run("audit", "verify", "--key", pub.toString(), log.toString());
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("(1 signed)").contains("signatures good");

        Path saved = dir.resolve("elsewhere.json");
        Files.copy(log.resolveSibling("audit.jsonl.checkpoint"), saved);
        List<String> lines = Files.readAllLines(log);
        Files.write(log, lines.subList(0, 100));
        Files.delete(log.resolveSibling("audit.jsonl.checkpoint"));
        assertThat(Cli.run("audit", "verify", log.toString()).exit()).as("a clean cut is consistent on its own").isZero();
        Cli cut = Cli.run("audit", "verify", "--key", pub.toString(), "--checkpoint", saved.toString(), log.toString());
        assertThat(cut.exit()).isEqualTo(1);
        assertThat(cut.err()).contains("checkpoint " + saved + " covers seq").contains("truncated");
    }

    @Test
    void review_appeal_andShowTheHistory() throws Exception {
        String id = decisionIds().get(5);
        Cli first = Cli.run("audit", "review", log.toString(), "--decision", id, "--reviewer", "rev-ana", "--verdict", "REJECT",
                "--note", "likeness without consent");
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).startsWith("review recorded: decision " + id).contains("-> REJECT by rev-ana");
        // a second review would silently replace the first: refused, naming the verdict and who decided
        Cli second = Cli.run("audit", "review", log.toString(), "--decision", id, "--reviewer", "rev-bo", "--verdict", "APPROVE",
                "--note", "consent form received");
        assertThat(second.exit()).isEqualTo(1);
        assertThat(second.err()).contains("already reviewed: its verdict is REJECT, decided by rev-ana").contains("--appeal");
        Cli appeal = Cli.run("audit", "review", log.toString(), "--decision", id, "--reviewer", "rev-bo", "--verdict", "APPROVE",
                "--note", "consent form received", "--appeal");
        assertThat(appeal.exit()).as(appeal.err()).isZero();
        assertThat(appeal.out()).startsWith("review recorded").contains("REJECT -> APPROVE");

        Cli show = Cli.run("audit", "show", log.toString(), "--decision", id);
        assertThat(show.exit()).as(show.err()).isZero();
        assertThat(show.out()).contains("decision " + id).contains("decided").contains("review  REJECT  by rev-ana")
                .contains("likeness without consent").contains("review  APPROVE  by rev-bo in appeal (was REJECT, round 2")
                .contains("final verdict: APPROVE (reviewer rev-bo)");
        JsonNode j = JSON.readTree(Cli.run("audit", "show", log.toString(), "--decision", id, "--format", "json").out());
        assertThat(j.get("reviews")).hasSize(2);
        assertThat(j.get("finalVerdict").asText()).isEqualTo("APPROVE");

        Cli unknown = Cli.run("audit", "review", log.toString(), "--decision", "nope", "--reviewer", "x", "--verdict", "APPROVE");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("holds no decision nope");
        assertThat(Cli.run("audit", "verify", log.toString()).out()).contains("122 records (120 decisions, 2 reviews)");
    }

    @Test
    void show_and_stats_filterByVerdictRuleSubmitterAndTime() throws Exception {
        Cli rejects = Cli.run("audit", "show", log.toString(), "--verdict", "REJECT", "--format", "json");
        assertThat(rejects.exit()).as(rejects.err()).isZero();
        String[] lines = rejects.outLines();
        assertThat(lines).isNotEmpty();
        for (String l : lines) {
            assertThat(JSON.readTree(l).at("/decision/verdict").asText()).isEqualTo("REJECT");
        }
        Cli prg2 = Cli.run("audit", "show", log.toString(), "--rule", "PRG-2");
        for (String l : prg2.outLines()) {
            assertThat(l).contains("REJECT").contains("commercial-needs-studio-partner");
        }
        JsonNode first = JSON.readTree(Files.readAllLines(input).get(0));
        String submitter = first.at("/submitter/id").asText();
        Cli bySubmitter = Cli.run("audit", "show", log.toString(), "--submitter", submitter, "--format", "json");
        assertThat(bySubmitter.outLines()).isNotEmpty()
                .allSatisfy(l -> assertThat(JSON.readTree(l).at("/submission/submitter/id").asText()).isEqualTo(submitter));
        assertThat(Cli.run("audit", "show", log.toString(), "--since", "2999-01-01").out()).isEmpty();
        assertThat(Cli.run("audit", "show", log.toString(), "--until", "2000-01-01").out()).isEmpty();
        assertThat(Cli.run("audit", "show", log.toString(), "--since", "yesterday-ish").exit()).isEqualTo(2);

        Cli stats = Cli.run("audit", "stats", log.toString(), "--format", "json");
        assertThat(stats.exit()).as(stats.err()).isZero();
        JsonNode s = JSON.readTree(stats.out());
        assertThat(s.at("/total/decisions").asInt()).isEqualTo(120);
        int sum = 0;
        for (String v : new String[] {"APPROVE", "APPROVE_WITH_CONDITIONS", "ESCALATE", "REJECT"}) {
            sum += s.at("/total/verdicts/" + v).asInt();
        }
        assertThat(sum).isEqualTo(120);
        assertThat(s.get("days")).hasSize(1);
        assertThat(s.at("/total/rules/commercial-needs-studio-partner/REJECT").asInt()).isEqualTo(prg2.outLines().length);
        Cli text = Cli.run("audit", "stats", log.toString(), "--verdict", "REJECT");
        assertThat(text.out()).contains("day").contains("total").contains("commercial-needs-studio-partner");
    }

    @Test
    void show_sinceUntil_readThroughTheIndexByTime_listWhatTheFullListingHoldsInThatRange() throws Exception {
        List<String> ids = decisionIds();
        for (String id : List.of(ids.get(10), ids.get(70))) {
            Cli r = Cli.run("audit", "review", log.toString(), "--decision", id, "--reviewer", "rev-ana", "--verdict", "REJECT",
                    "--note", "seen");
            assertThat(r.exit()).as(r.err()).isZero();
        }
        Cli all = Cli.run("audit", "show", log.toString(), "--format", "json");
        assertThat(all.exit()).as(all.err()).isZero();
        List<JsonNode> listed = new java.util.ArrayList<>();
        for (String l : all.outLines()) {
            listed.add(JSON.readTree(l));
        }
        assertThat(listed).hasSize(120);
        java.time.Instant since = java.time.Instant.parse(listed.get(5).at("/decision/decidedAt").asText());
        java.time.Instant until = java.time.Instant.parse(listed.get(90).at("/decision/decidedAt").asText());
        List<String> expected = new java.util.ArrayList<>();
        for (int i = 0; i < listed.size(); i++) {
            java.time.Instant at = java.time.Instant.parse(listed.get(i).at("/decision/decidedAt").asText());
            if (!at.isBefore(since) && at.isBefore(until)) {
                expected.add(all.outLines()[i]);
            }
        }
        assertThat(expected).as("the reviewed decisions are in the range").anyMatch(l -> l.contains("rev-ana"));
        Cli ranged = Cli.run("audit", "show", log.toString(), "--since", since.toString(), "--until", until.toString(),
                "--format", "json");
        assertThat(ranged.exit()).as(ranged.err()).isZero();
        assertThat(List.of(ranged.outLines())).isEqualTo(expected);
        // the indexes are derived: deleted, they are built again and the answer is the same
        try (var files = Files.list(log.getParent())) {
            for (Path f : files.filter(f -> f.toString().endsWith(".idx")).toList()) {
                Files.delete(f);
            }
        }
        Cli again = Cli.run("audit", "show", log.toString(), "--since", since.toString(), "--until", until.toString(),
                "--format", "json");
        assertThat(List.of(again.outLines())).isEqualTo(expected);
        Cli limited = Cli.run("audit", "show", log.toString(), "--since", since.toString(), "--limit", "3", "--format", "json");
        List<String> fromSince = new java.util.ArrayList<>();
        for (int i = 0; i < listed.size(); i++) {
            if (!java.time.Instant.parse(listed.get(i).at("/decision/decidedAt").asText()).isBefore(since)) {
                fromSince.add(all.outLines()[i]);
            }
        }
        assertThat(List.of(limited.outLines())).isEqualTo(fromSince.subList(0, 3));
        // stats over a range holding every decision: counted as without a filter, reviews included
        java.time.Instant first = listed.stream().map(j -> java.time.Instant.parse(j.at("/decision/decidedAt").asText()))
                .min(java.util.Comparator.naturalOrder()).orElseThrow();
        Cli statsAll = Cli.run("audit", "stats", log.toString(), "--format", "json");
        Cli statsRanged = Cli.run("audit", "stats", log.toString(), "--since", first.toString(), "--format", "json");
        assertThat(statsRanged.exit()).as(statsRanged.err()).isZero();
        assertThat(JSON.readTree(statsRanged.out())).isEqualTo(JSON.readTree(statsAll.out()));
        assertThat(JSON.readTree(statsAll.out()).at("/total/reviewed").asInt()).isEqualTo(2);
    }

    @Test
    void erase_keptAsideText_keepsTheChain() throws Exception {
        Path redacted = dir.resolve("r/audit.jsonl");
        Cli run = Cli.run("dry-run", "--audit", redacted.toString(), input.toString());
        assertThat(run.exit()).isZero();
        // dry-run writes no redactions: make a log with an aside prompt through review's writer options instead
        Path aside = dir.resolve("a/audit.jsonl");
        Files.createDirectories(aside.getParent());
        try (var l = dev.greenlight.audit.AuditLog.open(dev.greenlight.audit.AuditConfig.builder(aside)
                .redact(dev.greenlight.audit.Redaction.aside("/submission/prompt")).build());
             var e = dev.greenlight.engine.Greenlight.builder().build()) {
            var s = new dev.greenlight.json.SubmissionReader().parse(Files.readAllLines(input).get(0));
            l.append(e.decide(s), s);
        }
        String hash = JSON.readTree(Files.readAllLines(aside).get(0)).at("/submission/prompt").asText().substring(7);
        Cli erase = Cli.run("audit", "erase", aside.toString(), "--sha256", hash);
        assertThat(erase.exit()).as(erase.err()).isZero();
        assertThat(erase.out()).contains("erased 1 copy");
        assertThat(Cli.run("audit", "erase", aside.toString(), "--sha256", hash).exit()).isEqualTo(1);
        assertThat(Cli.run("audit", "verify", aside.toString()).exit()).isZero();
    }

    @Test
    void help_listsEverySubcommand() {
        Cli h = Cli.run("audit", "--help");
        assertThat(h.out()).contains("verify").contains("show").contains("stats").contains("review").contains("keygen").contains("erase");
    }

    private List<String> decisionIds() throws Exception {
        List<String> ids = new ArrayList<>();
        for (String l : Files.readAllLines(log)) {
            JsonNode n = JSON.readTree(l);
            if (n.path("type").asText().equals("decision")) {
                ids.add(n.at("/decision/decisionId").asText());
            }
        }
        return ids;
    }
}
