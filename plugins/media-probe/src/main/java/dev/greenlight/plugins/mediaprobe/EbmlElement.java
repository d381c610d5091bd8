package dev.greenlight.plugins.mediaprobe;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One EBML element header (the binary XML under Matroska and WebM): its id, where its data starts,
 * and its size ({@link #UNKNOWN_SIZE} for live streams that did not know it). Immutable.
 */
record EbmlElement(long id, long dataStart, long size) {
    static final long UNKNOWN_SIZE = -1;

    boolean sizeKnown() {
        return size != UNKNOWN_SIZE;
    }

    long end() {
        return dataStart + size;
    }

    /**
     * Reads the header at {@code position}; {@code null} when the file ends there.
     *
     * @throws UnreadableException {@link Problem#TRUNCATED} when the header itself is cut,
     *                             {@link Problem#DAMAGED} for an invalid variable-length number
     */
    static EbmlElement read(MediaSource source, long position) throws IOException {
        if (position >= source.size()) {
            return null;
        }
        byte[] b = source.readUpTo(position, 12);
        int idLength = varintLength(b, 0);
        if (idLength > 4) {
            throw damaged(position);
        }
        int sizeLength = idLength < b.length ? varintLength(b, idLength) : 0;
        if (idLength + sizeLength > b.length || sizeLength == 0) {
            throw new UnreadableException(Problem.TRUNCATED, "the file ends inside an element header at byte " + position);
        }
        long id = 0;
        for (int i = 0; i < idLength; i++) {
            id = (id << 8) | (b[i] & 0xFF);
        }
        long size = (b[idLength] & 0xFF) & (0xFF >> sizeLength);
        boolean allOnes = size == (0xFF >> sizeLength);
        for (int i = 1; i < sizeLength; i++) {
            int next = b[idLength + i] & 0xFF;
            allOnes &= next == 0xFF;
            size = (size << 8) | next;
        }
        return new EbmlElement(id, position + idLength + sizeLength, allOnes ? UNKNOWN_SIZE : size);
    }

    /** The element's data as an unsigned integer (at most 8 bytes). */
    long readUnsigned(MediaSource source) throws IOException {
        byte[] b = data(source, 8);
        long value = 0;
        for (byte x : b) {
            value = (value << 8) | (x & 0xFF);
        }
        return value;
    }

    /** The element's data as an IEEE float of 0, 4 or 8 bytes. */
    double readFloat(MediaSource source) throws IOException {
        byte[] b = data(source, 8);
        switch (b.length) {
            case 0:
                return 0;
            case 4:
                return ByteBuffer.wrap(b).getFloat();
            case 8:
                return ByteBuffer.wrap(b).getDouble();
            default:
                throw new UnreadableException(Problem.DAMAGED, "a floating-point element at byte " + dataStart
                        + " has " + b.length + " bytes");
        }
    }

    /** The element's data as text, without the zero padding EBML allows. */
    String readString(MediaSource source) throws IOException {
        String s = new String(data(source, 256), StandardCharsets.UTF_8);
        int zero = s.indexOf('\0');
        return zero < 0 ? s : s.substring(0, zero);
    }

    private byte[] data(MediaSource source, int maxLength) throws IOException {
        if (!sizeKnown() || size > maxLength) {
            throw new UnreadableException(Problem.DAMAGED, "an element at byte " + dataStart + " is too long for its kind");
        }
        return source.readFully(dataStart, (int) size);
    }

    /** The length (1–8) of the variable-length number starting at {@code b[off]}, from its leading zeros. */
    private static int varintLength(byte[] b, int off) throws UnreadableException {
        int first = b[off] & 0xFF;
        if (first == 0) {
            throw damaged(off);
        }
        return Integer.numberOfLeadingZeros(first) - 23;
    }

    private static UnreadableException damaged(long position) {
        return new UnreadableException(Problem.DAMAGED, "an invalid element header near byte " + position);
    }
}
