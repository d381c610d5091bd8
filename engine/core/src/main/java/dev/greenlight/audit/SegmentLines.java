package dev.greenlight.audit;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Splits a segment's bytes into lines on {@code '\n'} and leaves each line where it was read, in
 * this reader's buffer ({@link #buffer()}, from {@link #start()} for {@link #length()} bytes), so
 * that a scan of the log hashes and checks records without copying them. Never holds more than
 * {@code maxBytes} of one line (plus one read): a longer line is skipped to its end and reported as
 * {@link #overlong()}. Counts lines and byte offsets as {@code dev.greenlight.json.BoundedLineReader}
 * does, whose behaviour it keeps. Not thread-safe.
 */
final class SegmentLines {
    private static final int INITIAL = 1 << 20;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private final InputStream in;
    private final int maxBytes;
    private byte[] buf;
    private int pos;
    private int limit;
    private int start;
    private int length;
    private int lineNumber;
    private long lineOffset;
    private long offset;
    private boolean overlong;
    private boolean terminated;

    SegmentLines(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
        this.buf = new byte[Math.min(INITIAL, maxBytes + 1)];
    }

    /** As {@code BoundedLineReader.startAt}: the stream was positioned at {@code offset}, after line {@code linesBefore}. */
    void startAt(long offset, int linesBefore) {
        this.offset = offset;
        this.lineNumber = linesBefore;
    }

    /** Moves to the next line; false at the end of the stream. */
    boolean advance() throws IOException {
        overlong = false;
        terminated = false;
        lineOffset = offset;
        int searched = pos;
        while (true) {
            int nl = indexOfNewline(buf, searched, limit);
            if (nl >= 0) {
                int n = nl - pos;
                take(n, n > maxBytes, true);
                pos = nl + 1;
                offset++;
                return true;
            }
            int have = limit - pos;
            if (have > maxBytes) {
                return skipOverlong(have);
            }
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, have);
                pos = 0;
                limit = have;
            } else if (limit == buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min((long) buf.length * 2, (long) maxBytes + 1));
            }
            searched = limit;
            int r = in.read(buf, limit, buf.length - limit);
            if (r <= 0) {
                if (have == 0) {
                    return false;
                }
                take(have, false, false); // a last line without its newline (torn)
                pos = limit;
                return true;
            }
            limit += r;
        }
    }

    /** The line's bytes, a copy ({@code byte[0]} when overlong); null at the end of the stream. */
    byte[] next() throws IOException {
        if (!advance()) {
            return null;
        }
        return Arrays.copyOfRange(buf, start, start + length);
    }

    private void take(int n, boolean tooLong, boolean withNewline) {
        overlong = tooLong;
        terminated = withNewline;
        start = pos;
        length = tooLong ? 0 : n;
        offset += n;
        lineNumber++;
    }

    /** Skips the rest of a line longer than the limit, of which {@code have} bytes are buffered. */
    private boolean skipOverlong(int have) throws IOException {
        long count = have;
        pos = 0;
        limit = 0;
        while (true) {
            int r = in.read(buf, 0, buf.length);
            if (r <= 0) {
                offset += count;
                lineNumber++;
                overlong = true;
                start = 0;
                length = 0;
                return true;
            }
            int nl = indexOfNewline(buf, 0, r);
            if (nl >= 0) {
                offset += count + nl + 1;
                lineNumber++;
                overlong = true;
                terminated = true;
                start = 0;
                length = 0;
                pos = nl + 1;
                limit = r;
                return true;
            }
            count += r;
        }
    }

    /** The buffer holding the current line (valid until the next call). */
    byte[] buffer() {
        return buf;
    }

    /** Where the current line starts in {@link #buffer()}. */
    int start() {
        return start;
    }

    /** The current line's length without its {@code '\n'} (0 when overlong). */
    int length() {
        return length;
    }

    /** The 1-based number of the current line. */
    int lineNumber() {
        return lineNumber;
    }

    /** The byte offset at which the current line starts. */
    long lineOffset() {
        return lineOffset;
    }

    /** True when the current line was longer than the limit (and is given empty). */
    boolean overlong() {
        return overlong;
    }

    /** True when the current line ended with {@code '\n'} (false for a torn last line). */
    boolean terminated() {
        return terminated;
    }

    /** Index of the first {@code '\n'} in {@code b[from, to)}, or -1; eight bytes at a time. */
    static int indexOfNewline(byte[] b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long w = (long) LONGS.get(b, i) ^ NEWLINES;
            long zero = (w - ONES) & ~w & HIGHS; // the lowest set bit marks the first zero byte
            if (zero != 0) {
                return i + (Long.numberOfTrailingZeros(zero) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
