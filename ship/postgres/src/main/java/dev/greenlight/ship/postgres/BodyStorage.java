package dev.greenlight.ship.postgres;

import java.util.Locale;

/**
 * Whether the shipper stores each record's {@code jsonb} ({@code greenlight_records.body}) or leaves
 * it to the view {@code greenlight_records_json}, which makes it from {@code line} when queried
 * (migration {@code V4}). Either way {@code greenlight_records_json.body} holds every record's jsonb
 * (NULL only for the rare record jsonb cannot hold); what changes is when PostgreSQL pays for it.
 */
public enum BodyStorage {
    /** {@code body} is NULL in the table; the view parses {@code line} at query time. The default: shipping costs about half the CPU. */
    VIEW,
    /** {@code body} is made and stored as each record is shipped: queries read it ready-made; more CPU and disk a record. */
    STORED;

    /** The default: {@link #VIEW}. */
    public static final BodyStorage DEFAULT = VIEW;

    /** {@code stored} or {@code view} (any case); anything else is refused, naming the option. */
    public static BodyStorage parse(String value) {
        if (value != null) {
            for (BodyStorage b : values()) {
                if (b.name().equalsIgnoreCase(value.strip())) {
                    return b;
                }
            }
        }
        throw new IllegalArgumentException("--ship-db-body must be stored or view, was " + value);
    }

    /** As written on the command line: {@code view} or {@code stored}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
