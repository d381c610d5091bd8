package dev.greenlight.plugins.mediaprobe;

import dev.greenlight.model.Media;
import dev.greenlight.model.Signal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Compares what a submission declares about a media item with what its file holds. A field is
 * compared only when it was declared and the file's value is known: silence is not a mismatch.
 * Immutable and thread-safe.
 */
final class Comparison {
    /** Floating-point slack, so that a difference of exactly the tolerance is within it. */
    private static final double EPSILON = 1e-9;

    private final double durationTolerance;
    private final double frameRateTolerance;

    Comparison(ProbeSettings settings) {
        this.durationTolerance = settings.durationToleranceSeconds();
        this.frameRateTolerance = settings.frameRateTolerance();
    }

    /** One {@code media.mismatch} signal per differing field, in a fixed order. */
    List<Signal> mismatches(Media declared, ProbeResult actual) {
        int index = declared.getIndex();
        List<Signal> out = new ArrayList<>();
        if (actual.type() != null && !declared.getType().equals(actual.type())) {
            out.add(ProbeSignals.mismatch(index, "type", declared.getType(), actual.type()));
        }
        if (!declared.getMimeType().isEmpty() && actual.format() != null && !actual.format().accepts(declared.getMimeType())) {
            out.add(ProbeSignals.mismatch(index, "mime-type", declared.getMimeType(), actual.format().mimeTypeFor(actual.type())));
        }
        if (dimensionsDiffer(declared, actual)) {
            out.add(ProbeSignals.mismatch(index, "dimensions", size(declared.getWidth(), declared.getHeight()),
                    size(actual.width(), actual.height())));
        }
        if (differs(declared.getDurationSeconds(), actual.durationSeconds(), durationTolerance)) {
            out.add(ProbeSignals.mismatch(index, "duration", Decimals.seconds(declared.getDurationSeconds()),
                    Decimals.seconds(actual.durationSeconds())));
        }
        if (differs(declared.getFrameRate(), actual.frameRate(), frameRateTolerance)) {
            out.add(ProbeSignals.mismatch(index, "frame-rate", Decimals.frameRate(declared.getFrameRate()),
                    Decimals.frameRate(actual.frameRate())));
        }
        if (!declared.getSha256().isEmpty() && actual.sha256() != null
                && !declared.getSha256().toLowerCase(Locale.ROOT).equals(actual.sha256())) {
            out.add(ProbeSignals.mismatch(index, "hash", declared.getSha256(), actual.sha256()));
        }
        if (declared.getBytes() != null && actual.bytes() != null && !declared.getBytes().equals(actual.bytes())) {
            out.add(ProbeSignals.mismatch(index, "bytes", declared.getBytes().toString(), actual.bytes().toString()));
        }
        return out;
    }

    /**
     * Declared sides are checked against the stored picture, and also against the displayed one
     * when the file asks players to turn it a quarter: a phone's portrait video is stored
     * landscape, and its submitter rightly declares what they see.
     */
    private static boolean dimensionsDiffer(Media declared, ProbeResult actual) {
        if ((declared.getWidth() == null && declared.getHeight() == null) || actual.width() == null) {
            return false;
        }
        boolean stored = sidesMatch(declared, actual.width(), actual.height());
        boolean quarterTurn = actual.rotation() != null && actual.rotation() % 180 == 90;
        return !stored && !(quarterTurn && sidesMatch(declared, actual.height(), actual.width()));
    }

    private static boolean sidesMatch(Media declared, int width, int height) {
        return (declared.getWidth() == null || declared.getWidth() == width)
                && (declared.getHeight() == null || declared.getHeight() == height);
    }

    private static boolean differs(Double declared, Double actual, double tolerance) {
        return declared != null && actual != null && Math.abs(declared - actual) > tolerance + EPSILON;
    }

    /** {@code 1920x1080}; an undeclared side shows as {@code ?}. */
    private static String size(Integer width, Integer height) {
        return Objects.toString(width, "?") + "x" + Objects.toString(height, "?");
    }
}
