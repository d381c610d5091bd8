package dev.greenlight.plugins.hashmatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * FFmpeg's decode (reduced where the picture is large enough) against the JDK's full decode on the
 * PDQ reference fixtures. Prints both distances from the reference's expected hash. Measured: 0–2
 * bits on every fixture of quality ≥ 50 except the 256x256 {@code q0122} (4 bits: FFmpeg's and
 * libjpeg's inverse DCTs round differently, which a picture that small does not average out);
 * the two quality-3 and quality-4 fixtures, whose hashes are noise and are never looked up, differ
 * more.
 */
class FfmpegImageHasherTest {
    private static final int AGREEMENT = 4;

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.greenlight.plugins.hashmatch.Fixtures#expected")
    void reducedDecode_isWithinTwoBitsOfTheFullDecode(Fixtures.Expected row) throws IOException {
        Path file = Fixtures.copy(row.file(), tmp.resolve(row.file()));
        PdqHash full = new PdqHasher().hash(Fixtures.image(row.file()));

        FfmpegImageHasher.Result fast = new FfmpegImageHasher().hash(file, System.nanoTime() + 10_000_000_000L);

        assertThat(fast.error()).isNull();
        int distance = fast.pdq().bits().hammingDistance(full.bits());
        System.out.printf("PDQ via FFmpeg %-42s decoded %4dx%-4d  from full decode %2d  from reference %2d (full decode: %2d)  quality %3d/%3d%n",
                row.file(), fast.width(), fast.height(), distance, fast.pdq().bits().hammingDistance(row.hash()),
                full.bits().hammingDistance(row.hash()), fast.pdq().quality(), full.quality());
        if (full.quality() >= PdqHasher.RECOMMENDED_MIN_QUALITY) {
            assertThat(distance).isLessThanOrEqualTo(AGREEMENT);
        }
    }
}
