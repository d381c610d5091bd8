package dev.greenlight.json;

import com.fasterxml.jackson.core.JsonParseException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Checks that bytes are well-formed UTF-8 (RFC 3629): no overlong encodings (such as {@code C0 AF}
 * for {@code /}, which Jackson's decoder would accept and turn into the character it disguises), no
 * surrogates, nothing past U+10FFFF, no truncated sequence. A submission is UTF-8 JSON
 * (docs/contract.md §1); text that is not is refused rather than read as something else.
 *
 * <p>An instance keeps the state of one byte stream and is not thread-safe; the static methods are.
 */
final class Utf8Validator {
    /** Continuation bytes still expected in the current sequence. */
    private int needed;
    /** The bounds of the next continuation byte (narrower after E0, ED, F0 and F4). */
    private int low = 0x80;
    private int high = 0xBF;

    /** Where the first malformed sequence of {@code bytes[0, length)} starts; -1 when they are all well-formed. */
    static int firstInvalid(byte[] bytes, int length) {
        Utf8Validator v = new Utf8Validator();
        int start = 0;
        for (int i = 0; i < length; i++) {
            if (v.needed == 0) {
                start = i;
            }
            if (!v.feed(bytes[i])) {
                return start;
            }
        }
        return v.needed == 0 ? -1 : start;
    }

    /** The problem's message for malformed UTF-8 at byte {@code offset}. */
    static String message(long offset) {
        return "not valid UTF-8: the bytes at offset " + offset + " are not a well-formed UTF-8 sequence "
                + "(overlong, truncated or a surrogate); submissions are UTF-8 JSON";
    }

    /** Takes the next byte; false when it makes the input malformed. */
    boolean feed(byte value) {
        int b = value & 0xFF;
        if (needed > 0) {
            if (b < low || b > high) {
                return false;
            }
            needed--;
            low = 0x80;
            high = 0xBF;
            return true;
        }
        if (b < 0x80) {
            return true;
        }
        if (b >= 0xC2 && b <= 0xDF) {
            needed = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
            needed = 2;
            low = b == 0xE0 ? 0xA0 : 0x80; // E0 80..9F would be overlong
            high = b == 0xED ? 0x9F : 0xBF; // ED A0..BF would be a surrogate
        } else if (b >= 0xF0 && b <= 0xF4) {
            needed = 3;
            low = b == 0xF0 ? 0x90 : 0x80; // F0 80..8F would be overlong
            high = b == 0xF4 ? 0x8F : 0xBF; // F4 90.. would be past U+10FFFF
        } else {
            return false; // 80..C1 cannot start a sequence (C0, C1: overlong); F5..FF are never UTF-8
        }
        return true;
    }

    /** {@code in}, checked as it is read: malformed UTF-8 fails the read with a {@link JsonParseException}. */
    static InputStream checking(InputStream in) {
        return new FilterInputStream(in) {
            private final Utf8Validator v = new Utf8Validator();
            private long offset;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    check((byte) b);
                } else if (v.needed > 0) {
                    throw new JsonParseException(null, message(offset));
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                for (int i = 0; i < n; i++) {
                    check(buf[off + i]);
                }
                if (n < 0 && v.needed > 0) {
                    throw new JsonParseException(null, message(offset));
                }
                return n;
            }

            private void check(byte b) throws JsonParseException {
                if (!v.feed(b)) {
                    throw new JsonParseException(null, message(offset));
                }
                offset++;
            }
        };
    }
}
