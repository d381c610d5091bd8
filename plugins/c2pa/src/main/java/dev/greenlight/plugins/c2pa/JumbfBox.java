package dev.greenlight.plugins.c2pa;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * One JUMBF box (ISO/IEC 19566-5) inside a manifest store's bytes. Immutable view: the bytes are
 * shared with the store and never written.
 *
 * <p>A superbox ({@code jumb}) has a {@link #typeUuid() type} and {@link #label() label} from its
 * description box and {@link #children() children} (its content boxes, the description box left
 * out); any other box has neither ({@code null} type and label, no children).
 *
 * @param type         the four-character box type, e.g. {@code jumb}, {@code cbor}, {@code json}
 * @param data         the whole store the box lies in
 * @param start        offset of the box header in {@code data}
 * @param headerLength 8, or 16 for a box with a 64-bit length
 * @param end          offset just past the box
 * @param typeUuid     a superbox's content type; {@code null} for other boxes
 * @param label        a superbox's label; {@code null} when it has none
 * @param children     a superbox's content boxes; empty for other boxes
 */
record JumbfBox(String type, byte[] data, int start, int headerLength, int end, UUID typeUuid, String label,
                List<JumbfBox> children) {

    /** Offset of the box's payload (after its header). */
    int payloadStart() {
        return start + headerLength;
    }

    /** A copy of the payload: for a content box its content, for a superbox its description and content boxes. */
    byte[] payload() {
        return Arrays.copyOfRange(data, payloadStart(), end);
    }

    boolean isSuperbox() {
        return typeUuid != null;
    }

    /** The first child superbox with this label, or {@code null}. */
    JumbfBox child(String childLabel) {
        for (JumbfBox c : children) {
            if (childLabel.equals(c.label)) {
                return c;
            }
        }
        return null;
    }

    /** The first child content box of this type ({@code cbor}, {@code json}...), or {@code null}. */
    JumbfBox content(String contentType) {
        for (JumbfBox c : children) {
            if (contentType.equals(c.type) && !c.isSuperbox()) {
                return c;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return type + (label != null ? "[" + label + "]" : "") + "@" + start + "+" + (end - start);
    }

    static String fourCc(byte[] b, int at) {
        return new String(b, at, 4, StandardCharsets.ISO_8859_1);
    }
}
