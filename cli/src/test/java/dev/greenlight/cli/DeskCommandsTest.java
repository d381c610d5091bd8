package dev.greenlight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.audit.AuditLog;
import dev.greenlight.desk.accounts.Account;
import dev.greenlight.desk.accounts.Accounts;
import dev.greenlight.desk.accounts.Role;
import dev.greenlight.model.Verdict;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The review desk from the command line: audit review through the desk, show --queue, --unreviewed, names, users. */
class DeskCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    Path log;
    List<String> escalated;

    @BeforeEach
    void writeLog() throws Exception {
        Path input = dir.resolve("batch.jsonl");
        Files.write(input, Files.readAllLines(DryRunCommandTest.corpus()).subList(0, 120));
        log = dir.resolve("audit/audit.jsonl");
        Cli run = Cli.run("dry-run", "--audit", log.toString(), input.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        escalated = new ArrayList<>();
        for (String l : Files.readAllLines(log)) {
            JsonNode n = JSON.readTree(l);
            if (n.path("type").asText().equals("decision") && n.at("/decision/verdict").asText().equals("ESCALATE")) {
                escalated.add(n.at("/decision/decisionId").asText());
            }
        }
        assertThat(escalated).hasSizeGreaterThan(3);
    }

    private Cli review(String id, String who, String verdict, String... more) {
        List<String> args = new ArrayList<>(List.of("audit", "review", log.toString(), "--decision", id, "--reviewer", who,
                "--verdict", verdict));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void escalateToTheLead_keepsTheDecisionUnreviewed_untilTheLeadDecides() throws Exception {
        String id = escalated.get(0);
        int before = Cli.run("audit", "show", log.toString(), "--unreviewed").outLines().length;
        assertThat(before).isEqualTo(escalated.size());

        Cli toLead = review(id, "rev-ana", "ESCALATE", "--note", "needs a lead");
        assertThat(toLead.exit()).as(toLead.err()).isZero();
        assertThat(toLead.out()).contains("now in the lead queue");
        assertThat(Cli.run("audit", "show", log.toString(), "--unreviewed").out()).contains(id);
        Cli lead = Cli.run("audit", "show", log.toString(), "--queue", "lead", "--format", "json");
        assertThat(lead.exit()).as(lead.err()).isZero();
        assertThat(lead.outLines()).singleElement().satisfies(l -> {
            JsonNode c = JSON.readTree(l);
            assertThat(c.get("decisionId").asText()).isEqualTo(id);
            assertThat(c.get("queue").asText()).isEqualTo("lead");
            assertThat(c.get("decidedBy").asText()).isEqualTo("rev-ana");
        });
        // the lead's verdict decides the case: no --appeal needed, it replaces no human APPROVE or REJECT
        Cli decided = review(id, "lee", "REJECT", "--message", "This cannot be published.");
        assertThat(decided.exit()).as(decided.err()).isZero();
        assertThat(decided.out()).contains("closed");
        assertThat(Cli.run("audit", "show", log.toString(), "--unreviewed").out()).doesNotContain(id);
        assertThat(Cli.run("audit", "show", log.toString(), "--queue", "lead").out()).isEmpty();

        Cli queue = Cli.run("audit", "show", log.toString(), "--queue", "review");
        assertThat(queue.outLines()).hasSize(escalated.size() - 1);
        assertThat(queue.err()).contains((escalated.size() - 1) + " undecided in review");
        assertThat(Cli.run("audit", "show", log.toString(), "--queue", "nope").exit()).isEqualTo(2);

        Cli history = Cli.run("audit", "show", log.toString(), "--decision", id);
        assertThat(history.out()).contains("review  ESCALATE  by rev-ana in review case c-")
                .contains("review  REJECT  by lee in lead").contains("to the artist: This cannot be published.");
        assertThat(Cli.run("audit", "verify", log.toString()).exit()).isZero();
    }

    @Test
    void overwritesAreRefusedUnlessAppealOrForce() {
        String id = escalated.get(1);
        assertThat(review(id, "rev-ana", "APPROVE").exit()).isZero();
        Cli again = review(id, "rev-bo", "REJECT", "--message", "no");
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("its verdict is APPROVE, decided by rev-ana");
        assertThat(review(id, "rev-bo", "REJECT", "--message", "no", "--force").exit()).isZero();
        assertThat(review(id, "rev-cy", "APPROVE", "--appeal").exit()).isZero();
        assertThat(Cli.run("audit", "verify", log.toString()).out()).contains("(120 decisions, 3 reviews)");
    }

    @Test
    void badNamesAndTextsAreRefused_andShowNeverPrintsControlCharactersRaw() throws Exception {
        String id = escalated.get(2);
        Cli bad = review(id, "rev\u202eana\nFAKE line", "APPROVE");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("--reviewer").doesNotContain("\u202e").doesNotContain("FAKE line");
        Cli badNote = review(id, "rev-ana", "APPROVE", "--note", "ok\u0007");
        assertThat(badNote.exit()).isEqualTo(1);
        assertThat(badNote.err()).contains("--note").contains("U+0007");
        Cli badPolicy = review(id, "rev-ana", "APPROVE", "--policy", "NOPE-1", "--rules", rulesDir().toString());
        assertThat(badPolicy.exit()).isEqualTo(1);
        assertThat(badPolicy.err()).contains("--policy: unknown policy id \"NOPE-1\"");

        // a review written before names were checked, straight through the log
        try (AuditLog audit = AuditLog.open(log)) {
            audit.review(id, "rev\u202eana\nFAKE line", Verdict.REJECT, "note\u202e\u0085", Instant.now());
        }
        for (String format : List.of("text", "json")) {
            Cli show = Cli.run("audit", "show", log.toString(), "--decision", id, "--format", format);
            assertThat(show.exit()).as(show.err()).isZero();
            assertThat(show.out()).doesNotContain("\u202e").doesNotContain("\u0085").contains("\\u202E");
            assertThat(show.out()).doesNotContain("\nFAKE line");
            Cli list = Cli.run("audit", "show", log.toString(), "--format", format);
            assertThat(list.out()).doesNotContain("\u202e");
        }
        JsonNode j = JSON.readTree(Cli.run("audit", "show", log.toString(), "--decision", id, "--format", "json").out());
        assertThat(j.at("/reviews/0/reviewer").asText()).isEqualTo("rev\u202eana\nFAKE line"); // the same string, escaped
    }

    private static Path rulesDir() {
        return Path.of(System.getProperty("user.dir")).getParent().resolve("rules/policies");
    }

    @Test
    void usersAddListToken() throws Exception {
        Path users = dir.resolve("users");
        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream("correct horse battery\n".getBytes(StandardCharsets.UTF_8)));
            Cli add = Cli.run("users", "add", "ana", "--role", "reviewer", "--role", "lead", "--users", users.toString(),
                    "--password-stdin");
            assertThat(add.exit()).as(add.err()).isZero();
        } finally {
            System.setIn(stdin);
        }
        Cli bot = Cli.run("users", "add", "bot", "--role", "auditor", "--no-password", "--users", users.toString());
        assertThat(bot.exit()).as(bot.err()).isZero();
        Cli token = Cli.run("users", "token", "bot", "--users", users.toString());
        assertThat(token.exit()).as(token.err()).isZero();
        String t = token.out().strip();
        Accounts accounts = Accounts.load(users);
        assertThat(accounts.authenticate("ana", "correct horse battery".toCharArray()))
                .contains(Account.of("ana", Role.REVIEWER, Role.LEAD));
        assertThat(accounts.byToken(t)).contains(Account.of("bot", Role.AUDITOR));
        assertThat(Files.readString(users)).doesNotContain(t).doesNotContain("correct horse");
        Cli list = Cli.run("users", "list", "--users", users.toString());
        assertThat(list.out()).contains("ana").contains("reviewer,lead").contains("bot").contains("auditor")
                .contains("no password").contains("token");

        Cli badName = Cli.run("users", "add", "rev\u202eana", "--role", "reviewer", "--no-password", "--users", users.toString());
        assertThat(badName.exit()).isEqualTo(1);
        assertThat(badName.err()).doesNotContain("\u202e");
        Cli badRole = Cli.run("users", "add", "cy", "--role", "boss", "--no-password", "--users", users.toString());
        assertThat(badRole.exit()).isEqualTo(2);
        Files.writeString(users, Files.readString(users) + "dee reviewr -\n");
        Cli broken = Cli.run("users", "list", "--users", users.toString());
        assertThat(broken.exit()).isEqualTo(2);
        assertThat(broken.err()).contains(users + ":4: unknown role");
    }
}
