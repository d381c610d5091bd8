package dev.greenlight.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.json.BoundedLineReader;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The log scan's line reader ({@link SegmentLines}: lines left in its buffer, newlines found eight
 * bytes at a time) splits, counts and bounds lines exactly as {@link BoundedLineReader} does, which
 * the rest of the log's readers use: same lines, numbers, offsets, overlong and torn-tail flags.
 */
class SegmentLinesTest {

    @Test
    void sameLinesAsTheBoundedReader_onRandomInput_withLongLines_emptyLines_andTornTails() throws IOException {
        Random random = new Random(18);
        for (int n = 0; n < 400; n++) {
            byte[] input = new byte[random.nextInt(n < 300 ? 600 : 40_000)];
            for (int i = 0; i < input.length; i++) {
                input[i] = random.nextInt(12) == 0 ? (byte) '\n' : (byte) ('a' + random.nextInt(26));
            }
            if (n % 7 == 0 && input.length > 100) {
                Arrays.fill(input, 10, 90, (byte) 'x'); // one line longer than a small limit
            }
            int max = n % 3 == 0 ? 50 : n % 3 == 1 ? 5_000 : LogScan.MAX_RECORD_BYTES;
            assertSameLines(input, max, n % 2 == 0);
        }
    }

    @Test
    void aLineLongerThanTheLimit_isSkipped_whetherOrNotItEnds() throws IOException {
        byte[] longLine = new byte[3 << 20];
        Arrays.fill(longLine, (byte) 'y');
        byte[] input = concat("first\n".getBytes(), longLine, "\nlast\n".getBytes());
        assertSameLines(input, 1 << 20, false);
        assertSameLines(concat("first\n".getBytes(), longLine), 1 << 20, true);
        assertSameLines(input, 4 << 20, true); // a long line within the limit: the buffer grows
    }

    @Test
    void findsNewlinesAtEveryPlaceInAWord() {
        for (int len = 0; len < 40; len++) {
            for (int at = 0; at < len; at++) {
                byte[] b = new byte[len];
                Arrays.fill(b, (byte) 'a');
                b[at] = '\n';
                for (int from = 0; from <= at; from++) {
                    assertThat(SegmentLines.indexOfNewline(b, from, len)).isEqualTo(at);
                }
                assertThat(SegmentLines.indexOfNewline(b, at + 1, len)).isEqualTo(-1);
            }
        }
        byte[] highBytes = new byte[16];
        Arrays.fill(highBytes, (byte) 0x8A); // 0x0A with the high bit: no newline
        highBytes[13] = '\n';
        assertThat(SegmentLines.indexOfNewline(highBytes, 0, 16)).isEqualTo(13);
    }

    /** Reads {@code input} with both readers (the stream giving it in small pieces when asked) and compares. */
    private static void assertSameLines(byte[] input, int max, boolean dribble) throws IOException {
        BoundedLineReader expected = new BoundedLineReader(new ByteArrayInputStream(input), max);
        SegmentLines actual = new SegmentLines(dribble ? dribbling(input) : new ByteArrayInputStream(input), max);
        int lines = 0;
        while (true) {
            byte[] e = expected.next();
            boolean more = actual.advance();
            assertThat(more).as("line %d exists in both", lines + 1).isEqualTo(e != null);
            if (e == null) {
                return;
            }
            lines++;
            byte[] a = Arrays.copyOfRange(actual.buffer(), actual.start(), actual.start() + actual.length());
            assertThat(a).as("line %d", lines).isEqualTo(e);
            assertThat(actual.lineNumber()).isEqualTo(expected.lineNumber());
            assertThat(actual.lineOffset()).isEqualTo(expected.lineOffset());
            assertThat(actual.overlong()).isEqualTo(expected.overlong());
            assertThat(actual.terminated()).isEqualTo(expected.terminated());
        }
    }

    private static InputStream dribbling(byte[] input) {
        Random random = new Random(input.length);
        return new FilterInputStream(new ByteArrayInputStream(input)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1 + random.nextInt(300)));
            }
        };
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
