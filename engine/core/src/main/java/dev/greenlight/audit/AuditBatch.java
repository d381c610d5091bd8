package dev.greenlight.audit;

import dev.greenlight.model.Decision;
import dev.greenlight.model.ShadowVerdict;
import dev.greenlight.model.Submission;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Decision records for one durable commit ({@link AuditLog#batch()}), serialised while the caller
 * goes on deciding: every {@value #CHUNK} records added become a task for another core, so a batch
 * costs its caller little more than the decisions. {@link #commit} serialises what no other thread
 * has started, in the caller's thread (a busy pool only slows the batch down, never stalls it), then
 * commits all records as one request: together, in the order added, with one fsync.
 *
 * <p>For one thread: add, then commit once.
 */
public final class AuditBatch {
    /** Records serialised per task: enough to outweigh handing the task over. */
    static final int CHUNK = 32;

    private final AuditLog log;
    private final Executor executor;
    private final List<Pending.Entry> entries = new ArrayList<>();
    private final List<Chunk> chunks = new ArrayList<>();
    private final List<Decision> decisions = new ArrayList<>(CHUNK);
    private final List<Submission> submissions = new ArrayList<>(CHUNK);
    private final List<ShadowVerdict> shadows = new ArrayList<>(CHUNK);
    private boolean committed;

    AuditBatch(AuditLog log, Executor executor) {
        this.log = log;
        this.executor = executor;
    }

    /** Adds a decision's record ({@code shadow}: what shadow rules decided beside it, or {@code null}). */
    public void add(Decision decision, Submission submission, ShadowVerdict shadow) {
        if (committed) {
            throw new IllegalStateException("audit batch already committed");
        }
        decisions.add(Objects.requireNonNull(decision, "decision"));
        submissions.add(Objects.requireNonNull(submission, "submission"));
        shadows.add(shadow);
        if (decisions.size() == CHUNK) {
            schedule();
        }
    }

    /** How many records were added. */
    public int size() {
        return chunks.size() * CHUNK + decisions.size();
    }

    /**
     * Commits every record added and returns once all are durable.
     *
     * @return the records' sequence numbers, in the order added
     * @throws AuditException when the records could not be made durable: none may then be acknowledged
     */
    public long[] commit() {
        if (committed) {
            throw new IllegalStateException("audit batch already committed");
        }
        committed = true;
        if (!decisions.isEmpty()) {
            Chunk last = new Chunk(List.copyOf(decisions), List.copyOf(submissions), new ArrayList<>(shadows));
            chunks.add(last);
        }
        for (Chunk c : chunks) {
            c.run(); // serialises here what no pool thread has started
        }
        for (Chunk c : chunks) {
            try {
                entries.addAll(c.done.join());
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        return log.commit(entries);
    }

    private void schedule() {
        Chunk c = new Chunk(List.copyOf(decisions), List.copyOf(submissions), new ArrayList<>(shadows));
        decisions.clear();
        submissions.clear();
        shadows.clear();
        chunks.add(c);
        executor.execute(c);
    }

    /** Serialises its records once, in whichever thread runs it first. */
    private final class Chunk implements Runnable {
        final List<Decision> decisions;
        final List<Submission> submissions;
        final List<ShadowVerdict> shadows;
        final AtomicBoolean claimed = new AtomicBoolean();
        final CompletableFuture<List<Pending.Entry>> done = new CompletableFuture<>();

        Chunk(List<Decision> decisions, List<Submission> submissions, List<ShadowVerdict> shadows) {
            this.decisions = decisions;
            this.submissions = submissions;
            this.shadows = shadows;
        }

        @Override
        public void run() {
            if (!claimed.compareAndSet(false, true)) {
                return;
            }
            try {
                List<Pending.Entry> out = new ArrayList<>(decisions.size());
                for (int i = 0; i < decisions.size(); i++) {
                    out.add(log.decisionRecord(decisions.get(i), submissions.get(i), shadows.get(i)));
                }
                done.complete(out);
            } catch (RuntimeException | Error e) {
                done.completeExceptionally(e);
            }
        }
    }
}
