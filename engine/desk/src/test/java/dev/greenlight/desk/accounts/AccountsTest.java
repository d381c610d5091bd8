package dev.greenlight.desk.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountsTest {
    @TempDir
    Path dir;

    @Test
    void passwordsHashAndVerify_withSaltAndEnoughIterations() {
        String h1 = Accounts.hashPassword("correct horse".toCharArray());
        String h2 = Accounts.hashPassword("correct horse".toCharArray());
        assertThat(h1).startsWith("pbkdf2-sha256$210000$").isNotEqualTo(h2);
        Accounts a = Accounts.of(List.of(new Accounts.Entry(Account.of("ana", Role.REVIEWER), h1, null)));
        assertThat(a.authenticate("ana", "correct horse".toCharArray())).contains(Account.of("ana", Role.REVIEWER));
        assertThat(a.authenticate("ana", "wrong".toCharArray())).isEmpty();
        assertThat(a.authenticate("nobody", "correct horse".toCharArray())).isEmpty();
    }

    @Test
    void tokensAreKeptAsTheirHash() throws Exception {
        String token = Accounts.newToken();
        Accounts a = Accounts.empty().with(new Accounts.Entry(Account.of("bot", Role.AUDITOR), null,
                Accounts.tokenSha256(token)));
        Path file = dir.resolve("users");
        a.save(file);
        assertThat(Files.readString(file)).doesNotContain(token).contains(Accounts.tokenSha256(token));
        Accounts back = Accounts.load(file);
        assertThat(back.byToken(token)).contains(Account.of("bot", Role.AUDITOR));
        assertThat(back.byToken(token + "x")).isEmpty();
        assertThat(back.authenticate("bot", new char[0])).isEmpty(); // no password: token only
    }

    @Test
    void badLinesAreReportedWithFileAndLine() throws Exception {
        String hash = Accounts.hashPassword("pw".toCharArray());
        Path file = dir.resolve("users");
        Files.writeString(file, "# accounts\n\nana reviewer " + hash + "\nbo reviewr " + hash + "\n");
        assertThatThrownBy(() -> Accounts.load(file)).isInstanceOf(AccountsFileException.class)
                .hasMessageStartingWith(file + ":4: unknown role");
        Files.writeString(file, "ana reviewer " + hash + "\nana lead " + hash + "\n");
        assertThatThrownBy(() -> Accounts.load(file)).hasMessageStartingWith(file + ":2: account ana is listed twice");
        Files.writeString(file, "ana reviewer pbkdf2-sha256$1000$AAAAAAAAAAAAAAAAAAAAAA$"
                + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n");
        assertThatThrownBy(() -> Accounts.load(file)).hasMessageStartingWith(file + ":1: password hash iterations must be at least 210000");
        Files.writeString(file, "rev\u202eana reviewer " + hash + "\n");
        assertThatThrownBy(() -> Accounts.load(file)).hasMessageStartingWith(file + ":1: account name must be")
                .hasMessageNotContaining("\u202e");
        Files.writeString(file, "ana\n");
        assertThatThrownBy(() -> Accounts.load(file)).hasMessageStartingWith(file + ":1: expected: name roles");
    }

    @Test
    void namesWithControlOrBidiCharactersAreRefused() {
        assertThatThrownBy(() -> Account.of("rev\u202eana\nFAKE line", Role.REVIEWER))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("\u202e");
        assertThatThrownBy(() -> Account.of("", Role.REVIEWER)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Account.of("a".repeat(65), Role.REVIEWER)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Account("ana", Set.of())).isInstanceOf(IllegalArgumentException.class);
        assertThat(Account.of("rev.ana@studio-1_x", Role.LEAD).name()).isEqualTo("rev.ana@studio-1_x");
    }
}
