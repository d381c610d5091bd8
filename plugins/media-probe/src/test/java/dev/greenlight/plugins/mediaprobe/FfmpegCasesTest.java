package dev.greenlight.plugins.mediaprobe;

import static dev.greenlight.plugins.mediaprobe.Probes.analyse;
import static dev.greenlight.plugins.mediaprobe.Probes.fixtures;
import static dev.greenlight.plugins.mediaprobe.Probes.media;
import static dev.greenlight.plugins.mediaprobe.Probes.mismatchCategories;
import static dev.greenlight.plugins.mediaprobe.Probes.named;
import static dev.greenlight.plugins.mediaprobe.Probes.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.model.Signal;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cases the hand-written readers got wrong, and the display size of turned pictures. */
class FfmpegCasesTest {
    @TempDir
    Path temp;

    @Test
    void fragmentedMp4_declaredShorter_isADurationMismatch() {
        List<Signal> signals = analyse(fixtures(), media("video", "frag-30s.mp4").durationSeconds(10.0).frameRate(24.0).build());

        assertThat(named(signals, "media.unreadable")).isEmpty();
        Signal mismatch = only(signals, "media.mismatch");
        assertThat(mismatch.getCategory()).isEqualTo("duration");
        assertThat(mismatch.getAttributes()).containsEntry("declared", "10").containsEntry("actual", "30");
        assertThat(only(signals, "media.info").getAttributes()).containsEntry("frameRate", "24").containsEntry("decoded", "full");
    }

    @Test
    void halfAJpeg_isTruncated() {
        Signal unreadable = only(analyse(fixtures(), media("image", "half.jpg").build()), "media.unreadable");

        assertThat(unreadable.getCategory()).isEqualTo("truncated");
        assertThat(unreadable.attribute("reason")).contains("overread").doesNotContain("/");
    }

    @Test
    void garbageOverTheLastFrames_isDamaged() {
        Signal unreadable = only(analyse(fixtures(), media("video", "tail-damaged.mp4").build()), "media.unreadable");

        assertThat(unreadable.getCategory()).isEqualTo("damaged");
        assertThat(unreadable.attribute("reason")).contains("h264");
    }

    @Test
    void displayMatrix_givesRotation_andTheDisplayedSizeMatches() {
        List<Signal> displayed = analyse(fixtures(), media("video", "rotated-2s.mp4").width(180).height(320).build());
        List<Signal> stored = analyse(fixtures(), media("video", "rotated-2s.mp4").width(320).height(180).build());
        List<Signal> wrong = analyse(fixtures(), media("video", "rotated-2s.mp4").width(640).height(360).build());

        assertThat(only(displayed, "media.info").attribute("rotation")).isEqualTo("270");
        assertThat(mismatchCategories(displayed)).isEmpty();
        assertThat(mismatchCategories(stored)).isEmpty();
        assertThat(mismatchCategories(wrong)).containsExactly("dimensions");
    }

    @Test
    void exifOrientation_givesRotation_andTheDisplayedSizeMatches() {
        List<Signal> displayed = analyse(fixtures(), media("image", "exif-rotated.jpg").width(360).height(640).build());

        assertThat(only(displayed, "media.info").getAttributes()).containsEntry("rotation", "90")
                .containsEntry("width", "640").containsEntry("height", "360");
        assertThat(mismatchCategories(displayed)).isEmpty();
    }

    @Test
    void audioOnlyMp4_isAudio_withItsStreamFacts() {
        Signal info = only(analyse(fixtures(), media("audio", "tone-3s.m4a").mimeType("audio/mp4").build()), "media.info");

        assertThat(info.getAttributes()).containsEntry("type", "audio").containsEntry("codec", "aac")
                .containsEntry("sampleRate", "44100").containsEntry("channels", "1").doesNotContainKey("width");
    }

    @Test
    void headerClaimingAThird_reportsTheStreamsLength_andKeepsTheHeaders() throws Exception {
        byte[] mp4 = Files.readAllBytes(fixtures().resolve("clip-hevc-2s.mp4"));
        divideDuration(mp4, "mvhd", 16);
        divideDuration(mp4, "tkhd", 20);
        divideDuration(mp4, "mdhd", 16);
        Files.write(temp.resolve("lying.mp4"), mp4);

        List<Signal> signals = analyse(temp, media("video", "lying.mp4").durationSeconds(0.667).build());

        assertThat(only(signals, "media.info").getAttributes()).containsEntry("durationSeconds", "2")
                .containsKey("headerDurationSeconds");
        assertThat(mismatchCategories(signals)).containsExactly("duration");
    }

    /** Divides the version-0 duration field {@code offset} bytes after a box's type by three. */
    private static void divideDuration(byte[] mp4, String box, int offset) {
        int at = Mp4Fixture.indexOf(mp4, box);
        assertThat(at).as(box).isPositive();
        ByteBuffer b = ByteBuffer.wrap(mp4);
        int field = at + 4 + offset;
        b.putInt(field, b.getInt(field) / 3);
    }
}
