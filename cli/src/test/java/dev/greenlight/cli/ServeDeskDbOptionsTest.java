package dev.greenlight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** serve --desk-db: refused before anything starts unless the desk is on and its reviews are shipped (--ship-db). */
class ServeDeskDbOptionsTest {
    static final String URL = "jdbc:postgresql://localhost:1/greenlight";

    @TempDir
    Path dir;

    @Test
    void withoutTheDesk_isRefused() {
        Cli s = Cli.run("serve", "--no-plugins", "--port", "0", "--audit", dir.resolve("audit.jsonl").toString(),
                "--desk-db", URL, "--ship-db", URL);
        assertThat(s.exit()).isEqualTo(ExitCodes.CONFIG);
        assertThat(s.err()).contains("--desk-db").contains("needs the desk on (--users FILE)");
    }

    @Test
    void withoutShipping_isRefused_andAPoolBelowOneToo() {
        Path users = dir.resolve("users");
        Cli add = Cli.run("users", "add", "ana", "--role", "reviewer", "--no-password", "--users", users.toString());
        assertThat(add.exit()).as(add.err()).isZero();
        Cli s = Cli.run("serve", "--no-plugins", "--port", "0", "--audit", dir.resolve("audit.jsonl").toString(),
                "--users", users.toString(), "--desk-db", URL);
        assertThat(s.exit()).isEqualTo(ExitCodes.CONFIG);
        assertThat(s.err()).contains("--desk-db needs --ship-db");
        Cli pool = Cli.run("serve", "--no-plugins", "--port", "0", "--audit", dir.resolve("audit.jsonl").toString(),
                "--users", users.toString(), "--desk-db", URL, "--ship-db", URL, "--desk-db-pool", "0");
        assertThat(pool.exit()).isEqualTo(ExitCodes.CONFIG);
        assertThat(pool.err()).contains("--desk-db-pool must be at least 1");
    }
}
