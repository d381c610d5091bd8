package dev.greenlight.plugins.mediaprobe;

import static dev.greenlight.plugins.mediaprobe.Probes.analyse;
import static dev.greenlight.plugins.mediaprobe.Probes.media;
import static dev.greenlight.plugins.mediaprobe.Probes.named;
import static dev.greenlight.plugins.mediaprobe.Probes.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.model.Signal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavReaderTest {
    @TempDir
    Path temp;

    /** A 16-bit mono 8 kHz WAV with {@code dataBytes} of silence, with a LIST chunk before the data. */
    private static byte[] wav(int dataBytes) {
        ByteBuffer b = ByteBuffer.allocate(12 + 24 + 14 + 8 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(b.capacity() - 8).put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(8000).putInt(16000).putShort((short) 2).putShort((short) 16);
        b.put("LIST".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(5).put(new byte[6]); // odd size: padded
        b.put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(dataBytes);
        return b.array();
    }

    @Test
    void read_pcm_givesCodecAndDuration() throws Exception {
        Files.write(temp.resolve("tone.wav"), wav(24_000));

        List<Signal> signals = analyse(temp, media("audio", "tone.wav").mimeType("audio/x-wav").durationSeconds(1.5).build());

        assertThat(only(signals, "media.info").getAttributes()).containsEntry("format", "wav").containsEntry("codec", "pcm_s16le")
                .containsEntry("durationSeconds", "1.5");
        assertThat(named(signals, "media.mismatch")).isEmpty();
    }

    @Test
    void read_dataCut_isTruncatedWithTheDurationThatIsThere() throws Exception {
        byte[] whole = wav(24_000);
        Files.write(temp.resolve("cut.wav"), Arrays.copyOf(whole, whole.length - 8_000));

        List<Signal> signals = analyse(temp, media("audio", "cut.wav").build());

        assertThat(only(signals, "media.info").attribute("durationSeconds")).isEqualTo("1");
        assertThat(only(signals, "media.unreadable").getCategory()).isEqualTo("truncated");
    }
}
