package dev.greenlight.plugins.hashmatch;

import java.nio.ByteBuffer;

/**
 * A JPEG's width and height from its start-of-frame marker, read before decoding so the decoder
 * can be told how far to reduce the picture. Stateless.
 */
final class JpegSize {
    private JpegSize() {
    }

    /** {@code {width, height}}, or {@code null} when no start-of-frame marker is found. */
    static int[] of(ByteBuffer jpeg) {
        int i = 2; // after SOI
        int n = jpeg.limit();
        while (i + 4 <= n) {
            if ((jpeg.get(i) & 0xff) != 0xFF) {
                return null;
            }
            int marker = jpeg.get(i + 1) & 0xff;
            if (marker == 0xFF) {
                i++; // fill byte
                continue;
            }
            int length = ((jpeg.get(i + 2) & 0xff) << 8) | (jpeg.get(i + 3) & 0xff);
            boolean startOfFrame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (startOfFrame && i + 9 <= n) {
                int height = ((jpeg.get(i + 5) & 0xff) << 8) | (jpeg.get(i + 6) & 0xff);
                int width = ((jpeg.get(i + 7) & 0xff) << 8) | (jpeg.get(i + 8) & 0xff);
                return new int[] {width, height};
            }
            if (marker == 0xD9 || marker == 0xDA || length < 2) {
                return null;
            }
            i += 2 + length;
        }
        return null;
    }
}
