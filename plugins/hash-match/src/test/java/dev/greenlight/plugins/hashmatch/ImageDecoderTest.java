package dev.greenlight.plugins.hashmatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDecoderTest {
    @TempDir
    Path dir;

    @Test
    void decode_jpeg_givesFullSizeImage() throws IOException {
        Path file = Fixtures.copy(Fixtures.ORIGINAL, dir.resolve("a.jpg"));

        assertThat(ImageDecoder.decode(file, 100_000_000)).hasValueSatisfying(image -> {
            assertThat(image.getWidth()).isEqualTo(1600);
            assertThat(image.getHeight()).isEqualTo(1004);
        });
    }

    @Test
    void decode_moreThanMaxPixels_isEmpty() throws IOException {
        Path file = Fixtures.copy(Fixtures.ORIGINAL, dir.resolve("a.jpg"));

        assertThat(ImageDecoder.decode(file, 1600L * 1004 - 1)).isEmpty();
    }

    @Test
    void decode_notAnImageOrTruncated_isEmpty() throws IOException {
        Path text = Files.writeString(dir.resolve("a.png"), "hello");
        Path original = Fixtures.copy(Fixtures.ORIGINAL, dir.resolve("b.jpg"));
        byte[] bytes = Files.readAllBytes(original);
        Path truncated = Files.write(dir.resolve("c.jpg"), java.util.Arrays.copyOf(bytes, 200));

        assertThat(ImageDecoder.decode(text, 100_000_000)).isEmpty();
        assertThat(ImageDecoder.decode(truncated, 100_000_000)).isEmpty();
    }

    @Test
    void subsampling_aboveFullDecodeBudget_picksSmallestStepThatFits() {
        assertThat(ImageDecoder.subsampling(4096, 4096)).isEqualTo(1);
        assertThat(ImageDecoder.subsampling(4097, 4096)).isEqualTo(2);
        assertThat(ImageDecoder.subsampling(20_000, 20_000)).isEqualTo(5);
    }
}
