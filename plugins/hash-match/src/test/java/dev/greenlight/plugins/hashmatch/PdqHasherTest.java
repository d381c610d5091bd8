package dev.greenlight.plugins.hashmatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PdqHasherTest {
    /** The reference's promise: within 10 bits of its hash wherever quality is 80 or more. */
    private static final int AGREEMENT = 10;
    private static final int MATCH_THRESHOLD = 31;

    private final PdqHasher hasher = new PdqHasher();

    static List<Fixtures.Expected> expected() {
        return Fixtures.expected();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expected")
    void hash_referenceImage_agreesWithReferenceHash(Fixtures.Expected row) {
        PdqHash pdq = hasher.hash(Fixtures.image(row.file()));
        int distance = pdq.bits().hammingDistance(row.hash());

        System.out.printf("PDQ %-42s distance %3d  quality %3d  (%s)%n", row.file(), distance, pdq.quality(), row.source());
        if (pdq.quality() >= 80) {
            assertThat(distance).as("distance from the %s hash", row.source()).isLessThanOrEqualTo(AGREEMENT);
        }
    }

    @Test
    void hash_editedCopies_matchOriginalAtDefaultThreshold() {
        Hash256 original = hasher.hash(Fixtures.image(Fixtures.ORIGINAL)).bits();
        for (String edit : List.of(Fixtures.BLURRED, Fixtures.SATURATED)) {
            int distance = hasher.hash(Fixtures.image(edit)).bits().hammingDistance(original);
            System.out.printf("PDQ %-42s distance from original %3d%n", edit, distance);
            assertThat(distance).as(edit).isLessThanOrEqualTo(MATCH_THRESHOLD);
        }
    }

    @Test
    void hash_rotatedCopies_doNotMatchOriginal() {
        Hash256 original = hasher.hash(Fixtures.image(Fixtures.ORIGINAL)).bits();
        for (String rotation : Fixtures.ROTATIONS) {
            int distance = hasher.hash(Fixtures.image(rotation)).bits().hammingDistance(original);
            System.out.printf("PDQ %-42s distance from original %3d%n", rotation, distance);
            assertThat(distance).as(rotation).isGreaterThan(MATCH_THRESHOLD);
        }
    }

    @Test
    void hash_imageOver512_equalsNearestNeighbourResampleTo512() {
        // Each 2x2 block of the 1024 image is one pixel of the 512 one, so the nearest-neighbour
        // prescale must reproduce the 512 image exactly, and with it the hash.
        BufferedImage small = noise(512, 512, 7);
        BufferedImage large = new BufferedImage(1024, 1024, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 1024; y++) {
            for (int x = 0; x < 1024; x++) {
                large.setRGB(x, y, small.getRGB(x / 2, y / 2));
            }
        }
        assertThat(hasher.hash(large)).isEqualTo(hasher.hash(small));
    }

    @Test
    void hash_tinyImage_isZeroWithQualityZero() {
        PdqHash pdq = hasher.hash(noise(4, 300, 1));

        assertThat(pdq.bits().bitCount()).isZero();
        assertThat(pdq.quality()).isZero();
    }

    @Test
    void hash_flatImage_hasQualityBelowRecommendedMinimum() {
        BufferedImage grey = new BufferedImage(200, 100, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 100; y++) {
            for (int x = 0; x < 200; x++) {
                grey.setRGB(x, y, 0x808080);
            }
        }
        assertThat(hasher.hash(grey).quality()).isLessThan(PdqHasher.RECOMMENDED_MIN_QUALITY);
    }

    @Test
    void hash_detailedImage_setsHalfTheBits() {
        // Bits are "above the median" of 256 coefficients, so distinct coefficients give exactly 128.
        PdqHash pdq = hasher.hash(noise(300, 200, 3));

        assertThat(pdq.bits().bitCount()).isEqualTo(128);
        assertThat(pdq.quality()).isGreaterThanOrEqualTo(PdqHasher.RECOMMENDED_MIN_QUALITY);
    }

    @Test
    void hashLuma_wrongLength_isRejected() {
        assertThatThrownBy(() -> hasher.hashLuma(new float[10], 3, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 x 4");
    }

    /** Smooth random blobs (white noise would be filtered away), deterministic for a seed. */
    static BufferedImage noise(int width, int height, long seed) {
        Random random = new Random(seed);
        int cells = 24;
        int[][] grid = new int[cells + 1][cells + 1];
        for (int[] row : grid) {
            for (int i = 0; i < row.length; i++) {
                row[i] = random.nextInt(256);
            }
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double gx = (double) x * cells / width;
                double gy = (double) y * cells / height;
                int cx = (int) gx;
                int cy = (int) gy;
                double fx = gx - cx;
                double fy = gy - cy;
                double v = grid[cy][cx] * (1 - fx) * (1 - fy) + grid[cy][cx + 1] * fx * (1 - fy)
                        + grid[cy + 1][cx] * (1 - fx) * fy + grid[cy + 1][cx + 1] * fx * fy;
                int g = (int) v;
                image.setRGB(x, y, (g << 16) | ((255 - g) << 8) | (g / 2));
            }
        }
        return image;
    }
}
