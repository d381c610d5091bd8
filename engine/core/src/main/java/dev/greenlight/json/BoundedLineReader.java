package dev.greenlight.json;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a byte stream into lines on {@code '\n'} without decoding them (so invalid UTF-8 reaches
 * the JSON parser, which names it) and without ever holding more than {@code maxBytes} of one line:
 * a line past the limit is skipped to its end and reported as overlong.
 * Not thread-safe.
 */
public final class BoundedLineReader {
    private final InputStream in;
    private final int maxBytes;
    private final byte[] buf = new byte[256 * 1024];
    private int pos;
    private int limit;
    private int lineNumber;
    private long lineOffset;
    private long offset;
    private boolean overlong;
    private boolean terminated;

    public BoundedLineReader(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /**
     * Counts lines and offsets on from a place in the middle of a file: the stream given to the
     * constructor was positioned at {@code offset}, just after line {@code linesBefore}. Call before
     * the first {@link #next}.
     */
    public void startAt(long offset, int linesBefore) {
        this.offset = offset;
        this.lineNumber = linesBefore;
    }

    /** The next line without its {@code '\n'}, or {@code null} at the end of the stream. */
    public byte[] next() throws IOException {
        overlong = false;
        terminated = false;
        lineOffset = offset;
        // the common case, a whole line inside the buffer: one copy, no intermediate stream
        for (int i = pos; i < limit; i++) {
            if (buf[i] == '\n') {
                int n = i - pos;
                byte[] line;
                if (n <= maxBytes) {
                    line = java.util.Arrays.copyOfRange(buf, pos, i);
                } else {
                    overlong = true;
                    line = new byte[0];
                }
                offset += n + 1;
                pos = i + 1;
                terminated = true;
                lineNumber++;
                return line;
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        long count = 0;
        while (true) {
            if (pos == limit) {
                limit = in.read(buf, 0, buf.length);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    if (count == 0) {
                        return null;
                    }
                    break;
                }
            }
            int start = pos;
            while (pos < limit && buf[pos] != '\n') {
                pos++;
            }
            int n = pos - start;
            if (!overlong && count + n <= maxBytes) {
                out.write(buf, start, n);
            } else {
                overlong = true;
            }
            count += n;
            offset += n;
            if (pos < limit) {
                pos++;
                offset++;
                terminated = true;
                break;
            }
        }
        lineNumber++;
        return overlong ? new byte[0] : out.toByteArray();
    }

    /** The 1-based number of the line last returned. */
    public int lineNumber() {
        return lineNumber;
    }

    /** The byte offset at which the line last returned starts. */
    public long lineOffset() {
        return lineOffset;
    }

    /** True when the line last returned was longer than the limit (and was returned empty). */
    public boolean overlong() {
        return overlong;
    }

    /** True when the line last returned ended with {@code '\n'} (false for a torn last line). */
    public boolean terminated() {
        return terminated;
    }
}
