package dev.greenlight.ship.kafka;

/**
 * What a Greenlight record on Kafka carries, for consumers. Key: the log id (hash of the log's first
 * record; one log, one partition, in order). Value: the record's exact line bytes (its hash can be
 * recomputed: SHA-256 of the line up to {@code ,"hash":} followed by {@code '}'}). Headers below.
 * Delivery is at least once: de-duplicate by (key, {@link #SEQ}); two messages with the same pair
 * carry the same bytes (verified by {@code greenlight audit verify --kafka}).
 */
public final class KafkaHeaders {
    /** The record's sequence number in its log, decimal ASCII. */
    public static final String SEQ = "greenlight-seq";
    /** {@code decision}, {@code review} or {@code checkpoint}. */
    public static final String TYPE = "greenlight-type";
    /** The record's hash, 64 hex digits. */
    public static final String HASH = "greenlight-hash";

    private KafkaHeaders() {
    }
}
