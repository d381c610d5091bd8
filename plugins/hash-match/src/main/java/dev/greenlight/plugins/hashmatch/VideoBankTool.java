package dev.greenlight.plugins.hashmatch;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes the video bank lines ({@code *.vpdq.tsv}) of known videos, for operators building banks:
 *
 * <pre>
 * java -cp greenlight-plugin-hash-match-VERSION-plugin.jar dev.greenlight.plugins.hashmatch.VideoBankTool \
 *     BANK LABEL VIDEO [CROP...] &gt;&gt; known.vpdq.tsv
 * </pre>
 *
 * <p>One frame per second is hashed, as the plugin samples submissions. Each CROP (e.g. {@code 0.9})
 * adds the hash of the frame's centre cropped to that share of its width and height, so that copies
 * cropped that much still match (PDQ itself tolerates only a few per cent of crop). Frames of PDQ
 * quality below 50 are left out (they match everything). FFmpeg runs in this process: use it on
 * reference material, not on untrusted uploads. Not thread-safe; a command-line tool.
 */
public final class VideoBankTool {
    /** No deadline for an operator's tool, in a form {@link System#nanoTime()} arithmetic cannot overflow. */
    private static final long DAY_NANOS = 86_400_000_000_000L;
    private VideoBankTool() {
    }

    /**
     * Prints the bank lines of one video on standard output.
     *
     * @param args {@code BANK LABEL VIDEO [CROP...]}
     */
    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: VideoBankTool BANK LABEL VIDEO [CROP...]   (CROP: a share such as 0.9)");
            System.exit(2);
        }
        double[] crops = new double[args.length - 3];
        for (int i = 3; i < args.length; i++) {
            crops[i - 3] = Double.parseDouble(args[i]);
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        for (String line : lines(args[0], args[1], Path.of(args[2]), 1.0, crops)) {
            out.println(line);
        }
    }

    /** The bank lines for {@code video}: full frames, then each crop, per sampled time. */
    static List<String> lines(String bank, String label, Path video, double intervalSeconds, double... crops) {
        PdqHasher hasher = new PdqHasher();
        List<String> lines = new ArrayList<>();
        VideoFrameSampler.Result result = VideoFrameSampler.sample(video.toString(), intervalSeconds, 100_000, System.nanoTime() + DAY_NANOS,
                (seconds, rgb, w, h, stride) -> {
                    add(lines, hasher.hashRgb(rgb, w, h, stride), bank, label, seconds);
                    for (double crop : crops) {
                        int cw = Math.max(1, (int) Math.round(w * crop));
                        int ch = Math.max(1, (int) Math.round(h * crop));
                        int offset = ((h - ch) / 2) * stride + ((w - cw) / 2) * 3;
                        add(lines, hasher.hashRgb(rgb, offset, cw, ch, stride), bank, label, seconds);
                    }
                });
        if (result.error() != null) {
            throw new IllegalArgumentException(video + ": " + result.error());
        }
        return lines;
    }

    private static void add(List<String> lines, PdqHash pdq, String bank, String label, double seconds) {
        if (pdq.quality() >= PdqHasher.RECOMMENDED_MIN_QUALITY) {
            lines.add(pdq.bits().toHex() + "\t" + bank + "\t" + label + "\t" + String.format(Locale.ROOT, "%.3f", seconds));
        }
    }
}
