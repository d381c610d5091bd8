package dev.greenlight.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Media paths from untrusted submissions never lead a provider out of the media root. */
class MediaFilesTest {
    @TempDir
    Path tmp;
    private Path root;
    private Path inside;

    @BeforeEach
    void files() throws IOException {
        root = Files.createDirectories(tmp.resolve("root"));
        inside = Files.writeString(Files.createDirectories(root.resolve("a")).resolve("x.png"), "x");
        Files.writeString(tmp.resolve("secret.txt"), "s");
    }

    @Test
    void resolve_fileUnderRoot_isFound() throws IOException {
        assertThat(MediaFiles.resolve(root, "a/x.png")).contains(inside.toRealPath());
        assertThat(MediaFiles.resolve(root, "a/../a/./x.png")).contains(inside.toRealPath());
    }

    @Test
    void resolve_dotDotOutOfRoot_isRefused() {
        assertThat(MediaFiles.resolve(root, "../secret.txt")).isEmpty();
        assertThat(MediaFiles.resolve(root, "a/../../secret.txt")).isEmpty();
    }

    @Test
    void resolve_absolutePath_isRefused() {
        assertThat(MediaFiles.resolve(root, inside.toAbsolutePath().toString())).isEmpty();
    }

    @Test
    void resolve_symlinkLeavingRoot_isRefused() throws IOException {
        Files.createSymbolicLink(root.resolve("link.txt"), tmp.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("dir"), tmp);

        assertThat(MediaFiles.resolve(root, "link.txt")).isEmpty();
        assertThat(MediaFiles.resolve(root, "dir/secret.txt")).isEmpty();
    }

    @Test
    void resolve_directoryMissingOrEmpty_isRefused() {
        assertThat(MediaFiles.resolve(root, "a")).isEmpty();
        assertThat(MediaFiles.resolve(root, "a/missing.png")).isEmpty();
        assertThat(MediaFiles.resolve(root, "")).isEmpty();
        assertThat(MediaFiles.resolve(root, ".")).isEmpty();
    }
}
