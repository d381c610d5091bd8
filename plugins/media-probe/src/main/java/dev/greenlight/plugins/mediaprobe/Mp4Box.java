package dev.greenlight.plugins.mediaprobe;

import java.io.IOException;

/**
 * One ISO-BMFF / QuickTime box header: its four-character type and where its payload and the box
 * end. Immutable.
 */
record Mp4Box(String type, long start, long payloadStart, long end) {

    long payloadLength() {
        return end - payloadStart;
    }

    /**
     * Reads the box header at {@code position}, whose box must end by {@code limit} (the parent's
     * end, or the file's end at the top level).
     *
     * @return the box, or {@code null} when fewer than 8 bytes remain before {@code limit} (QuickTime
     *         ends some lists with a 4-byte zero terminator; such a tail holds no box)
     * @throws UnreadableException {@link Problem#TRUNCATED} when a top-level box runs past the end of
     *                             the file, {@link Problem#DAMAGED} for an impossible size
     */
    static Mp4Box read(MediaSource source, long position, long limit, boolean topLevel) throws IOException {
        if (limit - position < 8) {
            return null;
        }
        byte[] header = source.readFully(position, (int) Math.min(16, limit - position));
        long size = Bytes.u32be(header, 0);
        String type = Bytes.latin1(header, 4, 4);
        int headerLength = 8;
        if (size == 1) {
            if (header.length < 16) {
                throw overrun(type, position, topLevel);
            }
            size = Bytes.u64be(header, 8);
            headerLength = 16;
        } else if (size == 0) {
            size = limit - position; // "extends to the end of the file"
        }
        if (size < headerLength) {
            throw new UnreadableException(Problem.DAMAGED, "the '" + printable(type) + "' box at byte " + position
                    + " has an impossible size (" + size + " bytes)");
        }
        if (size > limit - position) {
            throw overrun(type, position, topLevel);
        }
        return new Mp4Box(type, position, position + headerLength, position + size);
    }

    private static UnreadableException overrun(String type, long position, boolean topLevel) {
        return topLevel
                ? new UnreadableException(Problem.TRUNCATED, "the '" + printable(type) + "' box at byte " + position
                        + " runs past the end of the file: the file was cut short")
                : new UnreadableException(Problem.DAMAGED, "the '" + printable(type) + "' box at byte " + position
                        + " runs past the end of the box that holds it");
    }

    /** A box type safe to quote in a reason (hostile files may hold control bytes there). */
    static String printable(String type) {
        StringBuilder out = new StringBuilder(type.length());
        for (char c : type.toCharArray()) {
            out.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return out.toString();
    }
}
