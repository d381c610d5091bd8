package dev.greenlight.audit;

/**
 * Where an {@link AuditShipper} copies a log's records: a database, a topic. Called from the
 * shipper's one thread, batch after batch, in log order.
 */
public interface ShipTarget extends AutoCloseable {

    /** A short name for logs, metrics and readiness, e.g. {@code postgres}. */
    String name();

    /**
     * Stores one batch of records of the log {@code logId}, in sequence order. Throws when the store
     * cannot take them now (it is down): the shipper offers the same records again, with backoff, so
     * a target must be idempotent by (log id, seq): a record may come again after a crash between
     * storing a batch and the shipper saving its cursor.
     */
    void write(String logId, java.util.List<ShippedRecord> batch) throws Exception;

    /** Releases connections; the default does nothing. */
    @Override
    default void close() throws Exception {
    }
}
