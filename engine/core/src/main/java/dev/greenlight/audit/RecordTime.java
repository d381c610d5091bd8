package dev.greenlight.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * When a record says it happened: a decision's {@code decidedAt}, a review's {@code reviewedAt}, an
 * appeal's {@code appealedAt}, a fulfilment's {@code fulfilledAt}, a checkpoint's {@code at}. The
 * index by time ({@link SegmentIndex}) and the reader of a time range ({@link LogIndex#inTimeRange})
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
