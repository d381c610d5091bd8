package dev.greenlight.plugins.mediaprobe;

import java.io.IOException;

/**
 * Reads an MPEG audio (MP3) file's duration: from the Xing/Info or VBRI header when the encoder
 * wrote one, else by walking the frame headers. Like ffprobe, the duration is frames × samples per
 * frame ÷ sample rate, without subtracting the encoder delay and padding of gapless players.
 *
 * <p>Walking jumps from header to header (four bytes each, through the source's block cache), so a
 * long file costs many small reads but never much memory; the deadline bounds the walk. Stateless.
 */
final class Mp3Reader {
    /** How far past the tags to look for the first frame; encoders sometimes leave padding there. */
    private static final int SYNC_SEARCH_BYTES = 64 * 1024;
    private static final int VBRI_OFFSET = 36;

    private Mp3Reader() {
    }

    /** Where the audio starts after any ID3v2 tags at {@code position} (several may follow each other). */
    static long skipId3Tags(MediaSource source, long position) throws IOException {
        while (true) {
            byte[] h = source.readUpTo(position, 10);
            if (h.length < 10 || !Bytes.startsWith(h, h.length, 0, "ID3")) {
                return position;
            }
            long size = ((h[6] & 0x7FL) << 21) | ((h[7] & 0x7FL) << 14) | ((h[8] & 0x7FL) << 7) | (h[9] & 0x7FL);
            boolean footer = (h[5] & 0x10) != 0;
            position += 10 + size + (footer ? 10 : 0);
        }
    }

    /**
     * Fills {@code out} from the frames starting at or shortly after {@code start}.
     *
     * @throws UnreadableException {@link Problem#NOT_MEDIA} when no two consecutive frames are found
     */
    static void read(MediaSource source, long start, ProbeResult.Builder out) throws IOException {
        long first = findFirstFrame(source, start);
        if (first < 0) {
            throw new UnreadableException(Problem.NOT_MEDIA, "no MPEG audio frames were found"
                    + (start > 0 ? " after the ID3 tag" : ""));
        }
        Mp3FrameHeader header = Mp3FrameHeader.parse(source.readFully(first, 4), 0);
        out.type("audio").codec(header.codec());
        long frames = framesFromTag(source, first, header);
        if (frames < 0) {
            frames = countFrames(source, first);
        }
        out.durationSeconds((double) frames * header.samplesPerFrame() / header.sampleRate());
    }

    /** The first frame header followed by another valid header (one alone may be chance bytes). */
    private static long findFirstFrame(MediaSource source, long start) throws IOException {
        byte[] window = source.readUpTo(start, SYNC_SEARCH_BYTES + 4);
        for (int i = 0; i + 4 <= window.length; i++) {
            Mp3FrameHeader h = Mp3FrameHeader.parse(window, i);
            if (h == null) {
                continue;
            }
            long next = start + i + h.frameLength();
            if (next == source.size() || Mp3FrameHeader.parse(source.readUpTo(next, 4), 0) != null) {
                return start + i;
            }
        }
        return -1;
    }

    /** The audio frame count from a Xing/Info or VBRI tag in the first frame, or -1 when there is none. */
    private static long framesFromTag(MediaSource source, long first, Mp3FrameHeader header) throws IOException {
        byte[] frame = source.readUpTo(first, header.frameLength());
        int xing = header.xingOffset();
        if (xing + 12 <= frame.length
                && (Bytes.startsWith(frame, frame.length, xing, "Xing") || Bytes.startsWith(frame, frame.length, xing, "Info"))
                && (Bytes.u32be(frame, xing + 4) & 1) != 0) {
            return Bytes.u32be(frame, xing + 8);
        }
        if (VBRI_OFFSET + 18 <= frame.length && Bytes.startsWith(frame, frame.length, VBRI_OFFSET, "VBRI")) {
            return Bytes.u32be(frame, VBRI_OFFSET + 14);
        }
        return -1;
    }

    /** Counts audio frames by walking headers until the data stops being frames (end, ID3v1 or APE tags). */
    private static long countFrames(MediaSource source, long first) throws IOException {
        long frames = 0;
        long position = first;
        while (position + 4 <= source.size()) {
            Mp3FrameHeader h = Mp3FrameHeader.parse(source.readFully(position, 4), 0);
            if (h == null) {
                break;
            }
            frames++;
            position += h.frameLength();
            if ((frames & 0xFFF) == 0) {
                source.deadline().check(); // cached reads do not reach the channel's check
            }
        }
        return frames;
    }
}
