package dev.greenlight.plugins.mediaprobe;

import static dev.greenlight.plugins.mediaprobe.Probes.analyse;
import static dev.greenlight.plugins.mediaprobe.Probes.media;
import static dev.greenlight.plugins.mediaprobe.Probes.only;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.greenlight.model.Signal;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Mp3ReaderTest {
    /** MPEG-1 layer III, 128 kbit/s, 44.1 kHz, no padding: 417-byte frames of 1152 samples. */
    private static final byte[] HEADER = {(byte) 0xFF, (byte) 0xFB, (byte) 0x90, 0x00};
    private static final int FRAME = 417;

    @TempDir
    Path temp;

    private static byte[] frames(int count) {
        byte[] audio = new byte[count * FRAME];
        for (int i = 0; i < count; i++) {
            System.arraycopy(HEADER, 0, audio, i * FRAME, 4);
        }
        return audio;
    }

    private static byte[] id3(int payload) {
        byte[] tag = new byte[10 + payload];
        tag[0] = 'I';
        tag[1] = 'D';
        tag[2] = '3';
        tag[3] = 4;
        tag[9] = (byte) payload; // syncsafe size, small enough for one byte
        return tag;
    }

    @Test
    void read_noXingTag_countsFrames() throws Exception {
        Files.write(temp.resolve("cbr.mp3"), frames(100));

        Signal info = only(analyse(temp, media("audio", "cbr.mp3").build()), "media.info");

        assertThat(info.getAttributes()).containsEntry("codec", "mp3").containsEntry("type", "audio");
        assertThat(Double.parseDouble(info.attribute("durationSeconds"))).isCloseTo(100 * 1152 / 44100.0, within(1e-6));
    }

    @Test
    void read_id3TagThenTrailingTag_countsOnlyTheFrames() throws Exception {
        byte[] trailer = new byte[128];
        trailer[0] = 'T';
        trailer[1] = 'A';
        trailer[2] = 'G';
        Files.write(temp.resolve("tagged.mp3"), Mp4Fixture.concat(id3(20), frames(50), trailer));

        Signal info = only(analyse(temp, media("audio", "tagged.mp3").build()), "media.info");

        assertThat(Double.parseDouble(info.attribute("durationSeconds"))).isCloseTo(50 * 1152 / 44100.0, within(1e-6));
    }

    @Test
    void read_id3TagWithoutAudio_isNotMedia() throws Exception {
        Files.write(temp.resolve("hollow.mp3"), Mp4Fixture.concat(id3(20), new byte[500]));

        assertThat(only(analyse(temp, media("audio", "hollow.mp3").build()), "media.unreadable").getCategory()).isEqualTo("not-media");
    }

    @Test
    void read_id3TagBeforeFlac_isFlac() throws Exception {
        Files.write(temp.resolve("song.flac"), Mp4Fixture.concat(id3(20), "fLaC".getBytes(java.nio.charset.StandardCharsets.US_ASCII), new byte[64]));

        assertThat(only(analyse(temp, media("audio", "song.flac").build()), "media.info").getAttributes())
                .containsEntry("format", "flac").containsEntry("type", "audio");
    }
}
