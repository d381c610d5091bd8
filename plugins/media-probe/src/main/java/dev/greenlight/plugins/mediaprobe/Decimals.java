package dev.greenlight.plugins.mediaprobe;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Writes numbers into signal attributes: plain decimals, no exponent, no trailing zeros. Stateless. */
final class Decimals {
    private Decimals() {
    }

    /** {@code value} rounded to at most {@code maxScale} decimals, e.g. {@code 10}, {@code 5.041633}, {@code 29.97}. */
    static String format(double value, int maxScale) {
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(maxScale, RoundingMode.HALF_UP).stripTrailingZeros();
        return rounded.scale() < 0 ? rounded.setScale(0).toPlainString() : rounded.toPlainString();
    }

    static String seconds(double value) {
        return format(value, 6);
    }

    static String frameRate(double value) {
        return format(value, 3);
    }
}
