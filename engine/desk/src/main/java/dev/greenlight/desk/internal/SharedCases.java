package dev.greenlight.desk.internal;

import dev.greenlight.audit.AuditReader;
import dev.greenlight.audit.AuditRecord;
import dev.greenlight.audit.DecisionRef;
import dev.greenlight.audit.Review;
import dev.greenlight.desk.Case;
import dev.greenlight.desk.DecisionView;
import dev.greenlight.desk.HistoryEntry;
import dev.greenlight.json.SubmissionReader;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Submission;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import dev.greenlight.desk.Queue;
import dev.greenlight.desk.spi.CaseOrigin;
import dev.greenlight.desk.spi.CaseStore;
import dev.greenlight.model.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a desk on a store shared by several {@code serve} nodes does beyond a single node's desk
 * (docs/contract.md §7, "Several nodes"): it knows its own log's id, puts each case's
 * {@link CaseOrigin} (the decision's log, seq, hash and exact bytes) beside it in the store, links a
 * review of a decision recorded in another node's log by that origin, and, when rebuilding from its
 * own log over a store that outlived it, tells which records the store holds already. Thread-safe.
 */
final class SharedCases {
    /** Longer than any record a log accepts; a line without its end within it is not read. */
    private static final int MAX_LINE = 64 * 1024 * 1024;

    private final CaseStore store;
    private final DeskJournal journal;
    private final Path logFile;
    private volatile String logId;

    SharedCases(CaseStore store, DeskJournal journal, Path logFile) {
        this.store = Objects.requireNonNull(store, "store");
        this.journal = Objects.requireNonNull(journal, "a desk on a shared store writes records: it needs a journal");
        this.logFile = Objects.requireNonNull(logFile, "logFile");
    }

    /** This node's log id; asked once a record is in the log (a case opens from a record). */
    String logId() {
        String id = logId;
        if (id == null) {
            id = journal.logId().orElseThrow(() -> new IllegalStateException(
                    "the audit log " + logFile + " has no record yet, so no log id to name cases by"));
            logId = id;
        }
        return id;
    }

    /**
     * The origin of a decision of this node's log: from its record's place when the rebuild read it,
     * else (a decision heard live) found through the log's index.
     */
    CaseOrigin origin(long seq, String decisionId, Path file, long offset, String hash) {
        try {
            AuditRecord rec = null;
            if (file == null || hash == null) {
                for (AuditRecord r : AuditReader.find(logFile, decisionId)) {
                    if (r.isDecision() && r.seq() == seq) {
                        rec = r;
                    }
                }
                if (rec == null) {
                    throw new IllegalStateException("the audit log " + logFile + " holds no decision " + decisionId
                            + " at seq " + seq);
                }
                file = rec.file();
                offset = rec.offset();
                hash = rec.hash();
            }
            return new CaseOrigin(logId(), seq, hash, lineAt(file, offset));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read decision " + decisionId + " from " + logFile + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * The link a review of case {@code c}, whose origin is {@code o}, writes: to a decision in another
     * node's log by that log's id (the review is written to this node's chain), else as the book knows
     * it ({@code local}, which may be null: the log then finds the decision itself).
     */
    DecisionRef ref(Case c, Optional<CaseOrigin> o, DecisionRef local) {
        // a node whose log is still empty reviews only other nodes' decisions
        if (o.isEmpty() || o.get().logId().equals(journal.logId().orElse(null))) {
            return local;
        }
        CaseOrigin origin = o.get();
        // an undecided case's decision stands at ESCALATE; a case in the lead queue had one review before
        int reviews = c.queue() == Queue.LEAD ? 1 : 0;
        return new DecisionRef(c.decisionId(), origin.decisionSeq(), origin.decisionHash(), c.submissionId(),
                Verdict.ESCALATE, reviews, origin.logId());
    }

    /**
     * True when, rebuilding, this node's decision record opened or joined a case the store holds
     * already (the store outlived the node): nothing to do for it. Known: the case it would open, or a
     * case that stands for it; else a closed case of its submission that was open when it was
     * decided (it joined that case, which a later decision joined and then a review closed).
     */
    boolean known(String caseIdItWouldOpen, String decisionId, String submissionId, Instant decidedAt, Instant now) {
        return caseOf(caseIdItWouldOpen, decisionId, submissionId, decidedAt, now) != null;
    }

    /** The case {@link #known} finds, or null. */
    String caseOf(String caseIdItWouldOpen, String decisionId, String submissionId, Instant decidedAt, Instant now) {
        if (store.get(caseIdItWouldOpen, now).isPresent()) {
            return caseIdItWouldOpen;
        }
        Optional<Case> c = store.byDecision(decisionId, now);
        if (c.isPresent()) {
            return c.get().caseId();
        }
        for (Case k : store.bySubmission(submissionId, now)) {
            if (!k.isOpen() && k.caseId().startsWith("c-") && !k.openedAt().isAfter(decidedAt)
                    && decidedAfter(k, decidedAt)) {
                return k.caseId();
            }
        }
        return null;
    }

    /**
     * True when the decision closed case {@code k} stands for was decided after {@code at}: a later
     * decision joined it, so a decision of {@code at} that it was open for had joined it before. (When
     * it stands for an older decision, the one of {@code at} never reached it: the node stopped first.)
     */
    boolean decidedAfter(Case k, Instant at) {
        Optional<CaseOrigin> o = store.origin(k.caseId());
        if (o.isEmpty() || o.get().decisionLine() == null) {
            return true; // nothing to tell by: do not open a second case for one submission
        }
        AuditRecord rec = AuditRecord.fromLine(o.get().decisionLine(), Path.of("log-" + CaseRules.shortLogId(o.get().logId())),
                o.get().decisionSeq());
        return rec.isDecision() && rec.decidedAt().isAfter(at);
    }

    /**
     * True when this node's review record {@code r} (read back on rebuild) is not yet in the shared
     * case {@code c}: the node stopped between writing the record and the store's commit. A case
     * that is still undecided and stands for the reviewed decision has not taken a closing verdict;
     * an ESCALATE has not been taken while the case is still in the review queue.
     */
    static boolean notYetApplied(Case c, Review r) {
        if (!c.isOpen() || !c.decisionId().equals(r.decisionId())) {
            return false;
        }
        return r.verdict() != Verdict.ESCALATE || c.queue() == Queue.REVIEW;
    }

    /**
     * A decision recorded in another node's log, shown from the bytes its case's row keeps
     * ({@link CaseOrigin#decisionLine()}): the decision, its submission, its case, and as history the
     * decision alone (the reviews are in the chains that hold them; {@code audit show --db} lists
     * them all). Empty when no case stands for it or its row keeps no bytes.
     */
    Optional<DecisionView> view(String decisionId, Instant now) {
        Optional<Case> c = store.byDecision(decisionId, now);
        Optional<CaseOrigin> o = c.flatMap(x -> store.origin(x.caseId()));
        if (o.isEmpty() || o.get().decisionLine() == null) {
            return Optional.empty();
        }
        CaseOrigin origin = o.get();
        AuditRecord rec = AuditRecord.fromLine(origin.decisionLine(),
                Path.of("log-" + CaseRules.shortLogId(origin.logId())), origin.decisionSeq());
        if (!rec.isDecision() || !rec.hash().equals(origin.decisionHash()) || !decisionId.equals(rec.decisionId())) {
            throw new IllegalStateException("case " + c.get().caseId() + ": the decision bytes it keeps are not decision "
                    + decisionId + " with hash " + origin.decisionHash());
        }
        AuditReader.Restored restored = AuditReader.restore(rec, Map.of());
        Submission s;
        try {
            s = new SubmissionReader().parse(restored.submissionJson().getBytes(StandardCharsets.UTF_8), rec.place());
        } catch (RuntimeException | dev.greenlight.json.InvalidSubmissionException x) {
            s = null; // redaction can leave a submission that no longer parses; the decision still shows
        }
        Decision d = restored.decision();
        Case kase = c.get();
        Verdict standing = kase.isOpen() ? Verdict.ESCALATE : kase.finalVerdict() != null ? kase.finalVerdict() : d.verdict();
        HistoryEntry decided = new HistoryEntry(origin.decisionSeq(), "decision", d.decidedAt(), d.verdict(), null, null,
                null, null, null, List.of());
        return Optional.of(new DecisionView(d, s, c, List.of(decided), standing));
    }

    /** The record's exact bytes at {@code offset} of {@code segment}, without its newline. */
    static byte[] lineAt(Path segment, long offset) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "r")) {
            f.seek(offset);
            ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
            byte[] buf = new byte[8192];
            while (out.size() < MAX_LINE) {
                int n = f.read(buf);
                if (n < 0) {
                    break;
                }
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        out.write(buf, 0, i);
                        return out.toByteArray();
                    }
                }
                out.write(buf, 0, n);
            }
            throw new IOException(segment + ": no complete record at offset " + offset);
        }
    }
}
