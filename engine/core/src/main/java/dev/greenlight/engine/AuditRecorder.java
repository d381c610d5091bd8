package dev.greenlight.engine;

import dev.greenlight.audit.AuditBatch;
import dev.greenlight.audit.AuditLog;
import dev.greenlight.model.Decision;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The recorder of an engine with an audit log: each decision is appended (durable as the log's
 * durability says) before anyone hears of it; a batch is appended with one commit. A failed append
 * is told to the listeners and thrown; the decision is then not published.
 */
final class AuditRecorder implements Recorder {
    private final AuditLog log;
    private final Publisher publisher;
    private final LongSupplier ticker;
    private final RecordedListeners recorded;

    AuditRecorder(AuditLog log, Publisher publisher, LongSupplier ticker, RecordedListeners recorded) {
        this.recorded = recorded;
        this.log = log;
        this.publisher = publisher;
        this.ticker = ticker;
    }

    @Override
    public Decision record(Decided d) {
        long t0 = ticker.getAsLong();
        long seq;
        try {
            seq = log.append(d.decision(), d.submission(), d.shadow());
        } catch (RuntimeException e) {
            publisher.listeners().decisionFailed(d.submission(), e);
            throw e;
        }
        publisher.listeners().auditAppended(ticker.getAsLong() - t0);
        recorded.recorded(seq, d.decision(), d.submission());
        publisher.publish(d);
        return d.decision();
    }

    @Override
    public Batch batch() {
        AuditBatch records = log.batch(); // serialised on another core as decisions are added
        List<Decided> batch = new ArrayList<>();
        return new Batch() {
            @Override
            public void add(Decided d) {
                batch.add(d);
                records.add(d.decision(), d.submission(), d.shadow());
            }

            @Override
            public List<Decision> commit() {
                if (!batch.isEmpty()) {
                    long t0 = ticker.getAsLong();
                    long[] seqs;
                    try {
                        seqs = records.commit();
                    } catch (RuntimeException e) {
                        batch.forEach(d -> publisher.listeners().decisionFailed(d.submission(), e));
                        throw e;
                    }
                    publisher.listeners().auditAppended(ticker.getAsLong() - t0);
                    for (int i = 0; i < seqs.length; i++) {
                        recorded.recorded(seqs[i], batch.get(i).decision(), batch.get(i).submission());
                    }
                }
                batch.forEach(publisher::publish);
                return batch.stream().map(Decided::decision).toList();
            }
        };
    }

    @Override
    public Optional<AuditLog> log() {
        return Optional.of(log);
    }

    @Override
    public void close() {
        log.close();
    }
}
