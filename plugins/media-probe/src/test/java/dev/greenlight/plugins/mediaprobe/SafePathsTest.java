package dev.greenlight.plugins.mediaprobe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafePathsTest {
    @TempDir
    Path temp;
    private Path root;
    private Path outside;

    @BeforeEach
    void files() throws IOException {
        root = Files.createDirectories(temp.resolve("root"));
        Files.createDirectories(root.resolve("sub"));
        Files.write(root.resolve("a.bin"), new byte[] {1, 2, 3});
        outside = Files.write(temp.resolve("secret.bin"), new byte[] {9, 9});
    }

    @Test
    void resolve_relativeInsideRoot_givesRealFileAndSize() throws Exception {
        SafePaths.Resolved r = new SafePaths(root).resolve("a.bin");

        assertThat(r.file()).isEqualTo(root.resolve("a.bin").toRealPath());
        assertThat(r.size()).isEqualTo(3);
    }

    @Test
    void resolve_dotDotThatStaysInside_isAccepted() throws Exception {
        assertThat(new SafePaths(root).resolve("sub/../a.bin").size()).isEqualTo(3);
    }

    @Test
    void resolve_dotDotEscape_isOutsideRoot() {
        assertRefused("../secret.bin", Problem.OUTSIDE_ROOT);
        assertRefused("sub/../../secret.bin", Problem.OUTSIDE_ROOT);
    }

    @Test
    void resolve_escapeToMissingFile_isOutsideRootNotNotFound() {
        // the answer must not reveal whether something exists outside the root
        assertRefused("../no-such-file", Problem.OUTSIDE_ROOT);
    }

    @Test
    void resolve_absolutePathElsewhere_isOutsideRoot() {
        assertRefused(outside.toString(), Problem.OUTSIDE_ROOT);
        assertRefused("/etc/passwd", Problem.OUTSIDE_ROOT);
    }

    @Test
    void resolve_absolutePathInsideRoot_isAccepted() throws Exception {
        assertThat(new SafePaths(root).resolve(root.resolve("a.bin").toString()).size()).isEqualTo(3);
    }

    @Test
    void resolve_symlinkOutOfRoot_isOutsideRoot() throws IOException {
        Files.createSymbolicLink(root.resolve("link.bin"), outside);

        assertRefused("link.bin", Problem.OUTSIDE_ROOT);
    }

    @Test
    void resolve_pathThroughSymlinkedDirectoryOutOfRoot_isOutsideRoot() throws IOException {
        Files.createSymbolicLink(root.resolve("elsewhere"), temp);

        assertRefused("elsewhere/secret.bin", Problem.OUTSIDE_ROOT);
    }

    @Test
    void resolve_symlinkInsideRoot_isAccepted() throws Exception {
        Files.createSymbolicLink(root.resolve("sub/alias.bin"), root.resolve("a.bin"));

        assertThat(new SafePaths(root).resolve("sub/alias.bin").file()).isEqualTo(root.resolve("a.bin").toRealPath());
    }

    @Test
    void resolve_rootReachedThroughSymlink_acceptsFilesInside() throws Exception {
        Path linkedRoot = Files.createSymbolicLink(temp.resolve("linked-root"), root);

        assertThat(new SafePaths(linkedRoot).resolve("a.bin").size()).isEqualTo(3);
        assertThat(new SafePaths(linkedRoot).resolve(linkedRoot.resolve("a.bin").toString()).size()).isEqualTo(3);
    }

    @Test
    void resolve_missingFile_isNotFound() {
        assertRefused("missing.bin", Problem.NOT_FOUND);
    }

    @Test
    void resolve_missingRoot_isNotFound() {
        assertThatThrownBy(() -> new SafePaths(temp.resolve("no-root")).resolve("a.bin"))
                .isInstanceOfSatisfying(UnreadableException.class, e -> assertThat(e.problem()).isEqualTo(Problem.NOT_FOUND));
    }

    @Test
    void resolve_directory_isNotAFile() {
        assertRefused("sub", Problem.NOT_A_FILE);
        assertRefused(".", Problem.NOT_A_FILE);
    }

    @Test
    void resolve_nulInPath_isNotFound() {
        assertRefused("a\0.bin", Problem.NOT_FOUND);
    }

    @Test
    void resolve_fifo_isNotAFileWithoutBlocking() throws Exception {
        Path fifo = Fifos.create(root.resolve("pipe"));

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertRefused(fifo.getFileName().toString(), Problem.NOT_A_FILE));
    }

    @Test
    void resolve_reasons_neverNameTheRoot() {
        assertThatThrownBy(() -> new SafePaths(root).resolve("../secret.bin"))
                .hasMessageContaining("'../secret.bin'").hasMessageNotContaining(root.toString());
    }

    private void assertRefused(String path, Problem problem) {
        assertThatThrownBy(() -> new SafePaths(root).resolve(path))
                .isInstanceOfSatisfying(UnreadableException.class, e -> assertThat(e.problem()).isEqualTo(problem));
    }
}
