package dev.greenlight.server.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times and durations as the pages show them: UTC to the minute, ages in the two largest units. */
final class Format {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private Format() {
    }

    static String when(Instant t) {
        return t == null ? "" : WHEN.format(t);
    }

    /** {@code 3 d 4 h}, {@code 2 h 5 min}, {@code 7 min}, {@code under a minute}; {@code —} for none. */
    static String age(Duration d) {
        if (d == null) {
            return "—";
        }
        long m = Math.max(0, d.toMinutes());
        if (m < 1) {
            return "under a minute";
        }
        long days = m / 1440;
        long hours = m % 1440 / 60;
        long mins = m % 60;
        if (days > 0) {
            return days + " d " + hours + " h";
        }
        return hours > 0 ? hours + " h " + mins + " min" : mins + " min";
    }
}
