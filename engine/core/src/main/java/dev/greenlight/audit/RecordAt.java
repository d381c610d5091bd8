package dev.greenlight.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads single lines of a segment at a known place, for the shortcuts (the state file, the index)
 * whose claims are checked against the bytes before anything relies on them. Every read is bounded
 * ({@link LogScan#MAX_RECORD_BYTES}). Thread-safe (stateless).
 */
final class RecordAt {
    private RecordAt() {
    }

    /** The segment's first line, or null when it has no whole line. */
    static byte[] firstLine(Path segment) throws IOException {
        return lineAt(segment, 0);
    }

    /** The whole line (without its newline) starting at {@code offset}, or null when there is none there. */
    static byte[] lineAt(Path segment, long offset) throws IOException {
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.READ)) {
            long size = ch.size();
            if (offset < 0 || offset >= size) {
                return null;
            }
            int chunk = (int) Math.min(size - offset, 64 * 1024);
            ByteBuffer buf = ByteBuffer.allocate(chunk);
            while (true) {
                buf.clear();
                read(ch, buf, offset);
                byte[] a = buf.array();
                for (int i = 0; i < buf.position(); i++) {
                    if (a[i] == '\n') {
                        byte[] line = new byte[i];
                        System.arraycopy(a, 0, line, 0, i);
                        return line;
                    }
                }
                if (buf.position() >= size - offset || buf.capacity() >= LogScan.MAX_RECORD_BYTES) {
                    return null; // no newline: a torn or overlong line
                }
                buf = ByteBuffer.allocate((int) Math.min(Math.min(size - offset, (long) buf.capacity() * 4),
                        LogScan.MAX_RECORD_BYTES));
            }
        }
    }

    /**
     * The whole line that ends (with its newline) just before {@code end}, or null when the byte
     * before {@code end} is not a newline or the line is overlong.
     */
    static byte[] lineEndingAt(Path segment, long end) throws IOException {
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.READ)) {
            if (end < 1 || end > ch.size()) {
                return null;
            }
            int span = 64 * 1024;
            while (true) {
                long from = Math.max(0, end - span);
                ByteBuffer buf = ByteBuffer.allocate((int) (end - from));
                read(ch, buf, from);
                byte[] a = buf.array();
                int last = a.length - 1;
                if (a[last] != '\n') {
                    return null;
                }
                for (int i = last - 1; i >= 0; i--) {
                    if (a[i] == '\n') {
                        return copy(a, i + 1, last);
                    }
                }
                if (from == 0) {
                    return copy(a, 0, last);
                }
                if (span >= LogScan.MAX_RECORD_BYTES) {
                    return null;
                }
                span *= 4;
            }
        }
    }

    /** The top-level {@code seq} of a record line, or -1 when it has none or is not JSON. */
    static long seqOf(byte[] line) {
        try {
            return AuditRecordFormat.MAPPER.readTree(line).path("seq").asLong(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    private static byte[] copy(byte[] a, int from, int to) {
        byte[] out = new byte[to - from];
        System.arraycopy(a, from, out, 0, out.length);
        return out;
    }

    private static void read(FileChannel ch, ByteBuffer buf, long at) throws IOException {
        long pos = at;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                break;
            }
            pos += n;
        }
    }
}
