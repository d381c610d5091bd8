package dev.greenlight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.audit.AuditLog;
import dev.greenlight.audit.ReviewDetails;
import dev.greenlight.model.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code audit export --format dsa-sor} over the corpus decided by the shipped rules, after a round
 * of reviews: every statement is one the Transparency Database would take ({@link DsaSorFields}),
 * one per restricted decision, and holds nothing personal.
 */
class AuditExportCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    Path log;
    /** Final verdict by decision id after the reviews. */
    final Map<String, Verdict> finals = new HashMap<>();
    final Set<String> reviewed = new HashSet<>();
    final Set<String> withDetails = new HashSet<>();
    final List<String> corpusLines = new ArrayList<>();

    /** The corpus's first 600 submissions decided by the shipped rules into {@link #log}, then a round of reviews. */
    void decideAndReview() throws Exception {
        Path input = dir.resolve("batch.jsonl");
        corpusLines.addAll(Files.readAllLines(DryRunCommandTest.corpus()).subList(0, 600));
        Files.write(input, corpusLines);
        log = dir.resolve("audit/audit.jsonl");
        Cli run = Cli.run("dry-run", "--audit", log.toString(), "--format", "json", input.toString());
        assertThat(run.exit()).as(run.err()).isIn(0, 1);
        List<JsonNode> decisions = new ArrayList<>();
        for (String line : run.outLines()) {
            JsonNode d = JSON.readTree(line);
            decisions.add(d);
            finals.put(d.path("decisionId").asText(), Verdict.parse(d.path("verdict").asText()));
        }
        // a round of reviews: escalations decided both ways, a rules' REJECT overturned, one sent to a lead
        try (AuditLog audit = AuditLog.open(log)) {
            int n = 0;
            for (JsonNode d : decisions) {
                String id = d.path("decisionId").asText();
                Verdict v = finals.get(id);
                Verdict to = null;
                if (v == Verdict.ESCALATE) {
                    to = n % 5 == 4 ? Verdict.ESCALATE : n % 2 == 0 ? Verdict.REJECT : Verdict.APPROVE;
                } else if (v == Verdict.REJECT && n % 7 == 0) {
                    to = Verdict.APPROVE;
                }
                n++;
                if (to == Verdict.REJECT && n % 4 == 1) {
                    // as the desk records it: the policy the reviewer chose and the message for the artist
                    audit.review(id, "rev-" + (n % 3), to, "internal note " + n, Instant.parse("2026-12-01T10:00:00Z"),
                            new ReviewDetails("c-" + n, "review", "LIK-1", "A real person is recognisable; consent is needed.", List.of()));
                    finals.put(id, to);
                    reviewed.add(id);
                    withDetails.add(id);
                } else if (to != null) {
                    audit.review(id, "rev-" + (n % 3), to, "internal note " + n, Instant.parse("2026-12-01T10:00:00Z"));
                    finals.put(id, to);
                    reviewed.add(id);
                }
            }
        }
    }

    @Test
    void dsaSor_everyRestrictedDecision_validAgainstTheDatabasesFields_nothingPersonal() throws Exception {
        decideAndReview();
        Cli export = Cli.run("audit", "export", log.toString(), "--format", "dsa-sor", "--policy-url", "https://gl.example.org");
        assertThat(export.exit()).as(export.err()).isZero();
        String[] lines = export.outLines();
        long restricted = finals.values().stream().filter(v -> v == Verdict.REJECT).count();
        assertThat(restricted).isGreaterThan(20);
        assertThat(lines).hasSize((int) restricted);

        Set<String> puids = new HashSet<>();
        Set<String> categories = new HashSet<>();
        Set<String> automated = new HashSet<>();
        for (String line : lines) {
            JsonNode s = JSON.readTree(line);
            assertThat(DsaSorFields.problems(s)).as(line).isEmpty();
            String id = s.path("puid").asText();
            assertThat(puids.add(id)).as("puid unique: " + id).isTrue();
            assertThat(finals.get(id)).isEqualTo(Verdict.REJECT);
            assertThat(s.path("automated_decision").asText()).isEqualTo(reviewed.contains(id)
                    ? "AUTOMATED_DECISION_PARTIALLY" : "AUTOMATED_DECISION_FULLY");
            assertThat(s.path("content_type").toString()).contains("CONTENT_TYPE_SYNTHETIC_MEDIA");
            assertThat(s.path("decision_ground_reference_url").asText()).startsWith("https://gl.example.org/policies/");
            if (withDetails.contains(id)) {
                assertThat(s.path("incompatible_content_ground").asText()).contains("LIK-1");
                assertThat(s.path("incompatible_content_explanation").asText()).startsWith("A real person is recognisable");
                assertThat(s.path("category").asText()).isEqualTo("STATEMENT_CATEGORY_DATA_PROTECTION_AND_PRIVACY_VIOLATIONS");
                assertThat(s.path("decision_ground_reference_url").asText()).isEqualTo("https://gl.example.org/policies/LIK-1");
            }
            categories.add(s.path("category").asText());
            automated.add(s.path("automated_decision").asText());
        }
        assertThat(automated).hasSize(2);
        assertThat(withDetails).isNotEmpty();
        assertThat(categories).hasSizeGreaterThan(1);

        // nothing personal: no submitter id, prompt, title, reviewer or note from the corpus or the reviews
        String all = export.out();
        assertThat(all).doesNotContain("artist-").doesNotContain("rev-").doesNotContain("internal note");
        for (String c : corpusLines.subList(0, 200)) {
            JsonNode sub = JSON.readTree(c);
            String prompt = sub.path("prompt").asText();
            if (prompt.length() > 12) {
                assertThat(all).doesNotContain(prompt);
            }
        }
    }

    @Test
    void category_isTheGravestAreasAmongThePolicies() {
        assertThat(DsaStatement.category(List.of("PRG-2", "EXT-1"))).isEqualTo("STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY");
        assertThat(DsaStatement.category(List.of("IP-2", "MIN-2", "PRG-3"))).isEqualTo("STATEMENT_CATEGORY_PROTECTION_OF_MINORS");
        assertThat(DsaStatement.category(List.of("LIK-1"))).isEqualTo("STATEMENT_CATEGORY_DATA_PROTECTION_AND_PRIVACY_VIOLATIONS");
        assertThat(DsaStatement.category(List.of("TEC-1"))).isEqualTo(DsaStatement.CATEGORY_OTHER);
        assertThat(DsaStatement.category(List.of())).isEqualTo(DsaStatement.CATEGORY_OTHER);
        List.of("MIN-1", "SH-1", "VIO-1", "EXT-1", "IP-1", "LIK-1", "DR-1", "PRG-1").forEach(p ->
                assertThat(DsaSorFields.CATEGORY).contains(DsaStatement.category(List.of(p))));
        assertThat(DsaStatement.puid("01a24934-795b-7795-a576-ed181b20a0cb")).isEqualTo("01a24934-795b-7795-a576-ed181b20a0cb");
        assertThat(DsaStatement.puid("a b/c")).matches("gl-[0-9a-f]{64}");
        assertThat(DsaStatement.cut("x".repeat(6000), 5000)).hasSize(5000).endsWith("…");
    }

    @Test
    void dsaSor_filters_andUnknownFormat() throws Exception {
        decideAndReview();
        Cli none = Cli.run("audit", "export", log.toString(), "--format", "dsa-sor", "--until", "2000-01-01");
        assertThat(none.exit()).as(none.err()).isZero();
        assertThat(none.out()).isEmpty();
        Cli bad = Cli.run("audit", "export", log.toString(), "--format", "csv");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown format csv");
    }

    @Test
    void validator_catchesWhatTheDatabaseRefuses() throws Exception {
        JsonNode s = JSON.readTree("{\"decision_visibility\":[\"DECISION_VISIBILITY_CONTENT_LABELLED\"],"
                + "\"decision_ground\":\"DECISION_GROUND_INCOMPATIBLE_CONTENT\",\"content_type\":[],\"category\":\"X\","
                + "\"content_date\":\"1999-12-31\",\"application_date\":\"2026-13-01\",\"source_type\":\"SOURCE_VOLUNTARY\","
                + "\"automated_detection\":\"yes\",\"automated_decision\":\"AUTOMATED_DECISION_FULLY\",\"puid\":\"a b\",\"submitter\":1}");
        assertThat(String.join("\n", DsaSorFields.problems(s))).contains("decision_visibility:").contains("incompatible_content_ground: required")
                .contains("content_type: required").contains("category:").contains("content_date:").contains("application_date:")
                .contains("decision_facts: required").contains("automated_detection:").contains("puid: must match")
                .contains("submitter: not a statement field");
    }
}
