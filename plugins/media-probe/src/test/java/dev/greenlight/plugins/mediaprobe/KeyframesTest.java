package dev.greenlight.plugins.mediaprobe;

import static dev.greenlight.plugins.mediaprobe.Probes.fixtures;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greenlight.media.worker.TestFaults;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyframesTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path cache;

    @Test
    void contactSheet_sixFramesThreeToARow_cachedByContent() throws Exception {
        Keyframes keyframes = new Keyframes(cache);

        Path sheet = keyframes.contactSheet(fixtures().resolve("clip-720p-3s.mov"), TIMEOUT);
        BufferedImage image = ImageIO.read(sheet.toFile());

        assertThat(sheet.getFileName().toString()).isEqualTo("1e6b7adf7fcbbcb5251732306f3fffeb85817322ba09c91e477e4a37aa1c43cf-sheet.jpg");
        assertThat(image.getWidth()).isEqualTo(3 * 320 + 4 * 4);
        assertThat(image.getHeight()).isEqualTo(2 * 180 + 3 * 4);
        Files.setLastModifiedTime(sheet, FileTime.fromMillis(0));
        assertThat(keyframes.contactSheet(fixtures().resolve("clip-720p-3s.mov"), Duration.ZERO)).isEqualTo(sheet);
        assertThat(Files.getLastModifiedTime(sheet).toMillis()).as("served from the cache, not made again").isZero();
    }

    @Test
    void poster_isOneFrame_atMost640Wide() throws Exception {
        Path poster = new Keyframes(cache).poster(fixtures().resolve("clip-vertical-6s.mp4"), TIMEOUT);
        BufferedImage image = ImageIO.read(poster.toFile());

        assertThat(image.getWidth()).isEqualTo(640);
        assertThat(image.getHeight()).isEqualTo(1138);
        assertThat(poster.getFileName().toString()).endsWith("-poster.jpg");
    }

    @Test
    void notAVideo_orAWorkerCrash_isAKeyframeException() throws Exception {
        Keyframes keyframes = new Keyframes(cache);
        Path crash = cache.resolve("crash.mp4");
        Files.write(crash, ("\u0000\u0000\u0000\u0018ftypisom" + TestFaults.MARKER + "crash\n").getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> keyframes.poster(fixtures().resolve("still-1024.png"), TIMEOUT))
                .isInstanceOf(KeyframeException.class).hasMessageContaining("not a video");
        assertThatThrownBy(() -> keyframes.poster(crash, TIMEOUT)).isInstanceOf(KeyframeException.class).hasMessageContaining("crashed");
        assertThat(keyframes.poster(fixtures().resolve("clip-720p-3s.mov"), TIMEOUT)).exists();
    }
}
