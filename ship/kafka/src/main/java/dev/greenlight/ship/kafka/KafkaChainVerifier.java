package dev.greenlight.ship.kafka;

import dev.greenlight.audit.AuditException;
import dev.greenlight.audit.AuditRecord;
import dev.greenlight.audit.ChainVerifier;
import dev.greenlight.audit.VerifyOptions;
import dev.greenlight.audit.VerifyResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.TreeMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows each log's chain across a topic: reads every partition from its beginning to the end it
 * had when the check began (no consumer group, nothing committed), groups messages by key (log id),
 * drops repeats of a (log id, seq) already seen (at-least-once delivery) after checking that they
 * carry the same record, and feeds each log's records in sequence order to the audit log's own
 * per-record checks ({@link ChainVerifier}). A log's records are in one partition, in order, except
 * after a failed send: part of the failed batch may land before the whole batch is sent again, so a
 * later record can come before an earlier one's resend. Such records are held (up to
 * {@link #MAX_AHEAD} per log) until the chain reaches them; a record that never comes is reported
 * missing. Consumers of the topic do the same: de-duplicate by (log id, seq) and order by seq.
 * Stateless; one consumer per call.
 */
public final class KafkaChainVerifier {
    private static final Path SOURCE = Path.of("kafka");
    /** Records of one log held while an earlier one has not come yet; more means it is missing. */
    static final int MAX_AHEAD = 100_000;

    private KafkaChainVerifier() {
    }

    /** What one log's check found; {@code repeats} counts messages dropped as repeats. */
    public record LogResult(String logId, VerifyResult result, long repeats) {
        public String describe() {
            String name = "log " + logId.substring(0, Math.min(16, logId.length())) + "…";
            if (result.intact()) {
                return name + ": intact, " + result.records() + " records (" + result.decisions() + " decisions, "
                        + result.reviews() + " reviews) and " + result.checkpoints() + " checkpoints ("
                        + result.signedCheckpoints() + " signed), last seq " + result.lastSeq() + ", " + repeats
                        + " repeated messages dropped";
            }
            return name + ": record seq " + result.badSeq() + ": " + result.problem() + " (" + result.records()
                    + " records before it are intact)";
        }
    }

    /** One log being followed. */
    private static final class Chain {
        final ChainVerifier verifier;
        /** The hash of each record accepted, by seq - 1, to check repeats against. */
        final List<byte[]> hashes = new ArrayList<>();
        /** Records that came before an earlier one (a resent batch after a failed one that partly landed), by seq. */
        final TreeMap<Long, AuditRecord> ahead = new TreeMap<>();
        final Map<Long, byte[]> aheadLines = new HashMap<>();
        long repeats;
        String problem;
        long problemSeq;

        Chain(VerifyOptions options) {
            verifier = new ChainVerifier(options);
        }

        void accept(byte[] line) {
            if (problem != null || verifier.problem() != null) {
                return;
            }
            AuditRecord rec;
            try {
                rec = AuditRecord.fromLine(line, SOURCE, 0);
            } catch (AuditException e) {
                verifier.accept(line); // not sound: the chain check names the problem
                return;
            }
            long seq = rec.seq();
            if (seq >= 1 && seq <= verifier.lastSeq()) {
                repeatOf(seq, HexFormat.of().formatHex(hashes.get((int) (seq - 1))), rec);
                return;
            }
            if (seq > verifier.lastSeq() + 1) {
                AuditRecord earlier = ahead.get(seq);
                if (earlier != null) {
                    repeatOf(seq, earlier.hash(), rec);
                } else if (ahead.size() >= MAX_AHEAD) {
                    problem = "record seq " + (verifier.lastSeq() + 1) + " is missing: " + MAX_AHEAD
                            + " later records came first";
                    problemSeq = verifier.lastSeq() + 1;
                } else {
                    ahead.put(seq, rec);
                    aheadLines.put(seq, line);
                }
                return;
            }
            follow(line);
            while (verifier.problem() == null && !ahead.isEmpty() && ahead.firstKey() == verifier.lastSeq() + 1) {
                long next = ahead.pollFirstEntry().getKey();
                follow(aheadLines.remove(next));
            }
        }

        private void follow(byte[] line) {
            if (verifier.accept(line)) {
                hashes.add(HexFormat.of().parseHex(verifier.lastHash()));
            }
        }

        private void repeatOf(long seq, String firstHash, AuditRecord rec) {
            if (!firstHash.equals(rec.hash())) {
                problem = "a repeated message for seq " + seq + " carries another record than the first (hash "
                        + rec.hash() + " after " + firstHash + "): the topic holds two versions of this record";
                problemSeq = seq;
                return;
            }
            repeats++;
        }

        VerifyResult finish() {
            if (problem == null && verifier.problem() == null && !ahead.isEmpty()) {
                problem = "record seq " + (verifier.lastSeq() + 1) + " is missing from the topic (records "
                        + ahead.firstKey() + " to " + ahead.lastKey() + " are there)";
                problemSeq = verifier.lastSeq() + 1;
            }
            VerifyResult r = verifier.finish();
            if (problem == null) {
                return r;
            }
            return new VerifyResult(false, r.records(), r.decisions(), r.reviews(), r.checkpoints(), r.signedCheckpoints(),
                    r.lastSeq(), r.lastHash(), 0, null, problemSeq, 0, problemSeq, problem, false, List.of());
        }
    }

    /**
     * Checks every log in {@code topic}. Saved checkpoints in {@code options} apply to the log they name.
     *
     * @param extra more consumer settings (security); a group is not used
     */
    public static List<LogResult> verify(String bootstrap, String topic, VerifyOptions options, Map<String, String> extra) {
        Properties p = new Properties();
        p.putAll(extra);
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        p.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        Map<String, Chain> chains = new LinkedHashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                throw new IllegalArgumentException("topic " + topic + " does not exist (or has no partitions)");
            }
            for (PartitionInfo i : infos) {
                parts.add(new TopicPartition(topic, i.partition()));
            }
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts, Duration.ofSeconds(30));
            while (!done(consumer, end)) {
                for (ConsumerRecord<String, byte[]> rec : consumer.poll(Duration.ofMillis(500))) {
                    if (rec.offset() >= end.get(new TopicPartition(rec.topic(), rec.partition()))) {
                        continue; // written after the check began
                    }
                    String logId = rec.key() == null ? "(no key)" : rec.key();
                    chains.computeIfAbsent(logId, id -> new Chain(forLog(options, id))).accept(rec.value());
                }
            }
        }
        List<LogResult> out = new ArrayList<>();
        chains.forEach((id, c) -> {
            VerifyResult r = c.finish();
            if (r.intact() && !id.equals(c.verifier.logId())) {
                r = new VerifyResult(false, r.records(), r.decisions(), r.reviews(), r.checkpoints(), r.signedCheckpoints(),
                        r.lastSeq(), r.lastHash(), 0, null, 1, 0, 1, "the messages' key is not the hash of the log's record 1",
                        false, List.of());
            }
            out.add(new LogResult(id, r, c.repeats));
        });
        return out;
    }

    private static boolean done(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static VerifyOptions forLog(VerifyOptions options, String logId) {
        return new VerifyOptions(options.keys(), options.checkpoints().stream()
                .filter(s -> s.checkpoint().log().equals(logId)).toList(), false, options.strict(), options.chainOnly());
    }

}
