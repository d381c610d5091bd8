package dev.greenlight.plugins.hashmatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Frames sampled and hashed through FFmpeg, against the image hasher on the same frames. */
class VideoFrameHashTest {
    static Path video(String name) {
        try {
            return Path.of(VideoFrameHashTest.class.getResource("/video/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<FrameHash> hash(String name) {
        List<FrameHash> frames = new ArrayList<>();
        VideoFrameSampler.Result r = new VideoPdqTask().hash(video(name).toString(), 1.0, 3600, System.nanoTime() + 20_000_000_000L, frames);
        assertThat(r.error()).isNull();
        assertThat(r.complete()).isTrue();
        return frames;
    }

    @Test
    void oneFramePerSecond_atTheSecondMarks() {
        List<FrameHash> frames = hash("ref-8s.mp4");

        assertThat(frames).extracting(FrameHash::seconds).containsExactly(0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0);
        assertThat(frames).allSatisfy(f -> assertThat(f.pdq().quality()).isGreaterThanOrEqualTo(50));
    }

    @Test
    void frameHashes_agreeWithTheImageHasher_onTheSameFrames() {
        PdqHasher hasher = new PdqHasher();
        List<FrameHash> viaRgb = new ArrayList<>();
        List<PdqHash> viaImage = new ArrayList<>();
        VideoFrameSampler.sample(video("ref-8s.mp4").toString(), 1.0, 100, System.nanoTime() + 20_000_000_000L,
                (seconds, rgb, w, h, stride) -> {
                    viaRgb.add(new FrameHash(seconds, hasher.hashRgb(rgb, w, h, stride)));
                    viaImage.add(hasher.hash(image(rgb, w, h, stride)));
                });

        assertThat(viaRgb).hasSize(8);
        for (int i = 0; i < viaRgb.size(); i++) {
            assertThat(viaRgb.get(i).pdq()).isEqualTo(viaImage.get(i));
        }
    }

    /** Prints, for each copy and unrelated clip, each frame's distance to the nearest reference frame / its quality. */
    @Test
    void distancesToTheReference_unrelatedClipsAreFarOff() {
        List<FrameHash> ref = hash("ref-8s.mp4");
        for (String other : List.of("copy-reencoded.webm", "copy-resized.mp4", "copy-cropped.mp4", "copy-trimmed.mp4", "copy-logo.mp4",
                "other-image-8s.mp4", "other-mandelbrot-8s.mp4", "other-testsrc-8s.mp4")) {
            StringBuilder b = new StringBuilder(other);
            for (FrameHash f : hash(other)) {
                int best = 256;
                for (FrameHash r : ref) {
                    best = Math.min(best, f.pdq().bits().hammingDistance(r.pdq().bits()));
                }
                b.append(' ').append(best).append('/').append(f.pdq().quality());
                if (other.startsWith("other-")) {
                    assertThat(best).as(other).isGreaterThan(90);
                }
            }
            System.out.println("DIST " + b);
        }
    }

    private static BufferedImage image(byte[] rgb, int w, int h, int stride) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int at = y * stride + 3 * x;
                image.setRGB(x, y, (rgb[at] & 0xff) << 16 | (rgb[at + 1] & 0xff) << 8 | (rgb[at + 2] & 0xff));
            }
        }
        return image;
    }
}
