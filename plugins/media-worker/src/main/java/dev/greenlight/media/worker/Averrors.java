package dev.greenlight.media.worker;

import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.nio.charset.StandardCharsets;

/** FFmpeg error codes: the ones the decode loop expects, and their text. Stateless. */
public final class Averrors {
    /** {@code AVERROR(EAGAIN)} on Linux, the only platform whose natives the plugin ships. */
    public static final int EAGAIN = -11;

    private Averrors() {
    }

    /** FFmpeg's message for {@code code}, e.g. "Invalid data found when processing input". */
    public static String text(int code) {
        byte[] buffer = new byte[256];
        av_strerror(code, buffer, buffer.length);
        int end = 0;
        while (end < buffer.length && buffer[end] != 0) {
            end++;
        }
        return new String(buffer, 0, end, StandardCharsets.UTF_8);
    }
}
