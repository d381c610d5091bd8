package dev.greenlight.plugins.c2pa;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Writes the fuzz test's committed seed inputs from the fixtures' stores. Run by hand from the
 * module directory when the seeds should change (not a test):
 * {@code java -cp target/test-classes:target/classes:<deps> dev.greenlight.plugins.c2pa.WriteFuzzSeeds src/test/resources}.
 */
final class WriteFuzzSeeds {
    private WriteFuzzSeeds() {
    }

    public static void main(String[] args) throws Exception {
        Path base = Path.of(args[0], "dev/greenlight/plugins/c2pa/C2paReaderFuzzTestInputs");
        byte[] c = store("C.jpg");
        byte[] caca = store("CACA.jpg");
        byte[] cawg = store("C_with_CAWG_data.jpg");
        byte[] video = store("video1.mp4");
        byte[] esig = store("E-sig-CA.jpg");
        write(base.resolve("store"), "seed-claim-v1-ps256", c);
        write(base.resolve("store"), "seed-claim-v2-ingredient", caca);
        write(base.resolve("store"), "seed-claim-v2-es256-cawg", cawg);
        write(base.resolve("store"), "seed-bmff-es256-unprotected-x5chain", video);
        write(base.resolve("store"), "seed-bad-signature", esig);
        write(base.resolve("store"), "seed-truncated", Arrays.copyOf(c, c.length / 2));
        write(base.resolve("store"), "seed-header-only", Arrays.copyOf(c, 40));
        write(base.resolve("store"), "seed-empty", new byte[0]);
        write(base.resolve("file"), "seed-jpeg", SeedFiles.jpegAround(c));
        write(base.resolve("file"), "seed-jpeg-split", SeedFiles.jpegAround(caca));
        write(base.resolve("file"), "seed-png", SeedFiles.pngAround(cawg));
        write(base.resolve("file"), "seed-wav", SeedFiles.wavAround(c));
        write(base.resolve("file"), "seed-mp4", SeedFiles.mp4Around(video));
        write(base.resolve("file"), "seed-xmp-remote", ("\u00ff\u00d8<x:xmpmeta dcterms:provenance=\"https://example.org/m\"/>")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        write(base.resolve("file"), "seed-empty", new byte[0]);
    }

    private static byte[] store(String fixture) throws Exception {
        return StoreLocator.locate(ByteBuffer.wrap(Fixtures.bytes(fixture))).jumbf();
    }

    private static void write(Path dir, String name, byte[] bytes) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), bytes);
    }
}
