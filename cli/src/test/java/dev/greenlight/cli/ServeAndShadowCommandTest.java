package dev.greenlight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.engine.Greenlight;
import dev.greenlight.testkit.Submissions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code greenlight serve} refuses bad configuration; {@code greenlight shadow report} reads an audit log. */
class ServeAndShadowCommandTest {
    @TempDir
    Path dir;

    private static final String HEADER = "package a;\nimport dev.greenlight.model.*;\nglobal Votes verdict;\n";

    @Test
    void serve_refusesWatchWithoutARulesDirectory_anEmptyTokenFile_andAnUnbindableAddress() throws Exception {
        assertThat(Cli.run("serve", "--help").out()).contains("--token-file", "--watch", "--shadow", "--rate-limit");
        Cli watch = Cli.run("serve", "--no-plugins", "--watch", "--port", "0");
        assertThat(watch.exit()).isEqualTo(ExitCodes.CONFIG);
        assertThat(watch.err()).contains("--watch needs --rules");
        Path empty = Files.writeString(dir.resolve("token"), "\n");
        Cli token = Cli.run("serve", "--no-plugins", "--token-file", empty.toString(), "--port", "0");
        assertThat(token.exit()).isEqualTo(ExitCodes.CONFIG);
        assertThat(token.err()).contains("is empty");
        Cli host = Cli.run("serve", "--no-plugins", "--host", "192.0.2.1", "--port", "0");
        assertThat(host.exit()).isEqualTo(ExitCodes.CONFIG);
    }

    @Test
    void serve_deskOptions_refuseAMissingAuditLog_aBadUsersFile_andSettingsWithoutUsers() throws Exception {
        assertThat(Cli.run("serve", "--help").out()).contains("--users", "--desk-config", "--[no-]desk");
        Path users = Files.writeString(dir.resolve("users"), "ana reviewer - -\n");
        Cli noAudit = Cli.run("serve", "--no-plugins", "--users", users.toString(), "--port", "0");
        assertThat(noAudit.exit()).isEqualTo(ExitCodes.CONFIG);
        assertThat(noAudit.err()).contains("needs --audit FILE");
        Path bad = Files.writeString(dir.resolve("bad-users"), "# team\nana reviewer - -\nbob overlord - -\n");
        Cli badUsers = Cli.run("serve", "--no-plugins", "--users", bad.toString(), "--audit", dir.resolve("a.jsonl").toString(),
                "--port", "0");
        assertThat(badUsers.exit()).isEqualTo(ExitCodes.CONFIG);
        assertThat(badUsers.err()).contains("--users: ").contains(bad + ":3:");
        Path settings = Files.writeString(dir.resolve("desk.yaml"), "lease: forever\n");
        Cli badSettings = Cli.run("serve", "--no-plugins", "--users", users.toString(), "--desk-config", settings.toString(),
                "--audit", dir.resolve("a.jsonl").toString(), "--port", "0");
        assertThat(badSettings.exit()).isEqualTo(ExitCodes.CONFIG);
        assertThat(badSettings.err()).contains("--desk-config: ").contains("lease");
        Cli settingsAlone = Cli.run("serve", "--no-plugins", "--desk-config", settings.toString(), "--port", "0");
        assertThat(settingsAlone.exit()).isEqualTo(ExitCodes.CONFIG);
        assertThat(settingsAlone.err()).contains("--desk-config needs --users");
    }

    @Test
    void shadowReport_listsTheDifferences_andExitsOneWhenThereAreAny() throws Exception {
        Path live = dir.resolve("live");
        Path candidate = dir.resolve("candidate");
        Files.createDirectories(live);
        Files.createDirectories(candidate);
        Files.writeString(live.resolve("a.drl"), HEADER + "rule \"ok\" @policy(\"B-1\") when Submission() then verdict.approve(\"ok\"); end\n");
        Files.writeString(candidate.resolve("a.drl"), HEADER
                + "rule \"ok\" @policy(\"B-1\") when Submission() then verdict.approve(\"ok\"); end\n"
                + "rule \"press\" @policy(\"P-1\") when Submission( intendedUse == \"press\" ) then verdict.reject(\"no\"); end\n");
        Path audit = dir.resolve("audit.jsonl");
        try (Greenlight g = Greenlight.builder().rulesDirectory(live).shadowRules(candidate).auditLog(audit).build()) {
            for (String use : List.of("press", "portfolio", "private", "press")) {
                g.decide(Submissions.of("s-" + use.length() + "-" + System.nanoTime(), "public", use).build());
            }
        }
        Cli report = Cli.run("shadow", "report", "--audit", audit.toString());
        assertThat(report.exit()).as(report.err()).isEqualTo(ExitCodes.INVALID);
        assertThat(report.out()).contains("4 decisions, 4 with a shadow verdict: 2 agree, 2 differ")
                .containsPattern("APPROVE -> APPROVE +2\\n  APPROVE -> REJECT +2").contains("shadow REJECT [press]");
        assertThat(Cli.run("shadow", "report", "--audit", dir.resolve("missing.jsonl").toString()).exit()).isEqualTo(ExitCodes.CONFIG);
    }
}
