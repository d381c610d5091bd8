package dev.greenlight.plugins.mediaprobe;

import java.util.List;
import java.util.Locale;

/**
 * Tells a file that ends early from one that is damaged, by FFmpeg's words: its decoders and
 * demuxers say "partial file", "overread" or "moov atom not found" when data stops short, and
 * return only generic codes. Stateless.
 */
final class ProblemWords {
    private static final List<String> TRUNCATION = List.of("partial file", "overread", "end of file", "moov atom not found",
            "truncat", "eoi missing", "premature end", "stream ends", "ended prematurely", "incomplete");

    private ProblemWords() {
    }

    /** {@code truncated} or {@code damaged}: a {@link Problem} category. */
    static String classify(String message) {
        String m = message.toLowerCase(Locale.ROOT);
        for (String word : TRUNCATION) {
            if (m.contains(word)) {
                return Problem.TRUNCATED.category();
            }
        }
        return Problem.DAMAGED.category();
    }
}
