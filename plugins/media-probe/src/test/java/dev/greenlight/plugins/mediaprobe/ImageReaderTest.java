package dev.greenlight.plugins.mediaprobe;

import static dev.greenlight.plugins.mediaprobe.Probes.analyse;
import static dev.greenlight.plugins.mediaprobe.Probes.fixtures;
import static dev.greenlight.plugins.mediaprobe.Probes.media;
import static dev.greenlight.plugins.mediaprobe.Probes.named;
import static dev.greenlight.plugins.mediaprobe.Probes.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.model.Signal;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageReaderTest {
    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"gif, image/gif", "bmp, image/bmp", "png, image/png", "jpeg, image/jpeg", "tiff, image/tiff"})
    void read_imageWrittenByImageIo_givesItsDimensions(String format, String mimeType) throws Exception {
        Path file = temp.resolve("picture." + format);
        ImageIO.write(new BufferedImage(37, 21, BufferedImage.TYPE_INT_RGB), format, file.toFile());

        List<Signal> signals = analyse(temp, media("image", file.getFileName().toString()).mimeType(mimeType).width(37).height(21).build());

        assertThat(only(signals, "media.info").getAttributes()).containsEntry("format", format).containsEntry("width", "37")
                .containsEntry("height", "21").containsEntry("type", "image");
        assertThat(named(signals, "media.mismatch")).isEmpty();
        assertThat(named(signals, "media.unreadable")).isEmpty();
    }

    @Test
    void read_webpExtendedHeader_givesCanvasSize() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(22).put("WEBPVP8X".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(10);
        b.putInt(0); // flags
        b.put((byte) 43).put((byte) 1).put((byte) 0);   // width - 1 = 299
        b.put((byte) 199).put((byte) 0).put((byte) 0);  // height - 1 = 199
        Files.write(temp.resolve("canvas.webp"), b.array());

        assertThat(only(analyse(temp, media("image", "canvas.webp").build()), "media.info").getAttributes())
                .containsEntry("codec", "webp").containsEntry("width", "300").containsEntry("height", "200");
    }

    @Test
    void read_pngCutShort_isTruncated() throws Exception {
        byte[] png = Files.readAllBytes(fixtures().resolve("still-1024.png"));
        Files.write(temp.resolve("cut.png"), Arrays.copyOf(png, png.length / 2));

        List<Signal> signals = analyse(temp, media("image", "cut.png").build());

        assertThat(only(signals, "media.unreadable").getCategory()).isEqualTo("truncated");
        assertThat(only(signals, "media.info").getAttributes()).containsEntry("format", "png")
                .containsEntry("bytes", Integer.toString(png.length / 2));
    }

    @Test
    void read_pngClaimingAHugeChunk_failsWithoutExhaustingTheHeap() throws Exception {
        // a real IHDR, then a text chunk that claims 2 GiB; the test JVM has 128 MiB of heap
        byte[] png = Files.readAllBytes(fixtures().resolve("still-1024.png"));
        ByteBuffer b = ByteBuffer.allocate(33 + 8 + 100);
        b.put(png, 0, 33).putInt(0x7FFF_FFF0).put("tEXt".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        Files.write(temp.resolve("liar.png"), b.array());

        assertThat(only(analyse(temp, media("image", "liar.png").build()), "media.unreadable").getCategory()).isEqualTo("truncated");
    }

    @Test
    void read_jpegWithoutFrameHeader_isDamaged() throws Exception {
        Files.write(temp.resolve("stub.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9});

        assertThat(only(analyse(temp, media("image", "stub.jpg").build()), "media.unreadable").getCategory()).isEqualTo("damaged");
    }
}
