package dev.greenlight.plugins.hashmatch;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Milliseconds to PDQ-hash a JPEG from its bytes on disk: the JDK's ImageIO decoding the whole
 * picture, against FFmpeg decoding it at reduced resolution ({@link FfmpegImageHasher}), in this
 * process (no worker round trip), in this thread's CPU time (the machine is shared). The JPEGs are the bridge test photo scaled to 1024x1024 and
 * 2048x2048. A plain program, not a test (command in the README). Not thread-safe.
 */
public final class ImageHashBenchmark {
    private ImageHashBenchmark() {
    }

    /** @param args optional number of rounds (default 200) */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Path dir = Files.createTempDirectory("pdq-bench");
        try {
            for (int side : new int[] {1024, 2048}) {
                Path jpeg = dir.resolve(side + ".jpg");
                ImageIO.write(scaled(Fixtures.image(Fixtures.ORIGINAL), side), "jpg", jpeg.toFile());
                run(jpeg, side, rounds);
            }
        } finally {
            try (var files = Files.list(dir)) {
                files.forEach(f -> f.toFile().delete());
            }
            Files.delete(dir);
        }
    }

    private static void run(Path jpeg, int side, int rounds) throws Exception {
        PdqHasher hasher = new PdqHasher();
        FfmpegImageHasher ffmpeg = new FfmpegImageHasher();
        long far = System.nanoTime() + 3_600_000_000_000L;
        PdqHash full = null;
        FfmpegImageHasher.Result fast = null;
        for (int i = 0; i < 50; i++) {
            full = hasher.hash(ImageDecoder.decode(jpeg, Long.MAX_VALUE).orElseThrow());
            fast = ffmpeg.hash(jpeg, far);
        }
        float[] plane = new float[512 * 512];
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long t0 = cpu.getCurrentThreadCpuTime();
        for (int i = 0; i < rounds; i++) {
            hasher.hash(ImageDecoder.decode(jpeg, Long.MAX_VALUE).orElseThrow());
        }
        long t1 = cpu.getCurrentThreadCpuTime();
        for (int i = 0; i < rounds; i++) {
            ffmpeg.hash(jpeg, far);
        }
        long t2 = cpu.getCurrentThreadCpuTime();
        for (int i = 0; i < rounds; i++) {
            java.util.Arrays.fill(plane, 128f);
            hasher.hashLuma(plane, 512, 512);
        }
        long t3 = cpu.getCurrentThreadCpuTime();
        System.out.printf(Locale.ROOT, "%dx%d JPEG (%d KB), CPU ms per image: ImageIO + PDQ %.2f; FFmpeg at %dx%d + PDQ %.2f"
                        + " (of which PDQ of the 512x512 plane %.2f); hashes %d bits apart%n",
                side, side, Files.size(jpeg) / 1024, (t1 - t0) / 1e6 / rounds, fast.width(), fast.height(), (t2 - t1) / 1e6 / rounds,
                (t3 - t2) / 1e6 / rounds, full.bits().hammingDistance(fast.pdq().bits()));
    }

    private static BufferedImage scaled(BufferedImage source, int side) {
        BufferedImage out = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(source, 0, 0, side, side, null);
        g.dispose();
        return out;
    }
}
