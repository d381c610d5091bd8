package dev.greenlight.plugins.mediaprobe;

/**
 * What one {@code trak} box says about its track, as {@link Mp4Reader} finds it. Zero means
 * "not seen". Mutable; confined to one reader.
 */
final class Mp4Track {
    long trackId;
    /** {@code vide}, {@code soun}, … from the media handler ({@code mdia/hdlr}). */
    String handler = "";
    /** The first sample entry's four-character code ({@code avc1}, {@code mp4a}, …). */
    String sampleFormat = "";
    long timescale;
    long mediaDuration;
    int sampleWidth;
    int sampleHeight;
    double headerWidth;
    double headerHeight;
    int rotation;
    long sampleCount;
    long sampleDeltaTotal;

    boolean isVideo() {
        return "vide".equals(handler);
    }

    boolean isAudio() {
        return "soun".equals(handler);
    }

    /** Seconds, from the media header; {@code NaN} when unknown. */
    double durationSeconds() {
        return timescale > 0 && mediaDuration > 0 ? (double) mediaDuration / timescale : Double.NaN;
    }

    /** Average frames per second over the sample table; {@code NaN} when it is empty. */
    double averageFrameRate() {
        return sampleCount > 0 && sampleDeltaTotal > 0 && timescale > 0
                ? (double) sampleCount * timescale / sampleDeltaTotal : Double.NaN;
    }

    /** Frames per second from a fragmented file's default sample duration; {@code NaN} when unknown. */
    double frameRateFromSampleDuration(long defaultSampleDuration) {
        return defaultSampleDuration > 0 && timescale > 0 ? (double) timescale / defaultSampleDuration : Double.NaN;
    }
}
