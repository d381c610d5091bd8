package dev.greenlight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve}'s callback and status options refuse what cannot work, before binding a port (exit 2). */
class ServeArtistOptionsTest {
    @TempDir
    Path dir;

    @Test
    void callbackUrl_withoutSecret_orShortSecret_orWithoutAudit_exits2() throws Exception {
        Cli alone = Cli.run("serve", "--port", "0", "--audit", dir.resolve("a.jsonl").toString(),
                "--callback-url", "http://127.0.0.1:9/hook");
        assertThat(alone.exit()).isEqualTo(ExitCodes.CONFIG);
        assertThat(alone.err()).contains("--callback-url and --callback-secret-file go together");

        Path shortSecret = dir.resolve("short");
        Files.writeString(shortSecret, "tiny\n");
        Cli tooShort = Cli.run("serve", "--port", "0", "--audit", dir.resolve("b.jsonl").toString(),
                "--callback-url", "http://127.0.0.1:9/hook", "--callback-secret-file", shortSecret.toString());
        assertThat(tooShort.exit()).isEqualTo(ExitCodes.CONFIG);
        assertThat(tooShort.err()).contains("--callback-secret-file").contains("at least 16 characters");

        Path secret = dir.resolve("secret");
        Files.writeString(secret, "0123456789abcdef0123456789abcdef\n");
        Cli noAudit = Cli.run("serve", "--port", "0", "--callback-url", "http://127.0.0.1:9/hook",
                "--callback-secret-file", secret.toString());
        assertThat(noAudit.exit()).isEqualTo(ExitCodes.CONFIG);
        assertThat(noAudit.err()).contains("--callback-url needs --audit FILE");

        Cli ftp = Cli.run("serve", "--port", "0", "--audit", dir.resolve("c.jsonl").toString(),
                "--callback-url", "ftp://127.0.0.1/hook", "--callback-secret-file", secret.toString());
        assertThat(ftp.exit()).isEqualTo(ExitCodes.CONFIG);
        assertThat(ftp.err()).contains("callback url");
    }
}
