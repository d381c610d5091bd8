package dev.greenlight.plugins.c2pa;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * How long verifying a signed file takes, against the floor of reading its bytes and SHA-256
 * hashing them once (verification cannot beat that: the hard binding hashes nearly every byte).
 * Files: a 12-megapixel JPEG and 1080p MP4s (media-probe's 25-second clip, and the same padded to
 * a 30 Mbit/s-sized file), each signed here by {@link TestC2paWriter}. A plain program, not a
 * test: timings on a shared machine make poor assertions.
 *
 * <p>Run after {@code mvn -B -q -pl plugins/c2pa -am test-compile}, from {@code plugins/c2pa}:
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) dev.greenlight.plugins.c2pa.C2paBenchmark}
 * (the README gives the command that writes {@code cp.txt}).
 */
public final class C2paBenchmark {
    private static final int WARMUP = 40;
    private static final int RUNS = 30;

    private C2paBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path clip = Path.of(args.length > 0 ? args[0] : "../media-probe/src/test/resources/media/clip-1080p-25s.mp4");
        TestSigner signer = TestSigner.create();
        TestC2paWriter writer = new TestC2paWriter(signer);
        C2paReader reader = new C2paReader(List.of(signer.root()), Clock.systemUTC());
        Path dir = Files.createTempDirectory("c2pa-bench");
        try {
            byte[] mp4 = Files.readAllBytes(clip);
            run("12 MP JPEG (4000x3000)", write(dir, "12mp.jpg", writer.signJpeg(jpeg12mp())), reader);
            run("1080p MP4, 25 s clip", write(dir, "clip.mp4", writer.signMp4(mp4)), reader);
            run("1080p MP4, padded to 40 MB", write(dir, "big.mp4", writer.signMp4(padded(mp4, 40 << 20))), reader);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static void run(String name, Path file, C2paReader reader) throws Exception {
        Report r = verify(file, reader);
        if (!r.category().equals("trusted")) {
            throw new IllegalStateException(name + ": expected trusted, got " + r);
        }
        double[] floor = new double[RUNS];
        double[] verify = new double[RUNS];
        for (int i = 0; i < WARMUP + RUNS; i++) {
            long t0 = System.nanoTime();
            readAndHash(file);
            long t1 = System.nanoTime();
            verify(file, reader);
            long t2 = System.nanoTime();
            if (i >= WARMUP) {
                floor[i - WARMUP] = (t1 - t0) / 1e6;
                verify[i - WARMUP] = (t2 - t1) / 1e6;
            }
        }
        double f = median(floor);
        double v = median(verify);
        System.out.printf("%-30s %,12d bytes  read+SHA-256 %7.2f ms  verify %7.2f ms  ratio %.2f%n",
                name, Files.size(file), f, v, v / f);
    }

    /** What the plugin does per media item: map the file, read and verify the store. */
    private static Report verify(Path file, C2paReader reader) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            MappedByteBuffer bytes = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
            return reader.readSafely(bytes);
        }
    }

    private static byte[] readAndHash(Path file) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        return md.digest(Files.readAllBytes(file));
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static Path write(Path dir, String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    /** A noisy 4000x3000 image, so that the JPEG has a realistic size for its pixel count. */
    private static byte[] jpeg12mp() throws IOException {
        BufferedImage img = new BufferedImage(4000, 3000, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(12);
        for (int y = 0; y < 3000; y++) {
            for (int x = 0; x < 4000; x++) {
                int n = random.nextInt(48);
                img.setRGB(x, y, ((x / 16 + n) & 0xff) << 16 | ((y / 12 + n) & 0xff) << 8 | ((x + y) / 28 + n) & 0xff);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", out);
        return out.toByteArray();
    }

    /** The clip followed by a {@code free} box of random bytes, to {@code size} in all. */
    private static byte[] padded(byte[] mp4, int size) {
        int pad = size - mp4.length;
        ByteBuffer b = ByteBuffer.allocate(size);
        b.put(mp4).putInt(pad).put("free".getBytes(StandardCharsets.US_ASCII));
        byte[] noise = new byte[pad - 8];
        new Random(40).nextBytes(noise);
        b.put(noise);
        return b.array();
    }
}
