package dev.greenlight.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * When a record says it happened: a decision's {@code decidedAt}, a review's {@code reviewedAt}, an
 * appeal's {@code appealedAt}, a fulfilment's {@code fulfilledAt}, a checkpoint's {@code at}. The
 * index by time ({@link SegmentIndex}) and the reader of a time range ({@link TimeRangeReader})
 * both take a record's time from here, so they agree on it. Stateless.
 */
final class RecordTime {
    /** A time that could not be read: the index treats its record as possibly in any range. */
    static final long UNKNOWN = Long.MIN_VALUE;

    private RecordTime() {
    }

    /** The member of a record's {@code type} object that holds its time, or null for a type without one. */
    static String member(String type) {
        return switch (type) {
            case AuditRecordFormat.DECISION -> "decidedAt";
            case AuditRecordFormat.REVIEW -> "reviewedAt";
            case AuditRecordFormat.APPEAL -> "appealedAt";
            case AuditRecordFormat.FULFILMENT -> "fulfilledAt";
            case AuditRecordFormat.CHECKPOINT -> "at";
            default -> null;
        };
    }

    /** The record's time, or null when it has none that parses. */
    static Instant of(AuditRecord rec) {
        String name = member(rec.type());
        if (name == null) {
            return null;
        }
        com.fasterxml.jackson.databind.JsonNode t = rec.tree().path(rec.type()).path(name);
        return t.isTextual() ? parse(t.asText()) : null;
    }

    /**
     * Milliseconds of an instant as the log writes them ({@code 2026-01-06T00:00:01Z}, or with a
     * fraction of a second), read without building an {@link Instant}; other forms go through
     * {@link #parse}. {@link #UNKNOWN} when it is not a time.
     */
    static long parseMillis(String text) {
        int n = text.length();
        if (n >= 20 && text.charAt(4) == '-' && text.charAt(7) == '-' && text.charAt(10) == 'T' && text.charAt(13) == ':'
                && text.charAt(16) == ':' && text.charAt(n - 1) == 'Z') {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 7);
            int day = digits(text, 8, 10);
            int hour = digits(text, 11, 13);
            int minute = digits(text, 14, 16);
            int second = digits(text, 17, 19);
            int millis = 0;
            boolean ok = year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour >= 0 && hour <= 23
                    && minute >= 0 && minute <= 59 && second >= 0 && second <= 59;
            if (ok && n > 20) {
                ok = text.charAt(19) == '.' && n - 21 >= 1 && n - 21 <= 9;
                for (int i = 20; ok && i < n - 1; i++) {
                    char c = text.charAt(i);
                    ok = c >= '0' && c <= '9';
                    if (ok && i < 23) {
                        millis = millis * 10 + (c - '0');
                    }
                }
                for (int i = Math.min(n - 1, 23); ok && i < 23; i++) {
                    millis *= 10; // fewer than three digits: .5 is 500 ms
                }
            } else if (ok && text.charAt(19) != 'Z') {
                ok = false;
            }
            if (ok && day <= java.time.YearMonth.of(year, month).lengthOfMonth()) {
                long days = java.time.LocalDate.of(year, month, day).toEpochDay();
                return ((days * 24 + hour) * 60 + minute) * 60_000L + second * 1000L + millis;
            }
        }
        return millis(parse(text));
    }

    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** An RFC 3339 instant, or null. */
    static Instant parse(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Milliseconds since the epoch, rounded down (so a range test on them never drops a record that is in range). */
    static long millis(Instant at) {
        if (at == null) {
            return UNKNOWN;
        }
        try {
            return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1000L), at.getNano() / 1_000_000); // nanos >= 0: a floor
        } catch (ArithmeticException e) {
            return UNKNOWN; // a time beyond what a long of milliseconds holds: treated as unknown, so read
        }
    }
}
