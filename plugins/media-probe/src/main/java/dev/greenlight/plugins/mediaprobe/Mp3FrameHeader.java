package dev.greenlight.plugins.mediaprobe;

/**
 * One MPEG audio frame header (MPEG-1, -2 and 2.5, layers I–III), decoded from its four bytes.
 * Immutable.
 *
 * @param mpegVersion    1 for MPEG-1, 2 for MPEG-2 and MPEG-2.5 (their frame layouts are the same)
 * @param layer          1, 2 or 3
 * @param sampleRate     samples per second
 * @param frameLength    bytes in the frame, header included
 * @param samplesPerFrame audio samples the frame decodes to
 * @param mono           whether the channel mode is single-channel
 */
record Mp3FrameHeader(int mpegVersion, int layer, int sampleRate, int frameLength, int samplesPerFrame, boolean mono) {

    private static final int[][] BITRATES_KBPS = {
        {0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448}, // MPEG-1 layer I
        {0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384},    // MPEG-1 layer II
        {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320},     // MPEG-1 layer III
        {0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256},    // MPEG-2/2.5 layer I
        {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160},         // MPEG-2/2.5 layers II, III
    };
    private static final int[] MPEG1_RATES = {44100, 48000, 32000};

    /** The header at {@code b[off..off+4)}, or {@code null} when those bytes are not a valid header. */
    static Mp3FrameHeader parse(byte[] b, int off) {
        if (off + 4 > b.length) {
            return null;
        }
        int b1 = b[off + 1] & 0xFF;
        int b2 = b[off + 2] & 0xFF;
        int b3 = b[off + 3] & 0xFF;
        if ((b[off] & 0xFF) != 0xFF || (b1 & 0xE0) != 0xE0) {
            return null;
        }
        int versionBits = (b1 >> 3) & 3;
        int layerBits = (b1 >> 1) & 3;
        int bitrateIndex = b2 >> 4;
        int rateIndex = (b2 >> 2) & 3;
        if (versionBits == 1 || layerBits == 0 || bitrateIndex == 0 || bitrateIndex == 15 || rateIndex == 3) {
            return null; // reserved values, or free-format bitrate (no fixed frame length to walk by)
        }
        int version = versionBits == 3 ? 1 : 2;
        int layer = 4 - layerBits;
        int sampleRate = MPEG1_RATES[rateIndex] / (versionBits == 3 ? 1 : versionBits == 2 ? 2 : 4);
        int table = version == 1 ? layer - 1 : layer == 1 ? 3 : 4;
        int bitrate = BITRATES_KBPS[table][bitrateIndex] * 1000;
        int padding = (b2 >> 1) & 1;
        int length;
        int samples;
        if (layer == 1) {
            length = (12 * bitrate / sampleRate + padding) * 4;
            samples = 384;
        } else if (layer == 3 && version == 2) {
            length = 72 * bitrate / sampleRate + padding;
            samples = 576;
        } else {
            length = 144 * bitrate / sampleRate + padding;
            samples = 1152;
        }
        return new Mp3FrameHeader(version, layer, sampleRate, length, samples, (b3 >> 6) == 3);
    }

    /** Where a Xing/Info tag would start, counted from the frame's first byte (after the side information). */
    int xingOffset() {
        int sideInformation = mpegVersion == 1 ? (mono ? 17 : 32) : (mono ? 9 : 17);
        return 4 + sideInformation;
    }

    /** The codec name ffprobe gives this layer. */
    String codec() {
        return "mp" + layer;
    }
}
