package dev.greenlight.audit;

import dev.greenlight.model.Decision;
import dev.greenlight.model.Fulfilment;
import dev.greenlight.model.ShadowVerdict;
import dev.greenlight.model.Submission;
import dev.greenlight.model.Verdict;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only, hash-chained log of decisions and reviews, in segment files, with checkpoints
 * (format: {@link AuditRecordFormat}; files: engine/core/AUDIT-LOG.md).
 *
 * <p>{@link #append} returns only once the record is durable as {@link Durability} says (by default
 * a group commit: concurrent appends share one fsync). When a write or an fsync fails the log stops
 * accepting records for good, and every append, then and later, throws {@link AuditException}: a
 * decision that cannot be recorded is never acknowledged. Opening recovers the log (a torn tail is
 * cut off and kept aside) or refuses a damaged one, naming file, offset and sequence number. One
 * process writes a log at a time ({@code B.lock}).
 *
 * <p>Thread-safe. Redacting and serialising ({@code RecordContent}) happen in the calling thread; a
 * caller that finds the log idle also writes and syncs its records itself, else the writer thread
 * does, for everyone waiting at once ({@code LogWriter}). Arguments documented as required throw
 * {@link NullPointerException} when {@code null}.
 */
// Why this class is over 300 lines: it is the log's whole public face, and each part is short:
// opening (lock, recovery, writer), the ways in (append, batch, review, erase), the counters, and
// closing (drain, final checkpoint, release), with the waiting rules they share (uninterruptible,
// closed versus failed). The work behind it is in RecordContent, LogWriter, RecordEncoder and
// SegmentFiles.
public final class AuditLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("greenlight.audit");
    static final int MAX_REVIEWER = 256;
    static final int MAX_NOTE = 20_000;
    static final int MAX_EVIDENCE = 2_000;

    private final AuditConfig config;
    private final Closeable lock;
    private final LogWriter writer;
    private final Thread thread;
    private final RecordContent content;
    private final DecisionIndex index;
    private final RecoveryReport recovery;
    private final Object reviews = new Object();
    private volatile boolean closed;
    /** Builds the index of each segment once it is full, off the callers' path. */
    private final ExecutorService indexer;
    private final Map<String, Supplier<String>> sections;
    private final Map<String, String> restoredSections;

    private AuditLog(AuditConfig config, Closeable lock, LogWriter writer, DecisionIndex index, RecoveryReport recovery,
                     ExecutorService indexer, Map<String, Supplier<String>> sections, Map<String, String> restored) {
        this.indexer = indexer;
        this.sections = sections;
        this.restoredSections = restored;
        this.config = config;
        this.lock = lock;
        this.writer = writer;
        this.index = index;
        this.recovery = recovery;
        this.content = new RecordContent(config.redactions);
        this.thread = writer.thread;
        writer.start();
    }

    /** Opens (or creates) the log at {@code file} with the defaults ({@link AuditConfig#of}). */
    public static AuditLog open(Path file) {
        return open(AuditConfig.of(file));
    }

    /**
     * Opens (or creates) a log, recovering it first.
     *
     * @throws AuditException when the log is damaged, shorter than its checkpoint, locked by another
     *     writer, or cannot be opened; the message names the file, offset and sequence number
     */
    public static AuditLog open(AuditConfig config) {
        Path base = config.file;
        Closeable lock = null;
        try {
            Files.createDirectories(Segments.directory(base));
            lock = config.files.tryLock(Segments.lockFile(base));
            if (lock == null) {
                throw new AuditException("audit log " + base + " is in use by another writer (" + Segments.lockFile(base) + ")");
            }
            Recovery.State state = Recovery.recover(config);
            DecisionIndex index = new DecisionIndex();
            ExecutorService indexer = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "greenlight-audit-indexer");
                t.setDaemon(true);
                t.setPriority(Thread.MIN_PRIORITY);
                return t;
            });
            // asked at each checkpoint and each new segment; one request waiting at a time is enough
            AtomicBoolean queued = new AtomicBoolean();
            AtomicInteger indexedFull = new AtomicInteger();
            Runnable indexFull = () -> {
                if (queued.compareAndSet(false, true) && !indexer.isShutdown()) {
                    indexer.execute(() -> {
                        queued.set(false);
                        try {
                            indexedFull.set(LogIndex.indexSegments(base, indexedFull.get() + 1));
                        } catch (IOException | RuntimeException e) {
                            LOG.warn("audit log {}: cannot index its segments (lookups read them instead): {}", base, e.toString());
                        }
                    });
                }
            };
            Map<String, Supplier<String>> sections = new ConcurrentHashMap<>();
            LogWriter w;
            try {
                w = LogWriter.open(config, index, state, () -> sectionsNow(sections), indexFull);
            } catch (IOException | RuntimeException e) {
                indexer.shutdownNow();
                throw e;
            }
            indexFull.run();
            Map<String, String> restored = state.state() == null ? Map.of() : state.state().sections();
            return new AuditLog(config, lock, w, index, state.report(), indexer, sections, restored);
        } catch (IOException e) {
            closeQuietly(lock);
            throw new AuditException("cannot open audit log " + base + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(lock);
            throw e;
        }
    }

    private static Map<String, String> sectionsNow(Map<String, Supplier<String>> sections) {
        Map<String, String> out = new TreeMap<>();
        sections.forEach((name, json) -> {
            String v = json.get();
            if (v != null) {
                out.put(name, v);
            }
        });
        return out;
    }

    /**
     * Keeps a named section of derived state in the log's state file ({@code B.state}), for a part
     * that would otherwise rebuild it from the whole log when the log is opened (the review desk's
     * open cases). {@code json} is asked, in the log's writer thread, for the section's JSON text
     * each time the state file is written (at each checkpoint and on close); it must be quick, and
     * return what holds up to the records already appended. Like the rest of the state file, the
     * section is not evidence: {@link #stateSection} returns it only when the file matched the
     * chain, and anything in it must be checkable against the log.
     */
    public void keepStateSection(String name, Supplier<String> json) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(json, "json");
        sections.put(name, json);
    }

    /**
     * The section {@code name} as the state file held it when the log was opened, and as of the
     * place the file points at: records after that place (see {@link RecoveryReport#recordsRead})
     * are not reflected in it. Empty when there was none, or the state file did not match the log.
     */
    public Optional<String> stateSection(String name) {
        return Optional.ofNullable(restoredSections.get(name));
    }

    /** The log's first segment (its name). */
    public Path file() {
        return config.file;
    }

    public AuditConfig config() {
        return config;
    }

    /** What opening found and did. */
    public RecoveryReport recovery() {
        return recovery;
    }

    /**
     * Appends one decision record (redacted as configured) and returns once it is durable.
     *
     * @return the record's sequence number
     * @throws AuditException when the record could not be made durable; the decision must then not
     *     be acknowledged
     */
    public long append(Decision decision, Submission submission) {
        return append(decision, submission, null);
    }

    /**
     * As {@link #append(Decision, Submission)}, with what shadow rules decided beside the decision
     * recorded in the record's {@code shadow} member (never enforced; {@code null}: none).
     */
    public long append(Decision decision, Submission submission, ShadowVerdict shadow) {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(submission, "submission");
        return await(submit(Pending.record(decisionRecord(decision, submission, shadow))));
    }

    /**
     * A batch of decision records for one durable commit, serialised on another core while the
     * caller adds them (see {@link AuditBatch}).
     */
    public AuditBatch batch() {
        checkOpen();
        return new AuditBatch(this, ForkJoinPool.commonPool());
    }

    /** Commits prepared records as one request and returns their sequence numbers once all are durable. */
    long[] commit(List<Pending.Entry> entries) {
        if (entries.isEmpty()) {
            checkOpen();
            return new long[0];
        }
        await(submit(Pending.records(entries)));
        long[] seqs = new long[entries.size()];
        for (int i = 0; i < seqs.length; i++) {
            seqs[i] = entries.get(i).assigned;
        }
        return seqs;
    }

    /** The pending record of a decision: redacted and serialised in the calling thread. Thread-safe. */
    Pending.Entry decisionRecord(Decision decision, Submission submission, ShadowVerdict shadow) {
        return content.decision(decision, submission, shadow);
    }

    /**
     * Appends a review of a logged decision: the reviewer's verdict becomes the decision's final
     * verdict; a review of a decision already reviewed is an appeal (round 2 and on). The record links
     * to the decision's record by sequence number and hash.
     *
     * @throws IllegalArgumentException when the log holds no decision {@code decisionId}, or an
     *     argument is out of bounds (reviewer blank or over 256 characters, note over 20,000)
     * @throws AuditException when the review could not be recorded
     */
    public Review review(String decisionId, String reviewer, Verdict verdict, String note, Instant reviewedAt) {
        return review(decisionId, reviewer, verdict, note, reviewedAt, ReviewDetails.NONE);
    }

    /**
     * As {@link #review(String, String, Verdict, String, Instant)}, with the review desk's
     * {@code details} (case, queue, policy, artist message, conditions) written as optional members
     * of the record; {@link ReviewDetails#NONE} writes the record of earlier releases.
     *
     * @throws IllegalArgumentException also when the artist message is over 20,000 characters
     */
    public Review review(String decisionId, String reviewer, Verdict verdict, String note, Instant reviewedAt,
                         ReviewDetails details) {
        return review(decisionId, null, reviewer, verdict, note, reviewedAt, details);
    }

    /**
     * As {@link #review(String, String, Verdict, String, Instant, ReviewDetails)}, linking to
     * {@code known} when the log's index of recent decisions no longer holds the decision (instead of
     * reading the log to find it).
     */
    public Review review(DecisionRef known, String reviewer, Verdict verdict, String note, Instant reviewedAt,
                         ReviewDetails details) {
        return review(Objects.requireNonNull(known, "known").decisionId(), known, reviewer, verdict, note, reviewedAt,
                details);
    }

    private Review review(String decisionId, DecisionRef known, String reviewer, Verdict verdict, String note,
                          Instant reviewedAt, ReviewDetails details) {
        Objects.requireNonNull(details, "details");
        if (details.artistMessage() != null && details.artistMessage().length() > MAX_NOTE) {
            throw new IllegalArgumentException("artist message must be at most " + MAX_NOTE + " characters, was "
                    + details.artistMessage().length());
        }
        Objects.requireNonNull(decisionId, "decisionId");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reviewedAt, "reviewedAt");
        if (reviewer == null || reviewer.isBlank() || reviewer.length() > MAX_REVIEWER) {
            throw new IllegalArgumentException("reviewer must be 1 to " + MAX_REVIEWER + " characters, was: " + reviewer);
        }
        String n = note == null ? "" : note;
        if (n.length() > MAX_NOTE) {
            throw new IllegalArgumentException("review note must be at most " + MAX_NOTE + " characters, was " + n.length());
        }
        synchronized (reviews) {
            checkOpen();
            String otherLog = otherLog(known);
            // a decision in another log is linked as the caller read it: this log cannot look it up
            DecisionIndex.Entry d = otherLog != null ? entryOf(known) : decisionEntry(decisionId, known);
            int round = d.reviews() + 1;
            long seq = await(submit(Pending.record(RecordContent.review(decisionId, d.seq(), d.hash(), otherLog,
                    d.submissionId(), reviewer, verdict, d.verdict(), n, reviewedAt, round, details))));
            if (otherLog == null) {
                index.put(decisionId, new DecisionIndex.Entry(d.seq(), d.hash(), d.submissionId(), verdict, round));
            }
            return new Review(seq, decisionId, d.seq(), d.submissionId(), reviewer, verdict, d.verdict(), n, reviewedAt, round,
                    otherLog);
        }
    }

    /**
     * Appends a fulfilment of conditions of a logged conditional approval (docs/contract.md §8): each
     * condition met, with the evidence for it. The record links to the decision's record by sequence
     * number and hash. Refused, with nothing recorded, unless every condition named is one the
     * decision carries, not already fulfilled, and named once, and the decision's final verdict (after
     * any review) is still {@code APPROVE_WITH_CONDITIONS}. Reads the log to find the decision and
     * its earlier fulfilments.
     *
     * @throws IllegalArgumentException naming the problem when the fulfilment is refused, or the log
     *     holds no decision {@code decisionId}
     * @throws AuditException when the fulfilment could not be recorded
     */
    public FulfilmentRecord fulfil(String decisionId, List<Fulfilment> conditions, Instant fulfilledAt) {
        Objects.requireNonNull(decisionId, "decisionId");
        Objects.requireNonNull(fulfilledAt, "fulfilledAt");
        if (conditions == null || conditions.isEmpty()) {
            throw new IllegalArgumentException("conditions: name at least one condition that was met");
        }
        Set<String> named = new HashSet<>();
        for (int i = 0; i < conditions.size(); i++) {
            Fulfilment f = conditions.get(i);
            if (f.id().isBlank()) {
                throw new IllegalArgumentException("conditions/" + i + "/id: must not be blank");
            }
            if (f.evidence().isBlank() || f.evidence().length() > MAX_EVIDENCE) {
                throw new IllegalArgumentException("conditions/" + i + "/evidence: must be 1 to " + MAX_EVIDENCE
                        + " characters, was " + f.evidence().length());
            }
            if (!named.add(f.id())) {
                throw new IllegalArgumentException("conditions/" + i + "/id: condition " + f.id() + " is named twice");
            }
        }
        // with reviews: a review and a fulfilment of one decision must each see the other
        synchronized (reviews) {
            checkOpen();
            ConditionLedger.Tracked d = ConditionLedger.find(config.file, decisionId);
            if (d == null) {
                throw new IllegalArgumentException("audit log " + config.file + " holds no decision " + decisionId);
            }
            if (d.verdict != Verdict.APPROVE_WITH_CONDITIONS) {
                throw new IllegalArgumentException("decision " + decisionId + " is " + d.verdict
                        + ", not APPROVE_WITH_CONDITIONS: it has no conditions to fulfil");
            }
            for (int i = 0; i < conditions.size(); i++) {
                String id = conditions.get(i).id();
                if (!d.conditionIds().contains(id)) {
                    throw new IllegalArgumentException("conditions/" + i + "/id: decision " + decisionId
                            + " does not carry condition " + id + " (it carries " + d.conditionIds() + ")");
                }
                if (d.fulfilled.containsKey(id)) {
                    throw new IllegalArgumentException("conditions/" + i + "/id: condition " + id + " of decision "
                            + decisionId + " was already fulfilled (record seq " + d.fulfilled.get(id)[0] + ")");
                }
            }
            long seq = await(submit(Pending.record(RecordContent.fulfilment(decisionId, d.seq, d.hash, d.submissionId,
                    conditions, fulfilledAt))));
            return new FulfilmentRecord(seq, decisionId, d.seq, d.submissionId, conditions, fulfilledAt);
        }
    }

    /**
     * Appends an artist's appeal against a logged decision, linked to the decision's record by
     * sequence number and hash. It changes no verdict: the appeal's outcome is a later review.
     *
     * @param caseId the review desk's case the appeal opens, or null
     * @throws IllegalArgumentException when the log holds no decision {@code decisionId}, or the text
     *     is blank or over 20,000 characters
     * @throws AuditException when the appeal could not be recorded
     */
    public Appeal appeal(String decisionId, String caseId, String text, Instant appealedAt) {
        return appeal(decisionId, null, caseId, text, appealedAt);
    }

    /** As {@link #appeal(String, String, String, Instant)}, linking to {@code known} when the index no longer holds the decision. */
    public Appeal appeal(DecisionRef known, String caseId, String text, Instant appealedAt) {
        return appeal(Objects.requireNonNull(known, "known").decisionId(), known, caseId, text, appealedAt);
    }

    private Appeal appeal(String decisionId, DecisionRef known, String caseId, String text, Instant appealedAt) {
        Objects.requireNonNull(decisionId, "decisionId");
        Objects.requireNonNull(appealedAt, "appealedAt");
        if (text == null || text.isBlank() || text.length() > MAX_NOTE) {
            throw new IllegalArgumentException("appeal text must be 1 to " + MAX_NOTE + " characters");
        }
        synchronized (reviews) {
            checkOpen();
            DecisionIndex.Entry d = decisionEntry(decisionId, known);
            long seq = await(submit(Pending.record(RecordContent.appeal(decisionId, d.seq(), d.hash(), d.submissionId(),
                    caseId, text, appealedAt))));
            return new Appeal(seq, decisionId, d.seq(), d.submissionId(), caseId, text, appealedAt);
        }
    }

    /** The log {@code known} names when it is not this one (a shared review desk's link), else null. */
    private String otherLog(DecisionRef known) {
        if (known == null || known.log() == null) {
            return null;
        }
        return known.log().equals(writer.logId()) ? null : known.log();
    }

    private static DecisionIndex.Entry entryOf(DecisionRef known) {
        return new DecisionIndex.Entry(known.seq(), known.hash(), known.submissionId(), known.latestVerdict(), known.reviews());
    }

    private DecisionIndex.Entry decisionEntry(String decisionId, DecisionRef known) {
        DecisionIndex.Entry d = index.get(decisionId);
        if (d == null && known != null) {
            d = new DecisionIndex.Entry(known.seq(), known.hash(), known.submissionId(), known.latestVerdict(), known.reviews());
        }
        if (d == null) {
            d = DecisionLookup.find(config.file, decisionId);
            if (d == null) {
                throw new IllegalArgumentException("audit log " + config.file + " holds no decision " + decisionId);
            }
        }
        return d;
    }

    /**
     * Erases a text kept aside ({@link Redaction.Action#ASIDE}) from the erasable store; the chained
     * record keeps its hash.
     *
     * @return how many copies were erased (0 when the store holds no such text)
     */
    public int erase(String sha256) {
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("expected a SHA-256 in 64 lower-case hex digits, was: " + sha256);
        }
        return (int) await(enqueue(Pending.erase(sha256))).longValue();
    }

    /**
     * The log's id: the hash of its first record, which its checkpoints name as {@code log}; empty
     * while the log holds no record.
     */
    public Optional<String> logId() {
        return Optional.ofNullable(writer.logId());
    }

    /** Counters since opening. */
    public AuditStats stats() {
        return writer.stats();
    }

    /** Why the log accepts no more records (a write or fsync failed), or empty while it accepts them. */
    public Optional<AuditException> failure() {
        return Optional.ofNullable(writer.failure);
    }

    /** Requests waiting for the writer now (a gauge: grows when the disk is slower than the callers). */
    public int queueDepth() {
        return writer.queue.size();
    }

    private void checkOpen() {
        if (writer.failure != null) {
            throw writer.refusal();
        }
        if (closed) {
            throw new AuditException("audit log " + config.file + " is closed");
        }
    }

    /** Commits records in this thread when the log is idle, else queues them for the writer thread. */
    private Pending submit(Pending p) {
        checkOpen();
        return writer.tryCommit(p) ? p : enqueue(p);
    }

    private Pending enqueue(Pending p) {
        checkOpen();
        writer.queue.add(p);
        // closed meanwhile: close() may have drained the queue before this request arrived
        if (closed && writer.queue.remove(p)) {
            p.fail(new AuditException("audit log " + config.file + " is closed"));
        }
        return p;
    }

    private void failLeftovers() {
        Pending left;
        while ((left = writer.queue.poll()) != null) {
            left.fail(new AuditException("audit log " + config.file + " is closed"));
        }
    }

    /** Waits for the writer, uninterruptibly: an interrupted caller must still learn whether its record is durable. */
    private static Long await(Pending p) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return p.done.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    if (c instanceof AuditException ae) {
                        throw new AuditException(ae.getMessage(), ae);
                    }
                    throw new AuditException("audit log failed: " + c, c);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Writes what is pending and a final checkpoint, makes it durable, and releases the log.
     *
     * @throws AuditException when the last records could not be made durable
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        boolean failedBefore = writer.failure != null;
        Pending last = Pending.close();
        writer.queue.add(last);
        boolean interrupted = false;
        Throwable failed = null;
        while (true) {
            try {
                last.done.get(100, TimeUnit.MILLISECONDS);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException e) {
                failed = e.getCause();
                break;
            } catch (TimeoutException e) {
                // the writer may complete the close and end between the wait and this check: only a
                // thread that ended without completing it has failed (the next wait reads the result)
                if (!thread.isAlive() && !last.done.isDone()) {
                    failed = new IllegalStateException("the audit writer thread ended unexpectedly");
                    break;
                }
            }
        }
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        failLeftovers();
        writer.closeFiles();
        indexer.shutdownNow(); // an index half built is abandoned (its temp file removed), never half written
        try {
            if (!indexer.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("audit log {}: its indexer did not stop within 10 s", config.file);
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        closeQuietly(lock);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failed != null && !failedBefore) {
            throw new AuditException("audit log " + config.file + ": the last records could not be made durable on close: "
                    + failed.getMessage(), failed);
        }
    }

    private static void closeQuietly(Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                LOG.warn("cannot release audit log lock: {}", e.getMessage());
            }
        }
    }
}
