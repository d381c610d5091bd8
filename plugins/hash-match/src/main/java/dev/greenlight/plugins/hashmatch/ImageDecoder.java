package dev.greenlight.plugins.hashmatch;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes image files with the JDK's ImageIO (PNG, JPEG, GIF, BMP, WBMP). Stateless; thread-safe.
 *
 * <p>A file that is not an image, or that ImageIO cannot decode (e.g. CMYK JPEG, WebP, truncated
 * data), gives an empty result, never an exception: the media-probe plugin reports unreadable files.
 */
final class ImageDecoder {
    /**
     * Images with more pixels than this are decoded at every k-th pixel, the smallest k that fits:
     * PDQ samples a 512×512 grid anyway, so the hash moves by a few bits at most, while a full decode
     * of a 100-megapixel image would hold 300 MB.
     */
    static final long FULL_DECODE_PIXELS = 4096L * 4096L;

    private ImageDecoder() {
    }

    /** The decoded image, or empty when it is not decodable or has more than {@code maxPixels} pixels. */
    static Optional<BufferedImage> decode(Path file, long maxPixels) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                return Optional.empty();
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return Optional.empty();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width < 1 || height < 1 || (long) width * height > maxPixels) {
                    return Optional.empty();
                }
                ImageReadParam param = reader.getDefaultReadParam();
                int step = subsampling(width, height);
                if (step > 1) {
                    param.setSourceSubsampling(step, step, 0, 0);
                }
                return Optional.ofNullable(reader.read(0, param));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            // ImageIO reports corrupt data with assorted runtime exceptions as well as IIOException.
            return Optional.empty();
        }
    }

    static int subsampling(int width, int height) {
        int step = 1;
        while (ceilDiv(width, step) * ceilDiv(height, step) > FULL_DECODE_PIXELS) {
            step++;
        }
        return step;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
