package dev.greenlight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 16 item 8: help that helps, and a launcher that does not rebuild for a rule edit. */
class HelpTest {
    static final Path LAUNCHER = Path.of(System.getProperty("greenlight.test.rules", "../rules/policies")
            .replace("rules/policies", "greenlight"));

    @TempDir
    Path dir;

    @Test
    void item8_help_listsWholeSentences_andOnlyTheOptionsThatApply() {
        String top = Cli.run("--help").out();
        // a command's entry, with the lines it wraps onto joined
        String commands = top.substring(top.indexOf("Commands:")).replaceAll("\n {6,}", " ");
        for (String line : commands.split("\n")) {
            if (line.matches("^  [a-z-]+ +\\S.*")) {
                assertThat(line.strip()).as("a command's line in --help is a whole sentence").endsWith(".");
            }
        }
        for (String command : List.of("validate", "plugins")) {
            String help = Cli.run(command, "--help").out();
            assertThat(help).as(command).doesNotContain("--plugin-timeout").doesNotContain("--default-verdict");
        }
        assertThat(Cli.run("dry-run", "--help").out()).contains("--plugin-timeout", "--default-verdict", "--allow-degraded");
        assertThat(Cli.run("audit", "erase", "--help").out()).doesNotContain("--redact");
        assertThat(Cli.run("validate", "--default-verdict", "APPROVE").exit()).as("not accepted either").isEqualTo(ExitCodes.CONFIG);
        assertThat(Cli.run("dry-run", "--help").out()).contains("decision tables");
    }

    /** The launcher's staleness check, run on a tree shaped like the repository. */
    @Test
    void item8_launcher_aRuleEditNeedsNoBuild_butASourceEditDoes() throws Exception {
        Path root = dir.resolve("repo");
        Path jar = root.resolve("cli/target/greenlight-cli.jar");
        Path rule = root.resolve("rules/policies/PRG/PRG.drl");
        Path source = root.resolve("engine/core/src/main/java/A.java");
        Path testRule = root.resolve("engine/core/src/test/resources/t.drl");
        for (Path p : List.of(jar, rule, source, testRule, root.resolve("pom.xml"))) {
            Files.createDirectories(p.getParent());
            Files.writeString(p, "x");
            Files.setLastModifiedTime(p, FileTime.from(Instant.now().minusSeconds(3600)));
        }
        Files.createDirectories(root.resolve("plugins"));
        Path shipSource = root.resolve("ship/postgres/src/main/java/B.java");
        Files.createDirectories(shipSource.getParent());
        Files.writeString(shipSource, "x");
        Files.setLastModifiedTime(shipSource, FileTime.from(Instant.now().minusSeconds(3600)));
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(60)));
        Files.setLastModifiedTime(rule, FileTime.from(Instant.now()));
        Files.setLastModifiedTime(testRule, FileTime.from(Instant.now()));
        assertThat(stale(root)).as("a rule or test edit").isFalse();
        Files.setLastModifiedTime(shipSource, FileTime.from(Instant.now()));
        assertThat(stale(root)).as("a shipper source edit").isTrue();
        Files.setLastModifiedTime(shipSource, FileTime.from(Instant.now().minusSeconds(3600)));
        Files.setLastModifiedTime(source, FileTime.from(Instant.now()));
        assertThat(stale(root)).as("a source edit").isTrue();
    }

    private static boolean stale(Path root) throws Exception {
        String script = "set -euo pipefail; ROOT='" + root + "'; JAR=\"$ROOT/cli/target/greenlight-cli.jar\"; "
                + "source <(sed -n '/^stale() {/,/^}/p' '" + LAUNCHER.toAbsolutePath() + "'); if stale; then echo stale; else echo current; fi";
        Process p = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(out).isIn("stale", "current");
        return out.equals("stale");
    }
}
