package dev.greenlight.plugins.hashmatch;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Seconds of video hashed per CPU-second, against FFmpeg decoding the same frames alone. A plain
 * program, not a test (the command is in the README):
 *
 * <pre>
 * java -cp "$(cat plugins/hash-match/target/test.classpath):plugins/hash-match/target/classes:plugins/hash-match/target/test-classes" \
 *     dev.greenlight.plugins.hashmatch.VideoHashBenchmark [VIDEO] [ROUNDS]
 * </pre>
 *
 * <p>Both passes decode every frame on one thread, in this process (no worker round trip); "hash"
 * also converts one frame per second to RGB and PDQ-hashes it, "decode" converts only the first.
 * CPU time is this thread's. Not thread-safe; a command-line tool.
 */
public final class VideoHashBenchmark {
    private VideoHashBenchmark() {
    }

    /**
     * @param args an optional video path (default: the reference test clip) and number of rounds (default 5)
     */
    public static void main(String[] args) throws Exception {
        Path video = args.length > 0 ? Path.of(args[0])
                : Path.of(VideoHashBenchmark.class.getResource("/video/ref-8s.mp4").toURI());
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        VideoPdqTask task = new VideoPdqTask();
        long far = System.nanoTime() + 3_600_000_000_000L;
        double seconds = 0;
        for (int warm = 0; warm < 2; warm++) {
            seconds = VideoFrameSampler.sample(video.toString(), 1e9, 100_000, far, (t, rgb, w, h, s) -> { }).durationSeconds();
            task.hash(video.toString(), 1.0, 100_000, far, new ArrayList<>());
        }
        long decodeCpu = 0;
        long hashCpu = 0;
        int frames = 0;
        for (int r = 0; r < rounds; r++) {
            long t0 = cpu.getCurrentThreadCpuTime();
            VideoFrameSampler.Result decoded = VideoFrameSampler.sample(video.toString(), 1e9, 100_000, far, (t, rgb, w, h, s) -> { });
            long t1 = cpu.getCurrentThreadCpuTime();
            List<FrameHash> hashes = new ArrayList<>();
            task.hash(video.toString(), 1.0, 100_000, far, hashes);
            long t2 = cpu.getCurrentThreadCpuTime();
            decodeCpu += t1 - t0;
            hashCpu += t2 - t1;
            frames = decoded.frames();
            if (r == 0) {
                System.out.printf(Locale.ROOT, "%s: %.2f s, %d frames decoded, %d hashed%n", video.getFileName(), seconds,
                        decoded.frames(), hashes.size());
            }
        }
        double decodeRate = seconds * rounds / (decodeCpu / 1e9);
        double hashRate = seconds * rounds / (hashCpu / 1e9);
        System.out.printf(Locale.ROOT, "decode only : %7.1f s of video per CPU-second (%.1f ms per frame)%n", decodeRate,
                decodeCpu / 1e6 / rounds / frames);
        System.out.printf(Locale.ROOT, "decode+hash : %7.1f s of video per CPU-second (%.0f%% of decode-only speed)%n", hashRate,
                100 * hashRate / decodeRate);
    }
}
