package dev.greenlight.plugins.c2pa;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Parses JUMBF boxes (ISO/IEC 19566-5) from a manifest store's bytes, within {@link Limits}: every
 * length is checked against its parent before use, nesting and the number of boxes are bounded.
 * Stateless; thread-safe.
 */
final class JumbfReader {
    private JumbfReader() {
    }

    /**
     * The top-level boxes of {@code data}.
     *
     * @throws MalformedStoreException ({@code claim.malformed}) when a box is truncated, overlaps its
     *                                 parent, or a limit is exceeded
     */
    static List<JumbfBox> read(byte[] data) throws MalformedStoreException {
        return readBoxes(data, 0, data.length, 0, new int[1]);
    }

    private static List<JumbfBox> readBoxes(byte[] d, int from, int to, int depth, int[] count)
            throws MalformedStoreException {
        if (depth > Limits.MAX_JUMBF_DEPTH) {
            throw malformed("JUMBF nested deeper than " + Limits.MAX_JUMBF_DEPTH);
        }
        List<JumbfBox> boxes = new ArrayList<>();
        int pos = from;
        while (pos < to) {
            if (++count[0] > Limits.MAX_BOXES) {
                throw malformed("more than " + Limits.MAX_BOXES + " JUMBF boxes");
            }
            if (to - pos < 8) {
                throw malformed("truncated box header at " + pos);
            }
            long length = u32(d, pos);
            String type = JumbfBox.fourCc(d, pos + 4);
            int header = 8;
            if (length == 1) {
                if (to - pos < 16) {
                    throw malformed("truncated large box header at " + pos);
                }
                length = ByteBuffer.wrap(d, pos + 8, 8).getLong();
                header = 16;
            } else if (length == 0) {
                length = to - pos;
            }
            if (length < header || length > to - pos) {
                throw malformed("box " + type + " at " + pos + " claims " + length + " bytes, " + (to - pos) + " left");
            }
            int end = pos + (int) length;
            if ("jumb".equals(type)) {
                boxes.add(superbox(d, pos, header, end, depth, count));
            } else {
                boxes.add(new JumbfBox(type, d, pos, header, end, null, null, List.of()));
            }
            pos = end;
        }
        return boxes;
    }

    private static JumbfBox superbox(byte[] d, int start, int header, int end, int depth, int[] count)
            throws MalformedStoreException {
        List<JumbfBox> inner = readBoxes(d, start + header, end, depth + 1, count);
        if (inner.isEmpty() || !"jumd".equals(inner.get(0).type())) {
            throw malformed("superbox at " + start + " does not start with a description box");
        }
        JumbfBox jumd = inner.get(0);
        int p = jumd.payloadStart();
        if (jumd.end() - p < 17) {
            throw malformed("description box at " + jumd.start() + " is too short");
        }
        ByteBuffer b = ByteBuffer.wrap(d, p, 16);
        UUID uuid = new UUID(b.getLong(), b.getLong());
        int toggles = d[p + 16] & 0xff;
        String label = null;
        if ((toggles & 0x02) != 0) {
            int q = p + 17;
            while (q < jumd.end() && d[q] != 0) {
                q++;
            }
            if (q >= jumd.end()) {
                throw malformed("unterminated label in description box at " + jumd.start());
            }
            label = new String(d, p + 17, q - (p + 17), StandardCharsets.UTF_8);
        }
        return new JumbfBox("jumb", d, start, header, end, uuid, label, List.copyOf(inner.subList(1, inner.size())));
    }

    static long u32(byte[] d, int at) {
        return ((d[at] & 0xffL) << 24) | ((d[at + 1] & 0xffL) << 16) | ((d[at + 2] & 0xffL) << 8) | (d[at + 3] & 0xffL);
    }

    private static MalformedStoreException malformed(String message) {
        return new MalformedStoreException("claim.malformed", message);
    }
}
