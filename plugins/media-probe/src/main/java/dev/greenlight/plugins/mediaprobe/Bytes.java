package dev.greenlight.plugins.mediaprobe;

import java.nio.charset.StandardCharsets;

/** Reads fixed-width integers and tags from byte arrays. Stateless. */
final class Bytes {
    private Bytes() {
    }

    static int u8(byte[] b, int off) {
        return b[off] & 0xFF;
    }

    static int u16be(byte[] b, int off) {
        return (u8(b, off) << 8) | u8(b, off + 1);
    }

    static long u32be(byte[] b, int off) {
        return ((long) u16be(b, off) << 16) | u16be(b, off + 2);
    }

    /** A signed 32-bit big-endian value (QuickTime matrices are signed 16.16 fixed point). */
    static int s32be(byte[] b, int off) {
        return (int) u32be(b, off);
    }

    /** An unsigned 64-bit big-endian value; values above {@link Long#MAX_VALUE} come back negative. */
    static long u64be(byte[] b, int off) {
        return (u32be(b, off) << 32) | u32be(b, off + 4);
    }

    static int u16le(byte[] b, int off) {
        return u8(b, off) | (u8(b, off + 1) << 8);
    }

    static long u32le(byte[] b, int off) {
        return u16le(b, off) | ((long) u16le(b, off + 2) << 16);
    }

    /** {@code length} bytes as ISO-8859-1 text (four-character codes are bytes, not UTF-8). */
    static String latin1(byte[] b, int off, int length) {
        return new String(b, off, length, StandardCharsets.ISO_8859_1);
    }

    static boolean startsWith(byte[] b, int length, int off, byte... prefix) {
        if (off + prefix.length > length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[off + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    static boolean startsWith(byte[] b, int length, int off, String ascii) {
        return startsWith(b, length, off, ascii.getBytes(StandardCharsets.ISO_8859_1));
    }
}
