package dev.greenlight.desk.internal;

import dev.greenlight.audit.AuditReader;
import dev.greenlight.audit.AuditRecord;
import dev.greenlight.audit.DecisionRef;
import dev.greenlight.audit.Review;
import dev.greenlight.audit.ReviewDetails;
import dev.greenlight.desk.Case;
import dev.greenlight.desk.SafeText;
import dev.greenlight.desk.CaseConflictException;
import dev.greenlight.desk.CaseState;
import dev.greenlight.desk.DecisionView;
import dev.greenlight.desk.DeskAccessException;
import dev.greenlight.desk.DeskConfig;
import dev.greenlight.desk.DeskException;
import dev.greenlight.desk.DeskListener;
import dev.greenlight.desk.DeskMetrics;
import dev.greenlight.desk.HistoryEntry;
import dev.greenlight.desk.PolicyCatalogue;
import dev.greenlight.desk.Queue;
import dev.greenlight.desk.QueueStats;
import dev.greenlight.desk.ReviewRequest;
import dev.greenlight.desk.accounts.Account;
import dev.greenlight.desk.accounts.Role;
import dev.greenlight.desk.spi.CaseOrigin;
import dev.greenlight.desk.spi.CaseStore;
import dev.greenlight.json.SubmissionReader;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Submission;
import dev.greenlight.model.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

/**
 * The review desk's workings behind {@code ReviewDesk}: applies recorded decisions, reviews and
 * appeals to the cases (live and when rebuilding, with the same {@link CaseRules}), checks and
 * carries out what reviewers ask, and answers queries. Thread-safe: cases change only inside
 * {@link CaseStore#update} (one at a time per case, the audit record written inside), and opening or
 * appealing a case is serialised on one lock so a submission never gets two undecided cases.
 */
public final class DeskCore {
    static final int MAX_MESSAGE = 2_000;
    static final int MAX_NOTE = 20_000;
    static final int MAX_APPEAL = 2_000;
    static final int MAX_LIST = 1_000;

    private final DeskConfig config;
    private final PolicyCatalogue catalogue;
    private final CaseStore store;
    private final DeskJournal journal;
    private final Path logFile;
    private final CaseRules rules;
    /** What a desk on a store shared by several nodes does beyond a single node's; null for a single node. */
    private final SharedCases shared;
    private final DecisionBook book = new DecisionBook();
    private final DeskCounters counters = new DeskCounters();
    /** Cases a shared store could not take when their record was written (it was down); offered again. */
    private final Unoffered unoffered;
    private final Object opening = new Object();
    private final java.util.List<DeskListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** False while rebuilding: listeners hear only what happens once the desk is open. */
    private volatile boolean live;

    /**
     * @param journal where reviews and appeals are written; null for a desk that only reads
     * @param logFile the audit log's first segment, read back for decisions no longer in memory
     */
    public DeskCore(DeskConfig config, PolicyCatalogue catalogue, CaseStore store, DeskJournal journal, Path logFile) {
        this(config, catalogue, store, journal, logFile, false);
    }

    /**
     * @param sharedStore true when {@code store} is shared by several nodes and outlives this one
     *     (docs/contract.md §7, "Several nodes"): cases are named by this log's id, carry their
     *     decision's origin, and a rebuild offers only what the store does not hold yet
     */
    public DeskCore(DeskConfig config, PolicyCatalogue catalogue, CaseStore store, DeskJournal journal, Path logFile,
                    boolean sharedStore) {
        this.config = Objects.requireNonNull(config, "config");
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        this.store = Objects.requireNonNull(store, "store");
        this.journal = journal;
        this.logFile = logFile;
        this.shared = sharedStore ? new SharedCases(store, journal, logFile) : null;
        this.rules = sharedStore ? new CaseRules(config, catalogue, shared::logId) : new CaseRules(config, catalogue);
        this.unoffered = new Unoffered(config.clock());
    }

    /** How many recorded decisions, appeals and reviews the shared store has not taken into their case yet (0 on a single node). */
    public int unoffered() {
        return unoffered.size();
    }

    /** Since when {@link #unoffered()} has been above 0; empty while it is 0. */
    public Optional<Instant> unofferedSince() {
        return unoffered.since();
    }

    /** Stops offering cases again (what is left is offered by the node's next rebuild). */
    public void close() {
        unoffered.close();
    }

    public void addListener(DeskListener l) {
        listeners.add(Objects.requireNonNull(l, "listener"));
    }

    public void removeListener(DeskListener l) {
        listeners.remove(l);
    }

    /** The rebuild is done: tell listeners from now on. */
    public void goLive() {
        live = true;
    }

    private Case told(Case c) {
        if (live) {
            for (DeskListener l : listeners) {
                try {
                    l.caseChanged(c);
                } catch (RuntimeException e) {
                    org.slf4j.LoggerFactory.getLogger(DeskCore.class).warn("desk listener {} failed for case {}",
                            l.getClass().getName(), c.caseId(), e);
                }
            }
        }
        return c;
    }

    public PolicyCatalogue catalogue() {
        return catalogue;
    }

    // what a snapshot of the desk saves and puts back (DeskSnapshot), before the desk is shared
    DecisionBook book() {
        return book;
    }

    DeskCounters counters() {
        return counters;
    }

    CaseStore store() {
        return store;
    }

    /** True on a store shared by several nodes (it outlives this one: no snapshot of it is kept here). */
    boolean sharedStore() {
        return shared != null;
    }

    public DeskConfig config() {
        return config;
    }

    private Instant now() {
        return config.clock().instant();
    }

    // ---- records, live and rebuilt ------------------------------------------------------------

    /** A decision record: every ESCALATE opens a case, or joins the undecided case of its submission. */
    public void decisionRecorded(long seq, Decision d, Submission s, String submitterId, Path file, long offset,
                                 String hash) {
        DecisionBook.Entry e = book.add(seq, d, s, submitterId, rules.area(d), file, offset, hash);
        if (d.verdict() != Verdict.ESCALATE) {
            return;
        }
        if (shared == null || !live) {
            offer(seq, d, e, file, offset, hash, !live, false);
            return;
        }
        if (unoffered.size() > 0) {
            // the store failed and has not taken the earlier ones yet: do not make this decision wait for a
            // connection that will not come (seconds each); it is offered after them, in seq order
            unoffered.add(seq, d.decisionId(), this::reofferDecision, null);
            return;
        }
        try {
            offer(seq, d, e, file, offset, hash, false, false);
        } catch (RuntimeException x) {
            // the decision is recorded: the store (down?) takes its case later, by the rebuild's path
            unoffered.add(seq, d.decisionId(), this::reofferDecision, x);
        }
    }

    /** Offers again the case of a decision the shared store could not take when it was recorded. */
    private void reofferDecision(long seq, String decisionId) {
        DecisionBook.Entry e = book.get(decisionId);
        if (e == null || e.seq != seq) {
            return; // not a decision this desk knows (cannot happen: the book keeps every decision)
        }
        offer(seq, recorded(e).decision(), e, e.file, e.offset, e.hash, true, true);
    }

    /**
     * Offers a decision's case to the store: opens it, or joins its submission's undecided case.
     *
     * @param rebuilding true when the store may hold it already (a rebuild over a shared store, or a
     *     retry after the store failed): then only what it lacks is added, and a case that stands for
     *     another node's decision is not taken back from it
     * @param retrying true for a retry after the store failed: then this decision joins another
     *     node's case when that case's decision was decided before this one (the node was running,
     *     and would have joined it had the store been up)
     */
    private void offer(long seq, Decision d, DecisionBook.Entry e, Path file, long offset, String hash,
                       boolean rebuilding, boolean retrying) {
        if (shared != null && rebuilding) {
            String known = shared.caseOf(rules.reviewCase(seq), d.decisionId(), d.submissionId(), d.decidedAt(), now());
            if (known != null) {
                // the shared store holds this decision's case already (it outlived the node, or took an earlier try)
                book.setReviewCase(e, known);
                return;
            }
        }
        // read from the log before taking the lock: other decisions need not wait for it
        CaseOrigin origin = shared == null ? null : shared.origin(seq, d.decisionId(), file, offset, hash);
        synchronized (opening) {
            Instant now = now();
            Optional<Case> undecided = store.undecidedBySubmission(d.submissionId(), now);
            if (undecided.isPresent()) {
                String standsFor = undecided.get().decisionId();
                // asked before the update: a change must not ask the store for a second connection
                boolean olderThere = retrying && book.get(standsFor) == null
                        && !shared.decidedAfter(undecided.get(), d.decidedAt());
                try {
                    Case joined = store.update(undecided.get().caseId(), now, origin, c -> {
                        if (!c.isOpen()) {
                            throw NotJoined.CLOSED;
                        }
                        DecisionBook.Entry current = book.get(c.decisionId());
                        // a decision heard late (listeners run concurrently) never replaces a newer one;
                        // rebuilding over a shared store, a case that stands for another node's decision
                        // was joined after this one was recorded: this one is superseded
                        if (current != null && current.seq > seq || current == null && shared != null && rebuilding
                                && !(olderThere && c.decisionId().equals(standsFor))) {
                            throw NotJoined.NEWER;
                        }
                        return rules.join(c, seq, d);
                    });
                    book.setReviewCase(e, joined.caseId());
                    told(joined);
                    return;
                } catch (NotJoined n) {
                    if (n == NotJoined.NEWER) {
                        book.setReviewCase(e, undecided.get().caseId());
                        return;
                    }
                }
            }
            Case c = rules.open(seq, d);
            insert(c, origin);
            book.setReviewCase(e, c.caseId());
            told(c);
        }
    }

    /** Why a decision did not join its submission's undecided case; thrown to leave the case unchanged. */
    private static final class NotJoined extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final NotJoined CLOSED = new NotJoined("closed meanwhile");
        static final NotJoined NEWER = new NotJoined("stands for a newer decision");

        private NotJoined(String why) {
            super(why, null, false, false);
        }
    }

    /** Adds a new case; on a shared store only if absent (another node, or a rebuild, may have added it). */
    private void insert(Case c, CaseOrigin origin) {
        if (shared == null) {
            store.insert(c);
        } else {
            store.insertIfAbsent(c, origin);
        }
    }

    /** A review record read from the log: moves or closes the case it names (or the decision's undecided case). */
    public void reviewRecorded(Review r, ReviewDetails details) {
        if (shared != null) {
            sharedReviewRecorded(r, details);
            return;
        }
        DecisionBook.Entry e = book.get(r.decisionId());
        if (e == null) {
            return; // a record verify accepts links to a decision before it; an index that lost it has nothing to move
        }
        DecisionBook.State st = book.state(e);
        String caseId = details.caseId();
        if (caseId == null) {
            caseId = openCaseId(st);
        }
        Instant now = now();
        Optional<Case> c = caseId == null ? Optional.empty() : store.get(caseId, now);
        if (c.isPresent() && c.get().isOpen()) {
            Queue recorded = queueOf(details.queue());
            Queue q = recorded != null ? recorded : c.get().queue();
            store.update(c.get().caseId(), now, cur -> applyReview(cur, e, r.seq(), r.reviewedAt(), r.verdict(),
                    r.reviewer(), q, details.policy(), details.artistMessage(), r.note(), details.conditions()));
        } else {
            // a review outside any open case: of an automated decision, or forced over an earlier review
            reviewOutsideCase(e, st, r.seq(), r.reviewedAt(), r.verdict(), r.reviewer(),
                    queueOf(details.queue()), details.policy(),
                    details.artistMessage(), r.note(), details.conditions());
        }
    }

    /**
     * A review record of this node's log, read back over a shared store that outlived the node: its
     * history goes to the book (for a decision of this log); it moves its case only when the case
     * has not taken it yet (the node stopped between the record and the store's commit).
     */
    private void sharedReviewRecorded(Review r, ReviewDetails details) {
        DecisionBook.Entry e = r.decisionLog() == null ? book.get(r.decisionId()) : null;
        Queue recorded = queueOf(details.queue());
        Instant now = now();
        Optional<Case> c = details.caseId() == null ? Optional.empty() : store.get(details.caseId(), now);
        if (c.isPresent() && SharedCases.notYetApplied(c.get(), r)) {
            try {
                store.update(c.get().caseId(), now, cur -> {
                    if (!SharedCases.notYetApplied(cur, r)) {
                        throw NotJoined.CLOSED; // another node moved it meanwhile
                    }
                    return applyReview(cur, e, r.seq(), r.reviewedAt(), r.verdict(), r.reviewer(),
                            recorded != null ? recorded : cur.queue(), details.policy(), details.artistMessage(), r.note(),
                            details.conditions());
                });
                return;
            } catch (NotJoined n) {
                // fall through: history only
            }
        }
        if (e != null) {
            book.reviewed(e, r.seq(), r.reviewedAt(), r.verdict(), recorded, r.reviewer(), details.policy(),
                    details.artistMessage(), r.note(), details.conditions());
            if (details.caseId() == null && r.verdict() == Verdict.ESCALATE) {
                // a review outside any case (the CLI on a stopped node's log) that escalates: its lead case
                Case lead = rules.escalatedOutsideCase(r.seq(), e.decisionId, e.submissionId, e.area, r.reviewedAt(),
                        r.reviewer());
                insert(lead, shared.origin(e.seq, e.decisionId, e.file, e.offset, e.hash));
                book.setReviewCase(e, lead.caseId());
            }
        }
    }

    /** An appeal record read from the log: opens the appeal case. */
    /** Conditions of a decision reported met: part of its history (ignored for a decision the desk does not know). */
    public void fulfilmentRecorded(dev.greenlight.audit.FulfilmentRecord f) {
        DecisionBook.Entry e = book.get(f.decisionId());
        if (e != null) {
            book.fulfilled(e, f.seq(), f.fulfilledAt(), f.conditions().stream().map(c -> c.id()).toList());
        }
    }

    public void appealRecorded(long seq, String decisionId, String caseId, String text, Instant at) {
        DecisionBook.Entry e = book.get(decisionId);
        if (e == null || book.state(e).appealCaseId() != null) {
            return;
        }
        appealed(e, seq, at, text, caseId != null ? caseId : rules.appealCase(e.seq));
    }

    /** A recorded queue name; null when absent or not one this release knows. */
    private static Queue queueOf(String id) {
        try {
            return id == null ? null : Queue.parse(id);
        } catch (DeskException e) {
            return null;
        }
    }

    private String openCaseId(DecisionBook.State st) {
        Instant now = now();
        for (String id : new String[] {st.appealCaseId(), st.reviewCaseId()}) {
            if (id != null && store.get(id, now).map(Case::isOpen).orElse(false)) {
                return id;
            }
        }
        return null;
    }

    private Case applyReview(Case c, DecisionBook.Entry e, long seq, Instant at, Verdict verdict, String reviewer,
                             Queue queue, String policy, String message, String note, List<String> conditions) {
        if (e == null) {
            // a decision in another node's log (shared store): its history is that log's and PostgreSQL's
            counters.reviewed(reviewer, queue, verdict, null, null,
                    verdict == Verdict.ESCALATE ? null : Duration.between(c.openedAt(), at));
            return rules.reviewed(c, seq, verdict, reviewer, at);
        }
        DecisionBook.State before = book.state(e);
        book.reviewed(e, seq, at, verdict, queue, reviewer, policy, message, note, conditions);
        counters.reviewed(reviewer, queue, verdict, queue == Queue.APPEAL ? before.finalVerdict() : null,
                before.lastHumanVerdict(), verdict == Verdict.ESCALATE ? null : Duration.between(c.openedAt(), at));
        return rules.reviewed(c, seq, verdict, reviewer, at);
    }

    /** A review with no undecided case: history and counts; an ESCALATE opens a case in the lead queue. */
    private Optional<Case> reviewOutsideCase(DecisionBook.Entry e, DecisionBook.State before, long seq, Instant at,
                                             Verdict verdict, String reviewer, Queue queue, String policy, String message,
                                             String note, List<String> conditions) {
        book.reviewed(e, seq, at, verdict, queue, reviewer, policy, message, note, conditions);
        counters.reviewed(reviewer, queue == null ? Queue.REVIEW : queue, verdict,
                queue == Queue.APPEAL ? before.finalVerdict() : null, before.lastHumanVerdict(), null);
        if (verdict != Verdict.ESCALATE) {
            return Optional.empty();
        }
        Case c = rules.escalatedOutsideCase(seq, e.decisionId, e.submissionId, e.area, at, reviewer);
        insert(c, shared == null ? null : shared.origin(e.seq, e.decisionId, e.file, e.offset, e.hash));
        book.setReviewCase(e, c.caseId());
        return Optional.of(told(c));
    }

    private Case appealed(DecisionBook.Entry e, long seq, Instant at, String text, String caseId) {
        DecisionBook.State st = book.state(e);
        book.appealed(e, seq, at, text, caseId);
        String decidedBy = st.lastReviewer();
        if (shared != null && st.reviewCaseId() != null) {
            // whoever decided the case, on any node, is never handed the appeal
            Optional<Case> rc = store.get(st.reviewCaseId(), now());
            if (rc.isPresent() && !rc.get().isOpen() && rc.get().decidedBy() != null) {
                decidedBy = rc.get().decidedBy();
            }
        }
        Case c = rules.appealed(seq, e.seq, e.decisionId, e.submissionId, e.area, at, decidedBy);
        if (shared == null || !live) {
            insert(c, shared == null ? null : shared.origin(e.seq, e.decisionId, e.file, e.offset, e.hash));
            return told(c);
        }
        try {
            insert(c, shared.origin(e.seq, e.decisionId, e.file, e.offset, e.hash));
        } catch (RuntimeException x) {
            // the appeal is recorded (the artist is not asked again): the store takes its case later
            unoffered.add(seq, e.decisionId, (s, decisionId) -> insertAppeal(c), x);
            return c;
        }
        return told(c);
    }

    /** Adds an appeal case to the shared store unless it holds it already (idempotent: a retry may follow a commit); a retry's redo. */
    private void insertAppeal(Case c) {
        DecisionBook.Entry e = book.get(c.decisionId());
        if (store.insertIfAbsent(c, shared.origin(e.seq, e.decisionId, e.file, e.offset, e.hash)) && live) {
            told(c);
        }
    }

    // ---- what reviewers do ----------------------------------------------------------------------

    public Optional<Case> next(Queue queue, Account who) {
        Objects.requireNonNull(queue, "queue");
        requireQueueRole(queue, who);
        Instant now = now();
        return store.claimNext(queue, who.name(), now, now.plus(config.lease()),
                c -> c.queue() != Queue.APPEAL || !who.name().equals(c.decidedBy()) && ownAppeal(c));
    }

    /**
     * True unless {@code c} is an appeal against a decision in another node's log (shared store): an
     * appeal's outcome is decided on the node whose log holds the decision, the appeal and the review
     * it answers, so that its record states the verdict it replaces.
     */
    private boolean ownAppeal(Case c) {
        return rules.isThisNodesAppeal(c);
    }

    public Case renew(String caseId, Account who) {
        requireDecider(who);
        Instant now = now();
        return update(caseId, now, c -> {
            requireHolder(c, who, now);
            return withClaim(c, c.claimedBy(), now.plus(config.lease()), c.version());
        });
    }

    public Case release(String caseId, Account who) {
        requireDecider(who);
        Instant now = now();
        return update(caseId, now, c -> {
            if (!c.isOpen()) {
                throw new CaseConflictException(c, "the case is closed");
            }
            if (!who.has(Role.LEAD)) {
                requireHolder(c, who, now);
            } else if (c.state() != CaseState.CLAIMED) {
                throw new CaseConflictException(c, "the case is not claimed");
            }
            return withClaim(c, null, null, c.version() + 1);
        });
    }

    public Case reassign(String caseId, String toAccount, Account lead) {
        if (!lead.has(Role.LEAD)) {
            throw new DeskAccessException("only a lead may reassign a case; " + lead.name() + " is not a lead");
        }
        if (!Account.validName(toAccount)) {
            throw new DeskException("toAccount", "must be an account name (1 to 64 characters of A-Z a-z 0-9 . _ @ -)");
        }
        Instant now = now();
        return update(caseId, now, c -> {
            if (!c.isOpen()) {
                throw new CaseConflictException(c, "the case is closed");
            }
            if (c.queue() == Queue.APPEAL && toAccount.equals(c.decidedBy())) {
                throw new DeskException("toAccount", "an appeal goes to someone other than " + toAccount
                        + ", who decided the case appealed against");
            }
            return withClaim(c, toAccount, now.plus(config.lease()), c.version() + 1);
        });
    }

    public Case decide(String caseId, ReviewRequest request, Account who) {
        requireDecider(who);
        Checked r = check(request);
        requireJournal();
        Instant now = now();
        // read before the update: a store's update holds a connection and the row lock while the change
        // runs, and a second connection asked for inside it could wait for a pool the updates have taken.
        // A join that changes the origin afterwards changes the version too, and the decision is refused.
        Optional<CaseOrigin> origin = shared == null || caseId == null ? Optional.empty() : store.origin(caseId);
        // on a shared store: the review record and the case it moved, once written, in case the store's
        // commit then fails (the record stands: the case is moved later, as a restart's rebuild would)
        Review[] written = new Review[1];
        Case[] moved = new Case[1];
        try {
            return told(decideInStore(caseId, request, who, r, now, origin, written, moved));
        } catch (RuntimeException x) {
            if (shared == null || !live || written[0] == null || moved[0] == null) {
                throw x;
            }
            Review rec = written[0];
            Case after = moved[0];
            unoffered.add(rec.seq(), caseId, (seq, id) -> moveAfterReview(id, rec), x);
            return after;
        }
    }

    /**
     * Moves case {@code caseId} as review {@code rec} (recorded already) does, unless it moved on
     * meanwhile: a retry after the store failed at the review's commit; the book and counters took the
     * review when it was recorded.
     */
    private void moveAfterReview(String caseId, Review rec) {
        try {
            told(store.update(caseId, now(), cur -> {
                if (!SharedCases.notYetApplied(cur, rec)) {
                    throw NotJoined.CLOSED; // it took the review after all, or moved on
                }
                return rules.reviewed(cur, rec.seq(), rec.verdict(), rec.reviewer(), rec.reviewedAt());
            }));
        } catch (NotJoined n) {
            // nothing to do
        }
    }

    private Case decideInStore(String caseId, ReviewRequest request, Account who, Checked r, Instant now,
                               Optional<CaseOrigin> origin, Review[] written, Case[] moved) {
        return update(caseId, now, c -> {
            requireHolder(c, who, now);
            if (c.version() != request.version()) {
                throw new CaseConflictException(c, "version " + request.version() + " is stale: the case is at version "
                        + c.version());
            }
            if (c.queue() == Queue.LEAD && !who.has(Role.LEAD)) {
                throw new DeskAccessException("the lead queue is for leads; " + who.name() + " is not a lead");
            }
            DecisionBook.Entry e = book.get(c.decisionId());
            DecisionRef ref = e == null ? null : book.ref(e);
            if (shared != null) {
                ref = shared.ref(c, origin, ref); // a decision in another node's log is linked by that log's id
                if (ref != null && ref.log() != null) {
                    e = null;
                }
            }
            Review rec = journal.review(c.decisionId(), ref, who.name(), request.verdict(), r.note,
                    new ReviewDetails(c.caseId(), c.queue().id(), request.policy(), r.message, request.conditions()));
            written[0] = rec;
            moved[0] = applyReview(c, e, rec.seq(), rec.reviewedAt(), rec.verdict(), who.name(), c.queue(), request.policy(),
                    r.message, r.note, request.conditions());
            return moved[0];
        });
    }

    /**
     * A review without a claim (the CLI on a log no process holds):
     * it decides the decision's undecided case if there is one (closing it, or moving it to the lead
     * queue), else it is recorded beside the decision. It is refused when it would replace an earlier
     * human APPROVE or REJECT with no case open, unless {@code appeal} (the outcome of an appeal made
     * elsewhere; recorded in the appeal queue) or {@code force}.
     *
     * @return the case after the review, or empty when there was no undecided case
     */
    public Optional<Case> reviewWithoutClaim(String decisionId, Verdict verdict, String policy, String artistMessage,
                                             String note, Account who, boolean appeal, boolean force) {
        requireDecider(who);
        requireJournal();
        if (verdict == null) {
            throw new DeskException("verdict", "is required: APPROVE, REJECT or ESCALATE");
        }
        if (verdict == Verdict.APPROVE_WITH_CONDITIONS) {
            // a review outside a claim names no conditions; a conditional approval without them fails closed
            throw new DeskException("verdict", "APPROVE_WITH_CONDITIONS needs conditions, which a review outside the desk's "
                    + "cases cannot name: decide it on the case (docs/contract.md §8), or decide APPROVE, ESCALATE or REJECT");
        }
        String p = policy == null || policy.isBlank() ? null : policy;
        if (p != null) {
            if (catalogue.all().isEmpty()) {
                if (!p.matches("[A-Za-z0-9._-]{1,64}")) {
                    throw new DeskException("policy", "must be a policy id (letters, digits, . _ -)");
                }
            } else {
                catalogue.validate(p);
            }
        }
        String message = text("artistMessage", artistMessage, MAX_MESSAGE, true);
        String n = text("note", note, MAX_NOTE, true);
        DecisionBook.Entry e = book.get(decisionId);
        if (e == null) {
            throw new NoSuchElementException("no decision " + SafeText.escape(String.valueOf(decisionId)));
        }
        synchronized (opening) {
            DecisionBook.State st = book.state(e);
            String caseId = openCaseId(st);
            Instant now = now();
            if (caseId != null) {
                return Optional.of(told(update(caseId, now, c -> {
                    if (!c.isOpen()) {
                        throw new CaseConflictException(c, "the case is closed");
                    }
                    DecisionBook.Entry latest = book.get(c.decisionId());
                    Review rec = journal.review(c.decisionId(), book.ref(latest), who.name(), verdict, n == null ? "" : n,
                            new ReviewDetails(c.caseId(), c.queue().id(), p, message, List.of()));
                    return applyReview(c, latest, rec.seq(), rec.reviewedAt(), verdict, who.name(), c.queue(), p, message,
                            n, List.of());
                })));
            }
            if (st.lastHumanVerdict() != null && !appeal && !force) {
                throw new CaseConflictException(null, "decision " + e.decisionId + " was already reviewed: its verdict is "
                        + st.finalVerdict() + ", decided by " + st.lastReviewer() + "; a second review would replace it "
                        + "(say --appeal for the outcome of an appeal, or --force)");
            }
            Queue q = appeal ? Queue.APPEAL : null;
            Review rec = journal.review(e.decisionId, book.ref(e), who.name(), verdict, n == null ? "" : n,
                    new ReviewDetails(null, q == null ? null : q.id(), p, message, List.of()));
            return reviewOutsideCase(e, st, rec.seq(), rec.reviewedAt(), verdict, who.name(), q, p, message, n, List.of());
        }
    }

    public Case appeal(String decisionId, String text) {
        String t = appealText(text);
        requireJournal();
        DecisionBook.Entry e = book.get(decisionId);
        if (e == null) {
            throw new NoSuchElementException("no decision " + SafeText.escape(String.valueOf(decisionId)));
        }
        synchronized (opening) {
            DecisionBook.State st = book.state(e);
            Instant now = now();
            if (st.appealCaseId() != null) {
                throw new CaseConflictException(store.get(st.appealCaseId(), now).orElse(null),
                        "an appeal against this decision was made already");
            }
            Optional<Case> rc = st.reviewCaseId() == null ? Optional.empty() : store.get(st.reviewCaseId(), now);
            if (rc.isPresent() && rc.get().isOpen()) {
                throw new CaseConflictException(rc.get(), "the decision is still being reviewed");
            }
            // on a shared store the case was perhaps decided on another node: its verdict is the case's
            if (finalVerdict(e, st, rc) == Verdict.ESCALATE) {
                throw new CaseConflictException(null, "the decision has no final verdict yet");
            }
            String caseId = rules.appealCase(e.seq);
            var a = journal.appeal(decisionId, book.ref(e), caseId, t);
            return appealed(e, a.seq(), a.appealedAt(), t, caseId);
        }
    }

    // ---- queries ----------------------------------------------------------------------------------

    public List<Case> list(Queue queue, CaseState state, int offset, int limit) {
        Objects.requireNonNull(queue, "queue");
        if (offset < 0) {
            throw new DeskException("offset", "must be 0 or more, was " + offset);
        }
        if (limit < 1 || limit > MAX_LIST) {
            throw new DeskException("limit", "must be 1 to " + MAX_LIST + ", was " + limit);
        }
        return store.list(queue, state, offset, limit, now());
    }

    public Optional<Case> get(String caseId) {
        return caseId == null ? Optional.empty() : store.get(caseId, now());
    }

    public List<Case> all() {
        return store.all(now());
    }

    public List<QueueStats> stats() {
        return store.stats(now());
    }

    public DeskMetrics metrics() {
        return counters.snapshot();
    }

    /** True when the decision has an undecided (open or claimed) case, in any queue. */
    public boolean undecided(String decisionId) {
        DecisionBook.Entry e = book.get(decisionId);
        return e != null && openCaseId(book.state(e)) != null;
    }

    public Optional<DecisionView> decision(String decisionId) {
        DecisionBook.Entry e = book.get(decisionId);
        if (e == null && shared != null && decisionId != null) {
            return shared.view(decisionId, now()); // a decision in another node's log, as its case's row keeps it
        }
        return e == null ? Optional.empty() : Optional.of(view(e));
    }

    public List<DecisionView> bySubmitter(String submitterId, int limit) {
        if (limit < 1 || limit > MAX_LIST) {
            throw new DeskException("limit", "must be 1 to " + MAX_LIST + ", was " + limit);
        }
        List<DecisionView> out = new ArrayList<>();
        for (DecisionBook.Entry e : book.bySubmitter(submitterId == null ? "" : submitterId, limit)) {
            out.add(view(e));
        }
        return out;
    }

    private DecisionView view(DecisionBook.Entry e) {
        DecisionBook.State st = book.state(e);
        DecisionBook.Recorded r = recorded(e);
        Instant now = now();
        Optional<Case> appealCase = st.appealCaseId() == null ? Optional.empty() : store.get(st.appealCaseId(), now);
        Optional<Case> reviewCase = st.reviewCaseId() == null ? Optional.empty() : store.get(st.reviewCaseId(), now);
        Optional<Case> shown;
        if (appealCase.map(Case::isOpen).orElse(false)) {
            shown = appealCase;
        } else if (reviewCase.map(Case::isOpen).orElse(false)) {
            shown = reviewCase;
        } else {
            shown = appealCase.isPresent() ? appealCase : reviewCase;
        }
        List<HistoryEntry> history = new ArrayList<>(st.followUps().size() + 1);
        history.add(new HistoryEntry(e.seq, "decision", e.decidedAt, e.verdict, null, null, null, null, null, List.of()));
        history.addAll(st.followUps());
        return new DecisionView(r.decision(), r.submission(), shown, history, finalVerdict(e, st, shown));
    }

    /**
     * The decision's final verdict: the book's (this log's records); on a shared store the case's
     * when it stands for this decision, as a review recorded on another node moved it there.
     */
    private Verdict finalVerdict(DecisionBook.Entry e, DecisionBook.State st, Optional<Case> shown) {
        if (shared == null || shown.isEmpty() || !shown.get().decisionId().equals(e.decisionId)) {
            return st.finalVerdict();
        }
        Case c = shown.get();
        if (c.isOpen()) {
            return c.queue() == Queue.APPEAL ? st.finalVerdict() : Verdict.ESCALATE;
        }
        return c.finalVerdict() != null ? c.finalVerdict() : st.finalVerdict();
    }

    /** The decision and submission: in memory, else read back at the record's place, else found through the log's index. */
    private DecisionBook.Recorded recorded(DecisionBook.Entry e) {
        DecisionBook.Recorded r = book.recent(e.decisionId);
        if (r != null) {
            return r;
        }
        try {
            AuditRecord rec = e.file != null ? AuditReader.readAt(e.file, e.offset) : find(e.decisionId);
            AuditReader.Restored restored = AuditReader.restore(rec, Map.of());
            Submission s;
            try {
                s = new SubmissionReader().parse(restored.submissionJson().getBytes(StandardCharsets.UTF_8), rec.place());
            } catch (RuntimeException | dev.greenlight.json.InvalidSubmissionException x) {
                s = null; // redaction can leave a submission that no longer parses; the decision still shows
            }
            r = new DecisionBook.Recorded(restored.decision(), s);
            book.remember(r);
            return r;
        } catch (IOException x) {
            throw new UncheckedIOException("cannot read decision " + e.decisionId + " from " + logFile + ": "
                    + x.getMessage(), x);
        }
    }

    /** The decision's record, found through the log's index (a lookup, not a read of the whole log). */
    private AuditRecord find(String decisionId) throws IOException {
        if (logFile == null) {
            throw new IOException("no audit log to read");
        }
        for (AuditRecord rec : AuditReader.find(logFile, decisionId)) {
            if (rec.isDecision()) {
                return rec;
            }
        }
        throw new IOException("the log holds no decision " + decisionId);
    }

    // ---- checks -------------------------------------------------------------------------------------

    private Case update(String caseId, Instant now, CaseStore.Change change) {
        if (caseId == null) {
            throw new DeskException("caseId", "is required");
        }
        try {
            return store.update(caseId, now, change);
        } catch (NoSuchElementException e) {
            throw new NoSuchElementException("no case " + SafeText.escape(caseId));
        }
    }

    private static Case withClaim(Case c, String claimedBy, Instant leaseUntil, long version) {
        return new Case(c.caseId(), c.decisionId(), c.submissionId(), c.queue(),
                claimedBy == null ? CaseState.OPEN : CaseState.CLAIMED, c.priority(), c.openedAt(), c.dueAt(), version,
                claimedBy, leaseUntil, null, c.area(), c.decidedBy());
    }

    private static void requireHolder(Case c, Account who, Instant now) {
        if (!c.isOpen()) {
            throw new CaseConflictException(c, "the case is closed");
        }
        if (!c.heldBy(who.name(), now)) {
            throw new CaseConflictException(c, c.state() == CaseState.CLAIMED ? "the case is claimed by " + c.claimedBy()
                    : "you do not hold the claim on this case (claim it first; a lease lapses after "
                    + "its time)");
        }
    }

    private static void requireDecider(Account who) {
        Objects.requireNonNull(who, "who");
        if (!who.canDecide()) {
            throw new DeskAccessException(who.name() + " may read but not claim or decide (roles: " + who.roles() + ")");
        }
    }

    private static void requireQueueRole(Queue queue, Account who) {
        requireDecider(who);
        if (queue == Queue.LEAD && !who.has(Role.LEAD)) {
            throw new DeskAccessException("the lead queue is for leads; " + who.name() + " is not a lead");
        }
    }

    private void requireJournal() {
        if (journal == null) {
            throw new IllegalStateException("this review desk only reads the audit log");
        }
    }

    private record Checked(String message, String note) {
    }

    private Checked check(ReviewRequest r) {
        Objects.requireNonNull(r, "request");
        if (r.verdict() == null) {
            throw new DeskException("verdict", "is required: APPROVE, APPROVE_WITH_CONDITIONS, REJECT or ESCALATE");
        }
        catalogue.validate(r.policy());
        String message = text("artistMessage", r.artistMessage(), MAX_MESSAGE, true);
        if (r.verdict() == Verdict.REJECT && message == null) {
            throw new DeskException("artistMessage", "is required for REJECT: tell the artist in plain words why");
        }
        String note = text("note", r.note(), MAX_NOTE, true);
        catalogue.validateConditions(r.verdict(), r.conditions());
        return new Checked(message, note == null ? "" : note);
    }

    /** A text field: null or blank reads as absent; control and bidi characters refused; at most {@code max} characters. */
    static String text(String field, String value, int max, boolean lineBreaks) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > max) {
            throw new DeskException(field, "must be at most " + max + " characters, was " + value.length());
        }
        String bad = SafeText.firstForbidden(value, lineBreaks);
        if (bad != null) {
            throw new DeskException(field, "must not hold control or bidirectional characters (found " + bad + ")");
        }
        return value;
    }

    private static String appealText(String text) {
        String t = text("text", text, MAX_APPEAL, true);
        if (t == null) {
            throw new DeskException("text", "is required: say why the decision should change");
        }
        return t;
    }
}
