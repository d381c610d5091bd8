package dev.greenlight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.audit.AuditLog;
import dev.greenlight.model.Fulfilment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Conditional approvals on the command line, with the shipped pack: dry-run, explain, audit show, stats and conditions. */
class ConditionsCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A public post with no invisible watermark: the shipped pack approves it on condition of a visible label. */
    static final String UNMARKED_POST = "{\"id\": \"s-label\", \"submittedAt\": \"2026-11-01T09:09:16Z\", \"submitter\": "
            + "{\"id\": \"artist-0128\", \"program\": \"early-access\", \"verified\": true}, \"model\": {\"name\": \"video-gen\", "
            + "\"version\": \"2024-02\"}, \"prompt\": \"a paper boat at dusk\", \"intendedUse\": \"public-post\", "
            + "\"media\": [{\"type\": \"image\", \"mimeType\": \"image/png\", \"width\": 1024, \"height\": 1024}], "
            + "\"provenance\": {\"c2pa\": true, \"watermark\": false}}";
    static final String PARTNER_SALE = UNMARKED_POST.replace("s-label", "s-credit").replace("early-access", "studio-partner")
            .replace("public-post", "commercial").replace("\"watermark\": false", "\"watermark\": true");

    @TempDir
    Path dir;

    @Test
    void aConditionalApproval_isShown_explained_counted_andListedUntilFulfilled() throws Exception {
        Path input = dir.resolve("in.jsonl");
        Files.write(input, List.of(UNMARKED_POST, PARTNER_SALE));
        Path log = dir.resolve("audit/audit.jsonl");

        Cli text = Cli.run("dry-run", "--audit", log.toString(), input.toString());
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.outLines()[0]).startsWith("APPROVE_WITH_CONDITIONS s-label  ").contains("\"made with AI\" label").contains("[PRV-2]");
        assertThat(text.err()).contains("2 decided (APPROVE 0, APPROVE_WITH_CONDITIONS 2, ESCALATE 0, REJECT 0)");

        Cli json = Cli.run("dry-run", "--format", "json", input.toString());
        JsonNode d = JSON.readTree(json.outLines()[1]);
        assertThat(d.path("verdict").asText()).isEqualTo("APPROVE_WITH_CONDITIONS");
        assertThat(d.at("/conditions/0/id").asText()).isEqualTo("credit-the-model");
        assertThat(d.at("/conditions/0/policy").asText()).isEqualTo("PRG-4");

        Path one = dir.resolve("one.json");
        Files.writeString(one, UNMARKED_POST);
        Cli explain = Cli.run("explain", one.toString());
        assertThat(explain.exit()).as(explain.err()).isZero();
        assertThat(explain.out()).contains("votes APPROVE_WITH_CONDITIONS (condition label-made-with-ai)")
                .contains("a conditional approval outweighs any APPROVE").contains("Conditions to fulfil")
                .contains("label-made-with-ai [PRV-2] (rule required-watermark-missing, due ");

        Cli open = Cli.run("audit", "conditions", log.toString());
        assertThat(open.exit()).as(open.err()).isZero();
        assertThat(open.outLines()).hasSize(2);
        assertThat(open.out()).contains("s-label  label-made-with-ai [PRV-2]  open, due ").contains("s-credit  credit-the-model [PRG-4]");
        String labelId = open.outLines()[0].split("\\s+")[1];
        Instant decided = Instant.parse(open.outLines()[0].split("\\s+")[0]);
        String late = decided.plusSeconds(8 * 24 * 3600).toString(); // label is due in 7 days, credit in 14
        Cli overdue = Cli.run("audit", "conditions", "--state", "overdue", "--at", late, "--format", "json", log.toString());
        assertThat(overdue.outLines()).hasSize(1);
        assertThat(JSON.readTree(overdue.outLines()[0]).at("/condition/id").asText()).isEqualTo("label-made-with-ai");
        assertThat(Cli.run("audit", "stats", log.toString()).out()).contains("CONDITIONAL");

        try (AuditLog audit = AuditLog.open(log)) {
            audit.fulfil(labelId, List.of(new Fulfilment("label-made-with-ai", "https://example.org/p/1")), decided.plusSeconds(60));
        }
        assertThat(Cli.run("audit", "conditions", "--state", "overdue", "--at", late, log.toString()).outLines()).isEmpty();
        Cli fulfilled = Cli.run("audit", "conditions", "--state", "fulfilled", log.toString());
        assertThat(fulfilled.outLines()).hasSize(1);
        // dry-run's closing checkpoint is record 3: the fulfilment is record 4
        assertThat(fulfilled.out()).contains("fulfilled ").contains("(record seq 4)");
        Cli history = Cli.run("audit", "show", log.toString(), "--decision", labelId);
        assertThat(history.out()).contains("condition label-made-with-ai [PRV-2] due ")
                .contains("fulfilled label-made-with-ai (record seq 4): https://example.org/p/1");
        Cli verify = Cli.run("audit", "verify", log.toString());
        assertThat(verify.exit()).as(verify.out() + verify.err()).isZero();
    }
}
