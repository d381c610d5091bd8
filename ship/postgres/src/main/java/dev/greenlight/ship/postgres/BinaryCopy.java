package dev.greenlight.ship.postgres;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Rows in PostgreSQL's binary {@code COPY} format, built in memory: a line's bytes go as they are
 * (the text format doubles them into hex, which the server then decodes), numbers and times as
 * fixed-width binary. The format: an 11-byte signature, flags and extension length; per row a
 * 16-bit field count and, per field, a 32-bit length (-1 for NULL) and the bytes; a 16-bit -1 at the
 * end. Not thread-safe; reusable after {@link #reset}.
 */
final class BinaryCopy {
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    /** Seconds from the Unix epoch to PostgreSQL's (2000-01-01 UTC), where timestamps count from. */
    private static final long PG_EPOCH_SECONDS = 946_684_800L;
    /** jsonb's binary form: a version byte, then the JSON text. */
    private static final byte JSONB_VERSION = 1;

    private byte[] buf = new byte[1 << 16];
    private int len;
    private int rows;

    BinaryCopy() {
        reset();
    }

    /** Empties the buffer and writes the header again. */
    void reset() {
        len = 0;
        rows = 0;
        put(SIGNATURE, 0, SIGNATURE.length);
        putInt(0); // flags: no OIDs
        putInt(0); // header extension length
    }

    /** Starts a row of {@code fields} fields. */
    void row(int fields) {
        putShort(fields);
        rows++;
    }

    void bigint(long v) {
        putInt(8);
        putLong(v);
    }

    /** A text or char(n) field (UTF-8; the connection's client encoding is UTF-8), or NULL. */
    void text(String s) {
        if (s == null) {
            putInt(-1);
            return;
        }
        bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    /** A bytea field. */
    void bytes(byte[] b) {
        putInt(b.length);
        put(b, 0, b.length);
    }

    /** A jsonb field from JSON text in UTF-8, or NULL. */
    void jsonb(byte[] utf8) {
        if (utf8 == null) {
            putInt(-1);
            return;
        }
        putInt(utf8.length + 1);
        ensure(1);
        buf[len++] = JSONB_VERSION;
        put(utf8, 0, utf8.length);
    }

    /** A timestamptz field (microseconds since 2000-01-01 UTC), or NULL. */
    void timestamp(Instant t) {
        if (t == null) {
            putInt(-1);
            return;
        }
        long micros = Math.multiplyExact(t.getEpochSecond() - PG_EPOCH_SECONDS, 1_000_000L) + t.getNano() / 1_000;
        bigint(micros);
    }

    /** Writes the trailer; the bytes are then {@link #buffer()} up to {@link #length()}. */
    void finish() {
        putShort(-1);
    }

    byte[] buffer() {
        return buf;
    }

    int length() {
        return len;
    }

    int rows() {
        return rows;
    }

    private void putShort(int v) {
        ensure(2);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
    }

    private void putInt(int v) {
        ensure(4);
        buf[len++] = (byte) (v >>> 24);
        buf[len++] = (byte) (v >>> 16);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
    }

    private void putLong(long v) {
        putInt((int) (v >>> 32));
        putInt((int) v);
    }

    private void put(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
    }

    private void ensure(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }
}
