package dev.greenlight.audit;

import java.util.Objects;

/**
 * One record as an {@link AuditShipper} hands it to a {@link ShipTarget}: the exact bytes of its
 * line (without the newline, so its hash can be recomputed wherever it is stored) and the record as
 * read, for the columns a target indexes.
 *
 * @param line   the record's line exactly as in the log; must not be changed
 * @param record the record parsed ({@link AuditRecord#decisionId()}, {@link AuditRecord#verdict()}, …)
 */
public record ShippedRecord(byte[] line, AuditRecord record) {
    public ShippedRecord {
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(record, "record");
    }

    public long seq() {
        return record.seq();
    }

    public String hash() {
        return record.hash();
    }

    public String type() {
        return record.type();
    }
}
