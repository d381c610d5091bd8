package dev.greenlight.server.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusTokensTest {
    static final String A = "01a24934-795b-7795-a576-ed181b20a0cb";
    static final String B = "01a24934-795b-7795-a576-ed181b20a0cc";

    @TempDir
    Path dir;

    @Test
    void token_opensItsDecisionOnly() throws Exception {
        StatusTokens t = StatusTokens.open(dir.resolve("key"), dir.resolve("revoked"));
        String a = t.issue(A);
        assertThat(a).matches("[A-Za-z0-9_-]{40,60}");
        assertThat(t.resolve(a)).contains(A);
        assertThat(t.resolve(t.issue(B))).contains(B);
        assertThat(t.issue(A)).isEqualTo(a); // checked, not stored: the same token every time
        assertThat(t.resolve(t.issue("sub-7 not a uuid"))).contains("sub-7 not a uuid");
    }

    @Test
    void tamperedOrForeignOrGarbageTokens_openNothing() throws Exception {
        StatusTokens t = StatusTokens.open(dir.resolve("key"), dir.resolve("revoked"));
        String a = t.issue(A);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < a.length(); i++) {
            char c = a.charAt(i) == 'A' ? 'B' : 'A';
            String bad = a.substring(0, i) + c + a.substring(i + 1);
            seen.add(bad);
            assertThat(t.resolve(bad)).as("changed at %d", i).isEmpty();
        }
        StatusTokens other = StatusTokens.open(dir.resolve("other-key"), dir.resolve("other-revoked"));
        assertThat(other.resolve(a)).isEmpty();
        assertThat(t.resolve("")).isEmpty();
        assertThat(t.resolve("%%%")).isEmpty();
        assertThat(t.resolve("x".repeat(10_000))).isEmpty();
        assertThat(t.resolve(null)).isEmpty();
    }

    @Test
    void revoked_staysRevokedAfterARestart_andTheNextTokenWorks() throws Exception {
        StatusTokens t = StatusTokens.open(dir.resolve("key"), dir.resolve("revoked"));
        String first = t.issue(A);
        String second = t.revoke(A);
        assertThat(t.resolve(first)).isEmpty();
        assertThat(t.resolve(second)).contains(A);
        assertThat(t.issue(A)).isEqualTo(second);

        StatusTokens reopened = StatusTokens.open(dir.resolve("key"), dir.resolve("revoked"));
        assertThat(reopened.resolve(first)).isEmpty();
        assertThat(reopened.resolve(second)).contains(A);
        assertThat(reopened.resolve(reopened.issue(B))).contains(B);
    }

    @Test
    void secretFile_isMadeOwnerOnly_andReused() throws Exception {
        Path key = dir.resolve("key");
        String a = StatusTokens.open(key, dir.resolve("revoked")).issue(A);
        assertThat(Files.size(key)).isEqualTo(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(StatusTokens.open(key, dir.resolve("revoked")).resolve(a)).contains(A);
        Files.write(dir.resolve("short"), new byte[8]);
        assertThatThrownBy(() -> StatusTokens.open(dir.resolve("short"), dir.resolve("r"))).hasMessageContaining("at least 32 bytes");
    }

    @Test
    void tornLastRevocationLine_isForgiven_butDamageEarlierIsNot() throws Exception {
        Files.writeString(dir.resolve("revoked"), A + " 1\n" + B);
        StatusTokens t = StatusTokens.open(dir.resolve("key"), dir.resolve("revoked"));
        assertThat(t.resolve(t.issue(A))).contains(A);
        Files.writeString(dir.resolve("revoked2"), "garbage\n" + A + " 1\n");
        assertThatThrownBy(() -> StatusTokens.open(dir.resolve("key"), dir.resolve("revoked2"))).hasMessageContaining("revoked2:1");
    }
}
