package dev.greenlight.plugins.hashmatch;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The hash-match plugin's hot paths: a PDQ bank lookup at the default threshold (31 bits) in a bank
 * of 1M random hashes (half the queries random, half near-duplicates of entries at distance 0–40),
 * and PDQ hashing of an image already decoded and of a JPEG from its bytes. In the plugin's test
 * sources and package because the bank is package-private; run it as the module's README says:
 * <pre>
 * mvn -B -q -pl plugins/hash-match -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * java -cp "plugins/hash-match/target/test-classes:plugins/hash-match/target/classes:$(cat plugins/hash-match/target/test-classpath.txt)" \
 *     org.openjdk.jmh.Main HashMatchBench
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
public class HashMatchBench {
    private static final int THRESHOLD = 31;
    private static final int QUERIES = 4096;

    @Param({"1000000"})
    public int bankSize;

    @Param({"1024"})
    public int imageSide;

    private MultiIndexHashBank bank;
    private Hash256[] queries;
    private final PdqHasher hasher = new PdqHasher();
    private BufferedImage image;
    private byte[] jpeg;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Random random = new Random(bankSize);
        BankEntries.Builder entries = BankEntries.builder();
        Hash256[] stored = new Hash256[bankSize];
        for (int i = 0; i < bankSize; i++) {
            stored[i] = random(random);
            entries.add(stored[i], i % 50 == 0 ? "csam" : "known-spam", "");
        }
        bank = new MultiIndexHashBank(entries.build());
        queries = new Hash256[QUERIES];
        for (int q = 0; q < QUERIES; q++) {
            queries[q] = q % 2 == 0 ? random(random) : flip(stored[random.nextInt(bankSize)], q % 41, random);
        }
        image = picture(imageSide, new Random(3));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        jpeg = out.toByteArray();
    }

    static Hash256 random(Random r) {
        return Hash256.ofWords(r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong());
    }

    /** {@code h} with {@code bits} distinct bits flipped. */
    static Hash256 flip(Hash256 h, int bits, Random r) {
        long[] w = {h.word(0), h.word(1), h.word(2), h.word(3)};
        for (int flipped = 0; flipped < bits; ) {
            int b = r.nextInt(256);
            long mask = 1L << (b & 63);
            if ((w[b >>> 6] & mask) == (h.word(b >>> 6) & mask)) {
                w[b >>> 6] ^= mask;
                flipped++;
            }
        }
        return Hash256.ofWords(w[0], w[1], w[2], w[3]);
    }

    /** A photo-like picture: smooth gradients with shapes and noise, so PDQ's quality is high. */
    static BufferedImage picture(int side, Random r) {
        BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int v = (int) (128 + 60 * Math.sin(x / 37.0) + 50 * Math.cos(y / 23.0)) + r.nextInt(16);
                int c = Math.max(0, Math.min(255, v));
                img.setRGB(x, y, (c << 16) | ((255 - c) << 8) | ((x * 255 / side) & 0xff));
            }
        }
        return img;
    }

    /** Which query a thread looks up next. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Benchmark
    public List<BankMatch> bankLookup(Cursor c) {
        return bank.lookup(queries[c.next++ & (QUERIES - 1)], THRESHOLD);
    }

    @Benchmark
    public PdqHash pdqHashDecoded() {
        return hasher.hash(image);
    }

    @Benchmark
    public PdqHash pdqHashJpeg() throws IOException {
        return hasher.hash(ImageIO.read(new ByteArrayInputStream(jpeg)));
    }
}
