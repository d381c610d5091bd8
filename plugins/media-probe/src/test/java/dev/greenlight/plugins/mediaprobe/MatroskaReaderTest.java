package dev.greenlight.plugins.mediaprobe;

import static dev.greenlight.plugins.mediaprobe.Probes.analyse;
import static dev.greenlight.plugins.mediaprobe.Probes.fixtures;
import static dev.greenlight.plugins.mediaprobe.Probes.media;
import static dev.greenlight.plugins.mediaprobe.Probes.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.model.Signal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MatroskaReaderTest {
    @TempDir
    Path temp;

    @Test
    void read_cutAfterTheHeaders_keepsThemAndReportsTruncation() throws Exception {
        byte[] webm = Files.readAllBytes(fixtures().resolve("clip-480p-5s.webm"));
        Files.write(temp.resolve("cut.webm"), Arrays.copyOf(webm, 20_000));

        List<Signal> signals = analyse(temp, media("video", "cut.webm").build());

        assertThat(only(signals, "media.info").getAttributes()).containsEntry("format", "webm").containsEntry("codec", "vp9")
                .containsEntry("width", "854").containsEntry("durationSeconds", "5").containsEntry("frameRate", "24");
        assertThat(only(signals, "media.unreadable").getCategory()).isEqualTo("truncated");
    }

    @Test
    void read_cutInsideTheHeader_isTruncated() throws Exception {
        byte[] webm = Files.readAllBytes(fixtures().resolve("clip-480p-5s.webm"));
        Files.write(temp.resolve("stub.webm"), Arrays.copyOf(webm, 20));

        assertThat(only(analyse(temp, media("video", "stub.webm").build()), "media.unreadable").getCategory())
                .isEqualTo("truncated");
    }

    @Test
    void read_ebmlDocumentOfAnotherKind_isNotMedia() throws Exception {
        // EBML header (id 1A45DFA3, size 6) holding DocType (4282) "xyz", then nothing
        byte[] other = {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3, (byte) 0x86, 0x42, (byte) 0x82, (byte) 0x83, 'x', 'y', 'z'};
        Files.write(temp.resolve("other.mkv"), other);

        Signal unreadable = only(analyse(temp, media("video", "other.mkv").build()), "media.unreadable");

        assertThat(unreadable.getCategory()).isEqualTo("not-media");
        assertThat(unreadable.attribute("reason")).contains("'xyz'");
    }

    @Test
    void read_matroskaDocType_isReportedAsMatroska() throws Exception {
        byte[] webm = Files.readAllBytes(fixtures().resolve("clip-480p-5s.webm"));
        int docType = Mp4Fixture.indexOf(webm, "webm");
        byte[] mkv = Mp4Fixture.concat(Arrays.copyOf(webm, docType - 1), new byte[] {(byte) 0x88}, "matroska".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                Arrays.copyOfRange(webm, docType + 4, webm.length));
        mkv[4] = (byte) (mkv[4] + 4); // the EBML header grew by four bytes
        Files.write(temp.resolve("clip.mkv"), mkv);

        List<Signal> signals = analyse(temp, media("video", "clip.mkv").mimeType("video/x-matroska").build());

        assertThat(only(signals, "media.info").getAttributes()).containsEntry("format", "matroska").containsEntry("width", "854");
        assertThat(Probes.named(signals, "media.mismatch")).isEmpty();
    }
}
