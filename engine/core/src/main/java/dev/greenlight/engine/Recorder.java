package dev.greenlight.engine;

import dev.greenlight.audit.AuditLog;
import dev.greenlight.model.Decision;
import java.util.List;
import java.util.Optional;

/**
 * Makes decisions final: records them (or not) and then publishes them. The one place where a
 * decision meets the audit log, so that "decide, then record, then tell" is written once for a
 * single decision and once for a batch. The durability of a record (each forced to disk, group
 * commit, or none) is the audit log's setting, not the recorder's.
 *
 * <p>Implementations are thread-safe. A decision that cannot be recorded is never published and
 * never returned: {@link #record} throws {@link dev.greenlight.audit.AuditException}.
 */
interface Recorder extends AutoCloseable {
    /** Records {@code d} (durable before this returns, when there is a log), then publishes it. */
    Decision record(Decided d);

    /** A batch that is recorded with one durable commit; its records may be prepared as decisions are added. */
    Batch batch();

    /** The audit log, when this recorder keeps one. */
    Optional<AuditLog> log();

    @Override
    void close();

    /** Decisions added one by one and made final together. Not thread-safe. */
    interface Batch {
        void add(Decided d);

        /** Records every decision added (one commit), then publishes them in order; all or none. */
        List<Decision> commit();
    }

    /** Records nothing: decisions are published as they are made (dry runs, explain, tests). */
    static Recorder none(Publisher publisher) {
        return new NoRecorder(publisher);
    }

    /** Records every decision in {@code log} before publishing it; closes the log when closed. */
    static Recorder audit(AuditLog log, Publisher publisher, java.util.function.LongSupplier ticker,
                          RecordedListeners recorded) {
        return new AuditRecorder(log, publisher, ticker, recorded);
    }
}
