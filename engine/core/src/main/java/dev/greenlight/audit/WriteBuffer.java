package dev.greenlight.audit;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A growable byte buffer that hands its bytes to a write without copying: where the writer gathers
 * a batch's lines (one write call per batch) and builds each record's body while it is hashed. Not
 * thread-safe: used only under the writer's lock.
 */
final class WriteBuffer {
    /** A batch's buffer larger than this is dropped after use rather than kept for the next. */
    private static final int KEEP_AT_MOST = 8 << 20;
    private static final int INITIAL = 64 * 1024;

    private byte[] bytes = new byte[INITIAL];
    private int size;

    void write(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, bytes, size, b.length);
        size += b.length;
    }

    void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, bytes, size, len);
        size += len;
    }

    void write(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
    }

    /** Text known to be ASCII (hex digits, numbers, the format's member names). */
    void writeAscii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            bytes[size++] = (byte) s.charAt(i);
        }
    }

    byte[] array() {
        return bytes;
    }

    int size() {
        return size;
    }

    ByteBuffer view() {
        return ByteBuffer.wrap(bytes, 0, size);
    }

    void clear() {
        size = 0;
        if (bytes.length > KEEP_AT_MOST) {
            bytes = new byte[INITIAL]; // do not keep a huge batch's buffer
        }
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
