package dev.greenlight.plugins.hashmatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BankLoaderTest {
    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);

    @TempDir
    Path dir;

    @Test
    void addFile_validLines_loadsEntriesSkippingCommentsAndBlanks() throws IOException {
        Path file = write("known.sha256.tsv", "\uFEFF# a comment\r\n\r\n" + A + "\tcsam\tcase 17\r\n  # indented comment\n"
                + B.toUpperCase() + "\tspam\n");

        Banks banks = new BankLoader().addFile(file).build();

        assertThat(banks.sha256().size()).isEqualTo(2);
        assertThat(banks.pdq().size()).isZero();
        assertThat(banks.sha256().lookup(Hash256.fromHex(A))).containsExactly(new BankMatch("csam", Hash256.fromHex(A), "case 17", 0));
        assertThat(banks.sha256().lookup(Hash256.fromHex(B))).extracting(BankMatch::label).containsExactly("");
        assertThat(banks.sources()).containsExactly(file.toString());
    }

    @Test
    void addFile_pdqSuffix_loadsIntoPdqBanks() throws IOException {
        Banks banks = new BankLoader().addFile(write("x.pdq.tsv", A + "\tmemes\tcat\n")).build();

        assertThat(banks.pdq().lookup(Hash256.fromHex(A), 0)).extracting(BankMatch::bank).containsExactly("memes");
        assertThat(banks.sha256().size()).isZero();
    }

    @Test
    void addFile_badHash_failsNamingFileAndLine() throws IOException {
        Path file = write("bad.pdq.tsv", "# header\n" + A + "\tok\n" + "1234\tok\n");

        assertThatThrownBy(() -> new BankLoader().addFile(file))
                .isInstanceOf(BankFormatException.class)
                .hasMessage(file + ":3: hash must be 64 hex digits, was '1234'");
    }

    @Test
    void addFile_missingBank_failsNamingFileAndLine() throws IOException {
        Path file = write("bad.sha256.tsv", A + "\n");

        assertThatThrownBy(() -> new BankLoader().addFile(file))
                .isInstanceOf(BankFormatException.class)
                .hasMessageStartingWith(file + ":1: expected hash<TAB>bank[<TAB>label]");
    }

    @Test
    void addFile_tooManyFields_fails() throws IOException {
        Path file = write("bad.sha256.tsv", A + "\tbank\tlabel\textra\n");

        assertThatThrownBy(() -> new BankLoader().addFile(file)).hasMessageContaining(":1: expected hash<TAB>bank");
    }

    @Test
    void addFile_badBankName_failsNamingFileAndLine() throws IOException {
        Path file = write("bad.sha256.tsv", A + "\tmy bank\n");

        assertThatThrownBy(() -> new BankLoader().addFile(file)).hasMessageContaining(":1: bank name must be").hasMessageContaining("'my bank'");
    }

    @Test
    void addFile_invalidUtf8_fails() throws IOException {
        Path file = dir.resolve("bad.sha256.tsv");
        byte[] line = (A + "\tb\tcaf").getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = java.util.Arrays.copyOf(line, line.length + 2);
        bytes[line.length] = (byte) 0xE9; // Latin-1 é, not UTF-8
        bytes[line.length + 1] = '\n';
        Files.write(file, bytes);

        assertThatThrownBy(() -> new BankLoader().addFile(file)).hasMessageContaining("not valid UTF-8");
    }

    @Test
    void addFile_videoBank_groupsFramesByLabel() throws IOException {
        Path file = write("known.vpdq.tsv", "# frames\n" + A + "\tvids\tclip-1\t0\n" + A + "\tvids\tclip-1\t1.0\n"
                + A + "\tvids\tclip-2\t0\n");

        VideoBank video = new BankLoader().addFile(file).build().video();

        assertThat(video.size()).isEqualTo(2);
        assertThat(video.frames()).isEqualTo(3);
        assertThat(video.entry(0)).isEqualTo(new VideoBank.Entry("vids", "clip-1", 2));
    }

    @Test
    void addFile_videoBankLineWithoutSeconds_failsNamingTheLine() throws IOException {
        Path file = write("known.vpdq.tsv", A + "\tvids\tclip-1\n");

        assertThatThrownBy(() -> new BankLoader().addFile(file)).hasMessageContaining("known.vpdq.tsv:1")
                .hasMessageContaining("seconds");
    }

    @Test
    void addFile_unknownSuffix_failsSayingWhichSuffixes() throws IOException {
        Path file = write("hashes.tsv", A + "\tb\n");

        assertThatThrownBy(() -> new BankLoader().addFile(file)).hasMessageContaining(".sha256.tsv, .pdq.tsv or .vpdq.tsv");
    }

    @Test
    void addDirectory_loadsOnlyBankFilesInNameOrder() throws IOException {
        write("b.sha256.tsv", B + "\tsecond\n");
        write("a.sha256.tsv", A + "\tfirst\n");
        write("README.md", "not a bank\n");
        write("c.pdq.tsv", A + "\tthird\n");

        Banks banks = new BankLoader().addDirectory(dir).build();

        assertThat(banks.sources()).extracting(s -> Path.of(s).getFileName().toString())
                .containsExactly("a.sha256.tsv", "b.sha256.tsv", "c.pdq.tsv");
    }

    @Test
    void addResource_shippedExamples_loadTheBridgePhoto() {
        Banks banks = new BankLoader().addResource(HashMatch.EXAMPLE_SHA256).addResource(HashMatch.EXAMPLE_PDQ).build();

        assertThat(banks.sha256().size()).isEqualTo(1);
        assertThat(banks.pdq().size()).isEqualTo(1);
        assertThat(banks.pdq().lookup(new PdqHasher().hash(Fixtures.image(Fixtures.ORIGINAL)).bits(), 31))
                .extracting(BankMatch::bank).containsExactly("example");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }
}
