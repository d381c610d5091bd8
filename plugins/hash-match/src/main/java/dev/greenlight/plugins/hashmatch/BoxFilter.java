package dev.greenlight.plugins.hashmatch;

/**
 * One-dimensional box (moving-average) filters over a row-major {@code float} image, as PDQ uses
 * them: a centred window that shrinks at the edges (the average is over the pixels inside the
 * image), with a running sum. For a window of {@code w}, output {@code o} averages inputs
 * {@code o - (w - h)} to {@code o + (h - 1)} where {@code h = (w + 2) / 2}, clipped to the image.
 *
 * <p>Stateless; thread-safe. Input and output must be different arrays.
 */
final class BoxFilter {
    private BoxFilter() {
    }

    /** Filters each row of {@code in} into {@code out}. */
    static void alongRows(float[] in, float[] out, int rows, int cols, int window) {
        int ahead = (window + 2) / 2 - 1;
        int behind = window - ahead - 1;
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            float sum = 0f;
            int count = 0;
            for (int k = 0; k < ahead && k < cols; k++) {
                sum += in[base + k];
                count++;
            }
            for (int o = 0; o < cols; o++) {
                int add = o + ahead;
                if (add < cols) {
                    sum += in[base + add];
                    count++;
                }
                int drop = o - behind - 1;
                if (drop >= 0) {
                    sum -= in[base + drop];
                    count--;
                }
                out[base + o] = sum / count;
            }
        }
    }

    /**
     * Filters each column of {@code in} into {@code out}. Sweeps row by row with one running sum per
     * column, rather than walking down each column, so memory is read in order (several times faster
     * on large images); each column's sums are formed in the same order either way.
     */
    static void alongColumns(float[] in, float[] out, int rows, int cols, int window) {
        int ahead = (window + 2) / 2 - 1;
        int behind = window - ahead - 1;
        float[] sums = new float[cols];
        int count = 0;
        for (int k = 0; k < ahead && k < rows; k++) {
            addRow(in, k * cols, sums, 1f);
            count++;
        }
        for (int o = 0; o < rows; o++) {
            int add = o + ahead;
            if (add < rows) {
                addRow(in, add * cols, sums, 1f);
                count++;
            }
            int drop = o - behind - 1;
            if (drop >= 0) {
                addRow(in, drop * cols, sums, -1f);
                count--;
            }
            int base = o * cols;
            for (int c = 0; c < cols; c++) {
                out[base + c] = sums[c] / count;
            }
        }
    }

    private static void addRow(float[] in, int offset, float[] sums, float sign) {
        // sign is ±1, so sum + sign * v equals sum ± v exactly.
        for (int c = 0; c < sums.length; c++) {
            sums[c] += sign * in[offset + c];
        }
    }
}
