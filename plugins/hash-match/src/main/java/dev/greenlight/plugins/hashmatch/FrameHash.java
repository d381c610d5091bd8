package dev.greenlight.plugins.hashmatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The PDQ hash of one video frame and when it is shown. Immutable.
 *
 * @param seconds presentation time from the start of the video
 * @param pdq     the frame's hash and quality (never {@code null})
 */
record FrameHash(double seconds, PdqHash pdq) {
    FrameHash {
        Objects.requireNonNull(pdq, "pdq");
    }

    /** {@code seconds,quality,hex;…}: how a worker sends a video's frame hashes back. */
    static String encode(List<FrameHash> frames) {
        StringBuilder b = new StringBuilder(frames.size() * 80);
        for (FrameHash f : frames) {
            if (b.length() > 0) {
                b.append(';');
            }
            b.append(String.format(Locale.ROOT, "%.3f", f.seconds())).append(',').append(f.pdq().quality()).append(',')
                    .append(f.pdq().bits().toHex());
        }
        return b.toString();
    }

    /**
     * The frames of a string made by {@link #encode}.
     *
     * @throws IllegalArgumentException for anything else
     */
    static List<FrameHash> decode(String encoded) {
        List<FrameHash> frames = new ArrayList<>();
        if (encoded == null || encoded.isEmpty()) {
            return frames;
        }
        for (String item : encoded.split(";")) {
            String[] f = item.split(",");
            if (f.length != 3) {
                throw new IllegalArgumentException("not seconds,quality,hash: " + item);
            }
            frames.add(new FrameHash(Double.parseDouble(f[0]), new PdqHash(Hash256.fromHex(f[2]), Integer.parseInt(f[1]))));
        }
        return frames;
    }
}
