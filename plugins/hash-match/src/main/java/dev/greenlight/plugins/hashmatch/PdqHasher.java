package dev.greenlight.plugins.hashmatch;

import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * Computes the PDQ perceptual hash of an image: the algorithm published by Facebook/Meta in
 * ThreatExchange ({@code pdq/}), implemented here from its description and checked against the
 * reference's own test images (see this module's README for the agreement figures).
 *
 * <p>Steps, as in the reference: RGB to luminance (0.299 R + 0.587 G + 0.114 B); a Jarosz tent
 * filter (two X,Y passes of a box filter, window {@code ceil(dimension / 128)}); decimation to 64×64
 * by sampling block centres; the quality from the 64×64 gradients; the 16×16 low-frequency corner of
 * the 2-D DCT (coefficients 1–16, skipping DC); one bit per coefficient, set when it is greater than
 * the median.
 *
 * <p>Like the C++ reference's file hasher ({@code pdqHash256FromFile}), an image with a side longer
 * than {@value #PRESCALE_DIMENSION} pixels is first resampled to {@value #PRESCALE_DIMENSION}×{@value
 * #PRESCALE_DIMENSION} by nearest neighbour (CImg's default resize), and an image with a side
 * shorter than {@value #MIN_DIMENSION} pixels hashes to all zeros with quality 0. Measured on the
 * reference's test images, this reproduces the C++ reference's hashes bit for bit and stays within
 * 8 bits of the Python reference's; filtering the full-size image (as the Java reference does)
 * was up to 12 bits away. It also bounds the filter's work and memory to 512×512 whatever the
 * image size.
 *
 * <p>Thread-safe: the only state is the constant DCT matrix, and each call allocates its own
 * buffers, so one instance serves all threads. Arguments must not be {@code null}.
 */
public final class PdqHasher {
    /** The reference's recommended minimum quality: hashes below it are noise (flat or tiny images). */
    public static final int RECOMMENDED_MIN_QUALITY = 50;
    /** Images with a longer side are resampled to this many pixels square before filtering. */
    public static final int PRESCALE_DIMENSION = 512;
    /** Images with a shorter side hash to zero with quality 0, as in the C++ reference. */
    public static final int MIN_DIMENSION = 5;

    private static final float LUMA_R = 0.299f;
    private static final float LUMA_G = 0.587f;
    private static final float LUMA_B = 0.114f;
    private static final int DOWNSAMPLED = 64;
    private static final int DCT_SIZE = 16;
    // Two box passes per axis make a tent filter, so each pass needs half a 64th of the side.
    private static final int WINDOW_DIVISOR = 2 * DOWNSAMPLED;
    private static final int FILTER_PASSES = 2;

    private final float[][] dct = dctMatrix();

    /**
     * The PDQ hash and quality of {@code image} (any {@link BufferedImage} type; alpha is ignored,
     * colours are read as sRGB through {@link BufferedImage#getRGB}).
     */
    public PdqHash hash(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] line = new int[width];
        return prescaled(width, height, row -> image.getRGB(0, row, width, 1, line, 0, width), line, null, 0, 0);
    }

    /**
     * The PDQ hash and quality of packed 8-bit RGB pixels ({@code R G B} per pixel, rows
     * {@code stride} bytes apart), as a video decoder delivers them. Gives exactly the hash
     * {@link #hash(BufferedImage)} gives for an image of the same pixels.
     *
     * @throws IllegalArgumentException when {@code rgb} is too short for the size and stride given
     */
    public PdqHash hashRgb(byte[] rgb, int width, int height, int stride) {
        return hashRgb(rgb, 0, width, height, stride);
    }

    /**
     * As {@link #hashRgb(byte[], int, int, int)}, for the {@code width × height} rectangle whose top
     * left pixel is at byte {@code offset}: a crop of a larger picture, without copying it.
     *
     * @throws IllegalArgumentException when {@code rgb} is too short for the rectangle given
     */
    public PdqHash hashRgb(byte[] rgb, int offset, int width, int height, int stride) {
        if (width < 1 || height < 1 || offset < 0 || stride < 3 * width
                || rgb.length < offset + (long) stride * (height - 1) + 3L * width) {
            throw new IllegalArgumentException("rgb holds too few bytes for " + width + "x" + height + " with stride " + stride);
        }
        return prescaled(width, height, null, null, rgb, offset, stride);
    }

    /**
     * The PDQ hash and quality of an 8-bit luminance plane (rows {@code stride} bytes apart), such
     * as a JPEG's full-range Y plane, which is {@code 0.299 R + 0.587 G + 0.114 B} already: no colour
     * conversion is needed. Pre-scaled to 512×512 like {@link #hash(BufferedImage)}.
     *
     * @throws IllegalArgumentException when {@code gray} is too short for the size and stride given
     */
    public PdqHash hashGray(byte[] gray, int width, int height, int stride) {
        if (width < 1 || height < 1 || stride < width || gray.length < (long) stride * (height - 1) + width) {
            throw new IllegalArgumentException("gray holds too few bytes for " + width + "x" + height + " with stride " + stride);
        }
        boolean prescale = width > PRESCALE_DIMENSION || height > PRESCALE_DIMENSION;
        int rows = prescale ? PRESCALE_DIMENSION : height;
        int cols = prescale ? PRESCALE_DIMENSION : width;
        float[] luma = new float[rows * cols];
        for (int y = 0; y < rows; y++) {
            int rowStart = (prescale ? (int) ((long) y * height / PRESCALE_DIMENSION) : y) * stride;
            int base = y * cols;
            for (int x = 0; x < cols; x++) {
                luma[base + x] = gray[rowStart + (prescale ? (int) ((long) x * width / PRESCALE_DIMENSION) : x)] & 0xff;
            }
        }
        return hashLuma(luma, rows, cols);
    }

    /** Reads one row of an image into the line buffer {@link #prescaled} is given. */
    private interface RowReader {
        void read(int sourceRow);
    }

    /**
     * Luminance at the hashing size, then the hash. Pixels come either from {@code reader} into
     * {@code line} (packed ARGB ints) or straight from {@code rgb} (packed bytes).
     */
    private PdqHash prescaled(int width, int height, RowReader reader, int[] line, byte[] rgb, int offset, int stride) {
        boolean prescale = width > PRESCALE_DIMENSION || height > PRESCALE_DIMENSION;
        int rows = prescale ? PRESCALE_DIMENSION : height;
        int cols = prescale ? PRESCALE_DIMENSION : width;
        float[] luma = new float[rows * cols];
        for (int y = 0; y < rows; y++) {
            // Nearest neighbour, source = floor(target * size / 512), as CImg's resize computes it.
            int sourceRow = prescale ? (int) ((long) y * height / PRESCALE_DIMENSION) : y;
            if (reader != null) {
                reader.read(sourceRow);
            }
            int base = y * cols;
            int rowStart = offset + sourceRow * stride;
            for (int x = 0; x < cols; x++) {
                int sx = prescale ? (int) ((long) x * width / PRESCALE_DIMENSION) : x;
                int r;
                int g;
                int b;
                if (rgb == null) {
                    int argb = line[sx];
                    r = (argb >> 16) & 0xff;
                    g = (argb >> 8) & 0xff;
                    b = argb & 0xff;
                } else {
                    int at = rowStart + 3 * sx;
                    r = rgb[at] & 0xff;
                    g = rgb[at + 1] & 0xff;
                    b = rgb[at + 2] & 0xff;
                }
                luma[base + x] = LUMA_R * r + LUMA_G * g + LUMA_B * b;
            }
        }
        return hashLuma(luma, rows, cols);
    }

    /**
     * The PDQ hash of a luminance plane ({@code rows × cols}, row-major, values 0–255), filtered at
     * the size given (no pre-scaling; callers such as video-frame hashers choose the size). The
     * array is overwritten (it is used as a work buffer).
     *
     * @throws IllegalArgumentException when {@code luma.length != rows * cols}
     */
    public PdqHash hashLuma(float[] luma, int rows, int cols) {
        if (rows < 1 || cols < 1 || luma.length != (long) rows * cols) {
            throw new IllegalArgumentException("luma must hold rows x cols = " + rows + " x " + cols + " values, has " + luma.length);
        }
        if (rows < MIN_DIMENSION || cols < MIN_DIMENSION) {
            return new PdqHash(Hash256.ofWords(0, 0, 0, 0), 0);
        }
        float[] scratch = new float[luma.length];
        int rowWindow = (cols + WINDOW_DIVISOR - 1) / WINDOW_DIVISOR;
        int colWindow = (rows + WINDOW_DIVISOR - 1) / WINDOW_DIVISOR;
        for (int pass = 0; pass < FILTER_PASSES; pass++) {
            BoxFilter.alongRows(luma, scratch, rows, cols, rowWindow);
            BoxFilter.alongColumns(scratch, luma, rows, cols, colWindow);
        }
        float[][] small = decimate(luma, rows, cols);
        int quality = quality(small);
        return new PdqHash(bits(dct16(small)), quality);
    }

    private static float[][] dctMatrix() {
        float scale = (float) Math.sqrt(2.0 / DOWNSAMPLED);
        float[][] d = new float[DCT_SIZE][DOWNSAMPLED];
        for (int i = 0; i < DCT_SIZE; i++) {
            for (int j = 0; j < DOWNSAMPLED; j++) {
                // Row i is DCT-II frequency i + 1: the DC row carries only brightness, so PDQ skips it.
                d[i][j] = (float) (scale * Math.cos((Math.PI / 2 / DOWNSAMPLED) * (i + 1) * (2 * j + 1)));
            }
        }
        return d;
    }

    /** Samples the centre of each of the 64×64 blocks of the filtered image. */
    private static float[][] decimate(float[] in, int rows, int cols) {
        float[][] out = new float[DOWNSAMPLED][DOWNSAMPLED];
        for (int i = 0; i < DOWNSAMPLED; i++) {
            int y = (int) (((i + 0.5) * rows) / DOWNSAMPLED);
            for (int j = 0; j < DOWNSAMPLED; j++) {
                int x = (int) (((j + 0.5) * cols) / DOWNSAMPLED);
                out[i][j] = in[y * cols + x];
            }
        }
        return out;
    }

    /**
     * The reference's heuristic: the sum of quantised neighbour differences (in percent of full
     * scale, truncated so that only significant gradients count), divided by 90, capped at 100.
     */
    private static int quality(float[][] a) {
        int gradientSum = 0;
        for (int i = 0; i < DOWNSAMPLED - 1; i++) {
            for (int j = 0; j < DOWNSAMPLED; j++) {
                gradientSum += Math.abs((int) (((a[i][j] - a[i + 1][j]) * 100) / 255));
            }
        }
        for (int i = 0; i < DOWNSAMPLED; i++) {
            for (int j = 0; j < DOWNSAMPLED - 1; j++) {
                gradientSum += Math.abs((int) (((a[i][j] - a[i][j + 1]) * 100) / 255));
            }
        }
        return Math.min(100, gradientSum / 90);
    }

    /** B = D A Dᵀ, the 16×16 corner of the 64×64 DCT, computed directly (cheaper than a full fast DCT). */
    private float[][] dct16(float[][] a) {
        float[][] t = new float[DCT_SIZE][DOWNSAMPLED];
        for (int i = 0; i < DCT_SIZE; i++) {
            for (int j = 0; j < DOWNSAMPLED; j++) {
                float sum = 0f;
                for (int k = 0; k < DOWNSAMPLED; k++) {
                    sum += dct[i][k] * a[k][j];
                }
                t[i][j] = sum;
            }
        }
        float[][] b = new float[DCT_SIZE][DCT_SIZE];
        for (int i = 0; i < DCT_SIZE; i++) {
            for (int j = 0; j < DCT_SIZE; j++) {
                float sum = 0f;
                for (int k = 0; k < DOWNSAMPLED; k++) {
                    sum += t[i][k] * dct[j][k];
                }
                b[i][j] = sum;
            }
        }
        return b;
    }

    /** Bit {@code 16 i + j} is set when coefficient (i, j) exceeds the median (the 128th smallest). */
    private static Hash256 bits(float[][] coefficients) {
        float[] sorted = new float[DCT_SIZE * DCT_SIZE];
        for (int i = 0; i < DCT_SIZE; i++) {
            System.arraycopy(coefficients[i], 0, sorted, i * DCT_SIZE, DCT_SIZE);
        }
        Arrays.sort(sorted);
        // The reference's Torben median returns the lower middle value for an even count.
        float median = sorted[sorted.length / 2 - 1];
        long[] w = new long[4];
        for (int i = 0; i < DCT_SIZE; i++) {
            for (int j = 0; j < DCT_SIZE; j++) {
                if (coefficients[i][j] > median) {
                    int k = i * DCT_SIZE + j;
                    w[k >>> 6] |= 1L << (k & 63);
                }
            }
        }
        return Hash256.ofWords(w[0], w[1], w[2], w[3]);
    }
}
