package dev.greenlight.plugins.c2pa;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * ISO BMFF box headers (size, type, 64-bit large size, size 0 = to the end), read within
 * {@link Limits}. Stateless; thread-safe.
 */
final class BmffBoxes {
    private BmffBoxes() {
    }

    /**
     * One box: its type, where it starts and ends, and its header length.
     *
     * @param type   four-character type
     * @param start  offset of the header
     * @param header header length (8, or 16 with a large size; a {@code uuid} box's 16-byte user type
     *               is part of the payload here)
     * @param end    offset just past the box
     */
    record Box(String type, long start, int header, long end) {
        long size() {
            return end - start;
        }

        long payloadStart() {
            return start + header;
        }
    }

    /** The top-level boxes of the file; a damaged box ends the list there. */
    static List<Box> topLevel(ByteBuffer f) {
        return children(f, 0, f.limit());
    }

    /** The boxes between {@code from} and {@code to}; a damaged box ends the list there. */
    static List<Box> children(ByteBuffer f, long from, long to) {
        List<Box> boxes = new ArrayList<>();
        long pos = from;
        while (pos + 8 <= to && boxes.size() < Limits.MAX_CONTAINER_UNITS) {
            long size = f.getInt((int) pos) & 0xffffffffL;
            String type = StoreLocator.ascii(f, (int) pos + 4, 4);
            int header = 8;
            if (size == 1) {
                if (pos + 16 > to) {
                    break;
                }
                size = f.getLong((int) pos + 8);
                header = 16;
            } else if (size == 0) {
                size = to - pos;
            }
            if (size < header || size > to - pos) {
                break;
            }
            boxes.add(new Box(type, pos, header, pos + size));
            pos += size;
        }
        return boxes;
    }
}
