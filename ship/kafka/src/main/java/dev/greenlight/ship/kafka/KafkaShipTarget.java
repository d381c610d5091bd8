package dev.greenlight.ship.kafka;

import dev.greenlight.audit.ShipTarget;
import dev.greenlight.audit.ShippedRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes a log's records to a Kafka topic: key = the log id (the hash of the log's first record),
 * so one log's records land in one partition, in order; value = the record's exact line bytes;
 * headers {@code greenlight-seq}, {@code greenlight-type}, {@code greenlight-hash}. The producer is
 * idempotent with {@code acks=all}; a batch counts as shipped only when every record of it is
 * acknowledged. At least once: a batch that failed part-way, or was sent just before a crash, is sent
 * again, so a consumer de-duplicates by (log id, seq) ({@link KafkaHeaders}).
 *
 * <p>Used by one shipper thread.
 */
public final class KafkaShipTarget implements ShipTarget {
    private final String topic;
    private final Properties properties;
    private final long ackTimeoutMillis;
    private KafkaProducer<String, byte[]> producer;

    /**
     * @param bootstrap {@code host:port[,host:port…]}
     * @param topic     the topic (create it with enough retention: it is a copy of the logs)
     * @param extra     more producer settings (security, client id); they cannot turn off idempotence or acks=all
     */
    public KafkaShipTarget(String bootstrap, String topic, Map<String, String> extra) {
        this.topic = Objects.requireNonNull(topic, "topic");
        Properties p = new Properties();
        p.putAll(extra);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Objects.requireNonNull(bootstrap, "bootstrap"));
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5"); // idempotence keeps order up to 5
        p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // records are a few KB: the default 16 KB producer batch held four or five, so a shipper's
        // batch of 500 went as a hundred small requests; 512 KB sends it in a few, compressed together
        p.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(512 * 1024));
        p.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        p.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        p.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        p.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "greenlight-ship");
        this.properties = p;
        this.ackTimeoutMillis = Long.parseLong(p.getProperty(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG)) + 5_000;
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public void write(String logId, List<ShippedRecord> batch) throws Exception {
        KafkaProducer<String, byte[]> p = producer();
        List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
        try {
            for (ShippedRecord r : batch) {
                ProducerRecord<String, byte[]> rec = new ProducerRecord<>(topic, logId, r.line());
                rec.headers().add(KafkaHeaders.SEQ, Long.toString(r.seq()).getBytes(StandardCharsets.US_ASCII));
                rec.headers().add(KafkaHeaders.TYPE, r.type().getBytes(StandardCharsets.US_ASCII));
                rec.headers().add(KafkaHeaders.HASH, r.hash().getBytes(StandardCharsets.US_ASCII));
                acks.add(p.send(rec));
            }
            p.flush();
            for (Future<RecordMetadata> f : acks) {
                f.get(ackTimeoutMillis, TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // a producer whose batch failed may have a broken sequence: start a fresh one (a new
            // producer id) so the batch is sent again cleanly; duplicates are what at-least-once allows
            drop();
            throw e instanceof ExecutionException x && x.getCause() instanceof Exception c ? c : e;
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    private void drop() {
        KafkaProducer<String, byte[]> p = producer;
        producer = null;
        if (p != null) {
            p.close(java.time.Duration.ZERO);
        }
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
            producer = null;
        }
    }
}
