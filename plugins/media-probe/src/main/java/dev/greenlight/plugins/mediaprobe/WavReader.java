package dev.greenlight.plugins.mediaprobe;

import java.io.IOException;

/**
 * Reads a RIFF WAVE file's {@code fmt } and {@code data} chunks: codec and duration (data bytes ÷
 * bytes per second). Walks chunk headers only. Stateless.
 */
final class WavReader {
    private static final int FORMAT_PCM = 1;
    private static final int FORMAT_FLOAT = 3;
    private static final int FORMAT_ALAW = 6;
    private static final int FORMAT_MULAW = 7;
    private static final int FORMAT_MP3 = 0x55;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;

    private WavReader() {
    }

    /**
     * Fills {@code out} with the codec and duration.
     *
     * @throws UnreadableException {@link Problem#TRUNCATED} when the data chunk runs past the end of
     *                             the file, {@link Problem#DAMAGED} when a chunk is missing
     */
    static void read(MediaSource source, ProbeResult.Builder out) throws IOException {
        out.type("audio");
        long byteRate = 0;
        long position = 12;
        while (position + 8 <= source.size()) {
            source.deadline().check();
            byte[] h = source.readFully(position, 8);
            String id = Bytes.latin1(h, 0, 4);
            long size = Bytes.u32le(h, 4);
            long dataStart = position + 8;
            if (id.equals("fmt ")) {
                byte[] fmt = source.readFully(dataStart, (int) Math.min(size, 26));
                if (fmt.length < 16) {
                    throw new UnreadableException(Problem.DAMAGED, "the WAV format chunk is too short");
                }
                out.codec(codec(fmt));
                byteRate = Bytes.u32le(fmt, 8);
            } else if (id.equals("data")) {
                if (byteRate == 0) {
                    throw new UnreadableException(Problem.DAMAGED, "the WAV data chunk comes before a usable format chunk");
                }
                long available = source.size() - dataStart;
                // 0xFFFFFFFF marks a stream written before its length was known: the data runs to the end
                long length = size == 0xFFFF_FFFFL ? available : size;
                out.durationSeconds((double) Math.min(length, available) / byteRate);
                if (length > available) {
                    throw new UnreadableException(Problem.TRUNCATED, "the WAV data chunk declares " + length
                            + " bytes but the file holds " + available + ": it was cut short");
                }
                return;
            }
            position = dataStart + size + (size & 1); // chunks are padded to an even length
        }
        throw new UnreadableException(Problem.TRUNCATED, "the file ends before the WAV data chunk");
    }

    /** ffprobe's name for the codec in a format chunk. */
    private static String codec(byte[] fmt) {
        int tag = Bytes.u16le(fmt, 0);
        int bits = Bytes.u16le(fmt, 14);
        if (tag == FORMAT_EXTENSIBLE && fmt.length >= 26) {
            tag = Bytes.u16le(fmt, 24); // the sub-format GUID starts with the plain format tag
        }
        switch (tag) {
            case FORMAT_PCM:
                return bits == 8 ? "pcm_u8" : "pcm_s" + bits + "le";
            case FORMAT_FLOAT:
                return "pcm_f" + bits + "le";
            case FORMAT_ALAW:
                return "pcm_alaw";
            case FORMAT_MULAW:
                return "pcm_mulaw";
            case FORMAT_MP3:
                return "mp3";
            default:
                return String.format("wav-0x%04x", tag);
        }
    }
}
