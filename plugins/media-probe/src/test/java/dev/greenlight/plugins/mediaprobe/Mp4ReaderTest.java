package dev.greenlight.plugins.mediaprobe;

import static dev.greenlight.plugins.mediaprobe.Probes.analyse;
import static dev.greenlight.plugins.mediaprobe.Probes.media;
import static dev.greenlight.plugins.mediaprobe.Probes.named;
import static dev.greenlight.plugins.mediaprobe.Probes.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.model.Signal;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Mp4ReaderTest {
    @TempDir
    Path temp;

    @Test
    void read_indexBeforeMediaAndFileCut_keepsWhatTheIndexSaysAndReportsTruncation() throws Exception {
        Map<String, byte[]> boxes = Mp4Fixture.boxes("clip-1080p-10s.mp4");
        byte[] fastStart = Mp4Fixture.concat(boxes.get("ftyp"), boxes.get("moov"), boxes.get("mdat"));
        Files.write(temp.resolve("cut.mp4"), Arrays.copyOf(fastStart, fastStart.length / 2));

        List<Signal> signals = analyse(temp, media("video", "cut.mp4").build());

        assertThat(only(signals, "media.info").getAttributes()).containsEntry("width", "1920").containsEntry("durationSeconds", "10");
        assertThat(only(signals, "media.unreadable").getCategory()).isEqualTo("truncated");
    }

    @Test
    void read_noMovieBox_isTruncated() throws Exception {
        Map<String, byte[]> boxes = Mp4Fixture.boxes("clip-1080p-10s.mp4");
        Files.write(temp.resolve("no-index.mp4"), Mp4Fixture.concat(boxes.get("ftyp"), boxes.get("mdat")));

        Signal unreadable = only(analyse(temp, media("video", "no-index.mp4").build()), "media.unreadable");

        assertThat(unreadable.getCategory()).isEqualTo("truncated");
        assertThat(unreadable.attribute("reason")).contains("'moov'");
    }

    @Test
    void read_boxWithImpossibleSize_isDamaged() throws Exception {
        byte[] ftyp = Mp4Fixture.boxes("clip-1080p-10s.mp4").get("ftyp");
        byte[] bad = {0, 0, 0, 4, 'f', 'r', 'e', 'e', 0, 0, 0, 0};
        Files.write(temp.resolve("bad.mp4"), Mp4Fixture.concat(ftyp, bad));

        assertThat(only(analyse(temp, media("video", "bad.mp4").build()), "media.unreadable").getCategory()).isEqualTo("damaged");
    }

    @Test
    void read_childOverrunningItsParent_isDamaged() throws Exception {
        Map<String, byte[]> boxes = Mp4Fixture.boxes("clip-1080p-10s.mp4");
        byte[] moov = boxes.get("moov").clone();
        int mvhd = Mp4Fixture.indexOf(moov, "mvhd") - 4;
        ByteBuffer.wrap(moov, mvhd, 4).putInt(moov.length * 2);
        Files.write(temp.resolve("overrun.mp4"), Mp4Fixture.concat(boxes.get("ftyp"), moov));

        assertThat(only(analyse(temp, media("video", "overrun.mp4").build()), "media.unreadable").getCategory()).isEqualTo("damaged");
    }

    @Test
    void read_displayMatrixTurnedAQuarter_reportsRotationAndAcceptsPortraitSides() throws Exception {
        Map<String, byte[]> boxes = Mp4Fixture.boxes("clip-1080p-10s.mp4");
        byte[] moov = boxes.get("moov").clone();
        int matrix = Mp4Fixture.indexOf(moov, "tkhd") + 4 + 4 + 20 + 16; // type, version+flags, v0 fields, reserved..volume
        ByteBuffer.wrap(moov, matrix, 16).putInt(0).putInt(0x10000).putInt(0).putInt(-0x10000);
        Files.write(temp.resolve("phone.mp4"), Mp4Fixture.concat(boxes.get("ftyp"), moov, boxes.get("mdat")));

        List<Signal> signals = analyse(temp, media("video", "phone.mp4").width(1080).height(1920).build());

        assertThat(only(signals, "media.info").getAttributes()).containsEntry("rotation", "90").containsEntry("width", "1920");
        assertThat(named(signals, "media.mismatch")).isEmpty();
    }

    @Test
    void read_audioOnlyMp4_isAudio() throws Exception {
        Map<String, byte[]> boxes = Mp4Fixture.boxes("clip-720p-4s-audio.mp4");
        byte[] moov = boxes.get("moov").clone();
        // turn the video track's handler into a timed-metadata one, leaving only the audio track
        int handler = Mp4Fixture.indexOf(moov, "vide");
        moov[handler] = 'm';
        moov[handler + 1] = 'e';
        moov[handler + 2] = 't';
        moov[handler + 3] = 'a';
        Files.write(temp.resolve("audio.m4a"), Mp4Fixture.concat(boxes.get("ftyp"), moov, boxes.get("mdat")));

        Signal info = only(analyse(temp, media("audio", "audio.m4a").mimeType("audio/mp4").build()), "media.info");

        assertThat(info.getAttributes()).containsEntry("type", "audio").containsEntry("codec", "aac")
                .doesNotContainKeys("width", "frameRate");
    }
}
