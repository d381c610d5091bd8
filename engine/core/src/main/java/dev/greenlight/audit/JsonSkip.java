package dev.greenlight.audit;

/**
 * Steps over JSON values in UTF-8 bytes, checking their syntax, without building anything: what
 * {@link RecordSkeleton} uses to pass over a record's big members several times faster than a
 * tokenising parser. It is at least as strict as Jackson's default parser: RFC 8259's grammar,
 * well-formed UTF-8 (no over-long forms, surrogates or code points past U+10FFFF, which Jackson lets
 * through in places), no raw line feed anywhere (a log line cannot hold one), and tighter limits on
 * nesting, numbers and names. So whatever it accepts Jackson accepts too, and a caller can hand
 * anything it refuses to Jackson, for Jackson's verdict and message. Stateless.
 */
final class JsonSkip {
    /** Deeper nesting is refused (Jackson's limit is 1000). */
    static final int MAX_DEPTH = 200;
    /** Longer number tokens are refused (Jackson's limit is 1000 characters). */
    static final int MAX_NUMBER = 100;
    /** Longer member names are refused (Jackson's limit is 50,000). */
    static final int MAX_NAME = 1000;

    /** Bytes that stand for themselves inside a string: printable ASCII but {@code "} and {@code \}. */
    private static final boolean[] PLAIN = new boolean[256];

    static {
        for (int c = 0x20; c < 0x80; c++) {
            PLAIN[c] = c != '"' && c != '\\';
        }
    }

    private JsonSkip() {
    }

    /** Index of the first byte from {@code i} that is not JSON white space (a line feed is not). */
    static int space(byte[] b, int i, int end) {
        while (i < end && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r')) {
            i++;
        }
        return i;
    }

    /**
     * Index just after the value that starts at {@code i} (no white space before it), or -1 when
     * none is there, or it is not valid, or it runs past {@code end}.
     *
     * @param depth how many arrays and objects enclose the value
     */
    static int value(byte[] b, int i, int end, int depth) {
        if (i >= end) {
            return -1;
        }
        return switch (b[i]) {
            case '"' -> string(b, i, end);
            case '{' -> object(b, i, end, depth + 1);
            case '[' -> array(b, i, end, depth + 1);
            case 't' -> literal(b, i, end, 't', 'r', 'u', 'e');
            case 'f' -> i + 5 <= end && b[i + 1] == 'a' ? literal(b, i + 1, end, 'a', 'l', 's', 'e') : -1;
            case 'n' -> literal(b, i, end, 'n', 'u', 'l', 'l');
            default -> number(b, i, end);
        };
    }

    /** Index just after the string whose opening quote is at {@code i}, or -1. */
    static int string(byte[] b, int i, int end) {
        i++;
        while (true) {
            while (i < end && PLAIN[b[i] & 0xFF]) {
                i++;
            }
            if (i >= end) {
                return -1;
            }
            int c = b[i] & 0xFF;
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\') {
                i = escape(b, i, end);
            } else if (c < 0x20) {
                return -1; // a raw control character
            } else {
                i = utf8(b, i, end, c);
            }
            if (i < 0) {
                return -1;
            }
        }
    }

    private static int escape(byte[] b, int i, int end) {
        if (i + 1 >= end) {
            return -1;
        }
        switch (b[i + 1]) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
                return i + 2;
            }
            case 'u' -> {
                if (i + 6 > end) {
                    return -1;
                }
                for (int k = i + 2; k < i + 6; k++) {
                    if (Character.digit(b[k], 16) < 0) {
                        return -1;
                    }
                }
                return i + 6;
            }
            default -> {
                return -1;
            }
        }
    }

    /** Index after the multi-byte UTF-8 sequence whose lead byte {@code c} is at {@code i}, or -1. */
    private static int utf8(byte[] b, int i, int end, int c) {
        int more;
        int lo = 0x80;
        int hi = 0xBF; // the allowed range of the second byte (Unicode table 3-7)
        if (c >= 0xC2 && c <= 0xDF) {
            more = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            more = 2;
            lo = c == 0xE0 ? 0xA0 : 0x80;
            hi = c == 0xED ? 0x9F : 0xBF;
        } else if (c >= 0xF0 && c <= 0xF4) {
            more = 3;
            lo = c == 0xF0 ? 0x90 : 0x80;
            hi = c == 0xF4 ? 0x8F : 0xBF;
        } else {
            return -1;
        }
        if (i + more >= end) {
            return -1;
        }
        int second = b[i + 1] & 0xFF;
        if (second < lo || second > hi) {
            return -1;
        }
        for (int k = i + 2; k <= i + more; k++) {
            if ((b[k] & 0xC0) != 0x80) {
                return -1;
            }
        }
        return i + more + 1;
    }

    private static int object(byte[] b, int i, int end, int depth) {
        if (depth > MAX_DEPTH) {
            return -1;
        }
        i = space(b, i + 1, end);
        if (i < end && b[i] == '}') {
            return i + 1;
        }
        while (true) {
            if (i >= end || b[i] != '"') {
                return -1;
            }
            int name = i;
            i = string(b, i, end);
            if (i < 0 || i - name - 2 > MAX_NAME) {
                return -1;
            }
            i = space(b, i, end);
            if (i >= end || b[i] != ':') {
                return -1;
            }
            i = value(b, space(b, i + 1, end), end, depth);
            if (i < 0) {
                return -1;
            }
            i = space(b, i, end);
            if (i >= end) {
                return -1;
            }
            if (b[i] == '}') {
                return i + 1;
            }
            if (b[i] != ',') {
                return -1;
            }
            i = space(b, i + 1, end);
        }
    }

    private static int array(byte[] b, int i, int end, int depth) {
        if (depth > MAX_DEPTH) {
            return -1;
        }
        i = space(b, i + 1, end);
        if (i < end && b[i] == ']') {
            return i + 1;
        }
        while (true) {
            i = value(b, i, end, depth);
            if (i < 0) {
                return -1;
            }
            i = space(b, i, end);
            if (i >= end) {
                return -1;
            }
            if (b[i] == ']') {
                return i + 1;
            }
            if (b[i] != ',') {
                return -1;
            }
            i = space(b, i + 1, end);
        }
    }

    private static int literal(byte[] b, int i, int end, char c0, char c1, char c2, char c3) {
        return i + 4 <= end && b[i] == c0 && b[i + 1] == c1 && b[i + 2] == c2 && b[i + 3] == c3 ? i + 4 : -1;
    }

    /** {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}, at most {@link #MAX_NUMBER} bytes. */
    static int number(byte[] b, int i, int end) {
        int start = i;
        if (i < end && b[i] == '-') {
            i++;
        }
        if (i < end && b[i] == '0') {
            i++;
        } else if (i < end && b[i] >= '1' && b[i] <= '9') {
            i = digits(b, i, end);
        } else {
            return -1;
        }
        if (i < end && b[i] == '.') {
            int from = i + 1;
            i = digits(b, from, end);
            if (i == from) {
                return -1;
            }
        }
        if (i < end && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (i < end && (b[i] == '+' || b[i] == '-')) {
                i++;
            }
            int from = i;
            i = digits(b, from, end);
            if (i == from) {
                return -1;
            }
        }
        return i - start <= MAX_NUMBER ? i : -1;
    }

    private static int digits(byte[] b, int i, int end) {
        while (i < end && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        return i;
    }
}
