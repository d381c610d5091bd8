package dev.greenlight.audit;

import java.nio.charset.StandardCharsets;

/**
 * A record's time or decision id read from its bytes without parsing them, to pass over lines a
 * query cannot want (the records of a time range, the records of some decisions) before paying for
 * a full parse. It relies on the canonical form (keys sorted at every depth): in a decision record
 * the first {@code "decidedAt":"} and {@code "decisionId":"} are the decision's own (in the
 * {@code decision} member, which sorts before {@code submission}; its {@code conditions}, which
 * sort before them, hold neither); in a review, appeal or fulfilment the first {@code "decisionId":"}
 * is the linked decision's, and its time member is the only one of that name. A value with an
 * escape, or a member not found, reads as unknown: the line is then parsed and checked in full. Never
 * decides what is returned, only what may be skipped. Stateless.
 */
final class QuickLook {
    private static final byte[][] TIMES = {bytes("\"decidedAt\":\""), bytes("\"reviewedAt\":\""),
        bytes("\"appealedAt\":\""), bytes("\"fulfilledAt\":\"")};
    private static final byte[] CHECKPOINT = bytes("\"type\":\"checkpoint\"");
    private static final byte[] AT = bytes("\"at\":\"");
    private static final byte[] DECISION_ID = bytes("\"decisionId\":\"");

    private QuickLook() {
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** The record's time in milliseconds ({@link RecordTime#millis}), or {@link RecordTime#UNKNOWN}. */
    static long timeMs(byte[] line) {
        String text = null;
        for (byte[] member : TIMES) {
            text = stringAfter(line, member);
            if (text != null) {
                break;
            }
        }
        if (text == null && indexOf(line, CHECKPOINT, 0) >= 0) {
            text = stringAfter(line, AT);
        }
        return text == null ? RecordTime.UNKNOWN : RecordTime.parseMillis(text);
    }

    /** The decision id the record is about, or null when it has none or it cannot be read this way. */
    static String decisionId(byte[] line) {
        return stringAfter(line, DECISION_ID);
    }

    /** The string value after the first {@code member} (which ends with the opening quote); null when absent or escaped. */
    private static String stringAfter(byte[] line, byte[] member) {
        int at = indexOf(line, member, 0);
        if (at < 0) {
            return null;
        }
        int start = at + member.length;
        for (int i = start; i < line.length; i++) {
            if (line[i] == '"') {
                return new String(line, start, i - start, StandardCharsets.UTF_8);
            }
            if (line[i] == '\\') {
                return null;
            }
        }
        return null;
    }

    private static int indexOf(byte[] a, byte[] needle, int from) {
        byte first = needle[0];
        for (int i = from; i <= a.length - needle.length; i++) {
            if (a[i] != first) {
                continue;
            }
            int j = 1;
            while (j < needle.length && a[i + j] == needle[j]) {
                j++;
            }
            if (j == needle.length) {
                return i;
            }
        }
        return -1;
    }
}
