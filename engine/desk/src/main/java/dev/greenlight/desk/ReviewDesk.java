package dev.greenlight.desk;

import dev.greenlight.audit.AuditLog;
import dev.greenlight.desk.accounts.Account;
import dev.greenlight.desk.internal.DeskCore;
import dev.greenlight.desk.internal.DeskJournal;
import dev.greenlight.desk.internal.Follower;
import dev.greenlight.desk.internal.LogRebuild;
import dev.greenlight.desk.internal.MemoryCaseStore;
import dev.greenlight.desk.spi.CaseStore;
import dev.greenlight.engine.Greenlight;
import dev.greenlight.model.Verdict;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

/**
 * The review desk (docs/contract.md §7; guide: engine/README.md, "Review desk"). Every ESCALATE
 * decision opens a {@link Case} in the {@link Queue#REVIEW} queue (a resubmission decided ESCALATE
 * again joins its undecided case); reviewers take the next case with {@link #next}, which claims it
 * under a lease, and {@link #decide} it: APPROVE or REJECT close it, ESCALATE hands it to the lead
 * queue. Artists {@link #appeal} a decided case once; the appeal is decided by someone else. Each
 * decision and appeal is one chained audit record written before the case moves; claims are kept in
 * memory only. Opening rebuilds every queue from the audit log in one read.
 *
 * <p>Thread-safe. Errors: {@link DeskException} (a bad request; names the field),
 * {@link DeskAccessException} (the account's roles do not allow it), {@link CaseConflictException}
 * (claim, version or state is not what the caller thought; nothing recorded),
 * {@link NoSuchElementException} (no such case or decision), and
 * {@link dev.greenlight.audit.AuditException} (the record could not be written; nothing changed).
 */
public final class ReviewDesk implements AutoCloseable {
    private final DeskCore core;
    private final Greenlight engine;
    private final Follower follower;

    private ReviewDesk(DeskCore core, Greenlight engine, Follower follower) {
        this.core = core;
        this.engine = engine;
        this.follower = follower;
    }

    /**
     * The desk of a running engine (for {@code serve}): rebuilds every queue from the engine's audit
     * log in one read, then follows the engine's new decisions. The policy catalogue is the loaded
     * rules directory's {@code catalogue.yaml} (empty when the rules are not a directory with one).
     *
     * @throws IllegalStateException when the engine has no audit log
     */
    public static ReviewDesk open(Greenlight engine, DeskConfig config) {
        return open(engine, config, catalogueOf(engine));
    }

    /** As {@link #open(Greenlight, DeskConfig)}, with the policy catalogue given. */
    public static ReviewDesk open(Greenlight engine, DeskConfig config, PolicyCatalogue catalogue) {
        return open(engine, config, catalogue, new MemoryCaseStore());
    }

    /** As {@link #open(Greenlight, DeskConfig, PolicyCatalogue)}, keeping cases in {@code store} (empty; it is rebuilt). */
    public static ReviewDesk open(Greenlight engine, DeskConfig config, PolicyCatalogue catalogue, CaseStore store) {
        DeskJournal journal = DeskJournal.of(engine);
        DeskCore core = new DeskCore(config, catalogue, store, journal, journal.file());
        return follow(engine, core, journal);
    }

    /**
     * The desk of a running engine on a case store shared by several {@code serve} nodes (docs/contract.md
     * §7, "Several nodes"; docs/scale-out.md): every node follows its own log and offers its ESCALATE
     * cases to the store, named by its log's id ({@code c-<log12>-<seq>}); any node's reviewers claim
     * any case; a review is written to this node's log, linked to a decision in another node's log by
     * that log's id. The store outlives the node: opening reads this node's log and offers the store
     * only what it does not hold yet (a case, or a review written just before the node stopped).
     *
     * @throws IllegalStateException when the engine has no audit log
     */
    public static ReviewDesk openShared(Greenlight engine, DeskConfig config, PolicyCatalogue catalogue, CaseStore store) {
        DeskJournal journal = DeskJournal.of(engine);
        DeskCore core = new DeskCore(config, catalogue, store, journal, journal.file(), true);
        return follow(engine, core, journal);
    }

    /** As {@link #openShared(Greenlight, DeskConfig, PolicyCatalogue, CaseStore)}, with the rules directory's catalogue. */
    public static ReviewDesk openShared(Greenlight engine, DeskConfig config, CaseStore store) {
        return openShared(engine, config, catalogueOf(engine), store);
    }

    private static ReviewDesk follow(Greenlight engine, DeskCore core, DeskJournal journal) {
        Follower follower = new Follower(core);
        engine.addRecordedListener(follower); // before reading: nothing decided meanwhile is missed
        try {
            long last = LogRebuild.rebuild(core, journal.file());
            core.goLive();
            follower.goLive(last);
        } catch (RuntimeException e) {
            engine.removeRecordedListener(follower);
            throw e;
        }
        return new ReviewDesk(core, engine, follower);
    }

    /**
     * The desk over an audit log the caller opened for writing (the CLI, on a log no process holds):
     * rebuilt from it in one read; decisions and appeals are written to it.
     */
    public static ReviewDesk open(AuditLog log, PolicyCatalogue catalogue, DeskConfig config) {
        DeskCore core = new DeskCore(config, catalogue, new MemoryCaseStore(), DeskJournal.of(log, config.clock()),
                log.file());
        LogRebuild.rebuild(core, log.file());
        core.goLive();
        return new ReviewDesk(core, null, null);
    }

    /**
     * A desk that only reads: the queues rebuilt from the log at {@code logFile} as it is now (a log a
     * writer holds can be read). Deciding and appealing throw {@link IllegalStateException}.
     */
    public static ReviewDesk read(Path logFile, PolicyCatalogue catalogue, DeskConfig config) {
        DeskCore core = new DeskCore(config, catalogue, new MemoryCaseStore(), null, logFile);
        LogRebuild.rebuild(core, logFile);
        return new ReviewDesk(core, null, null);
    }

    private static PolicyCatalogue catalogueOf(Greenlight engine) {
        try {
            Path dir = Path.of(engine.loadedRules().ref().id());
            if (Files.isRegularFile(dir.resolve("catalogue.yaml"))) {
                return PolicyCatalogue.load(dir);
            }
        } catch (InvalidPathException e) {
            // rules that are not a directory: no catalogue
        }
        return PolicyCatalogue.empty();
    }

    /**
     * Claims the next case of {@code queue} for {@code who}: the highest priority, then the oldest,
     * open case nobody holds (never an appeal against {@code who}'s own decision), with a lease of
     * {@link DeskConfig#lease()}. Never the same case to two callers.
     *
     * @return empty when there is none
     * @throws DeskAccessException for an auditor, or a reviewer asking for the lead queue
     */
    public Optional<Case> next(Queue queue, Account who) {
        return core.next(queue, who);
    }

    /** Extends the caller's claim by a full lease from now (the version does not change: an open form stays valid). */
    public Case renew(String caseId, Account who) {
        return core.renew(caseId, who);
    }

    /** Gives a claimed case back to its queue (the holder, or a lead); its version rises. */
    public Case release(String caseId, Account who) {
        return core.release(caseId, who);
    }

    /**
     * Hands an undecided case to {@code toAccount}, claimed with a fresh lease (LEAD role only). The
     * desk does not know the users file: the caller checks that {@code toAccount} exists and may
     * work the case's queue.
     */
    public Case reassign(String caseId, String toAccount, Account lead) {
        return core.reassign(caseId, toAccount, lead);
    }

    /**
     * Decides a case the caller holds at {@code request.version()}: writes one chained review record
     * (reviewer = {@code who}'s name; the case, queue, policy, artist message and note in it), then
     * closes the case (APPROVE, APPROVE_WITH_CONDITIONS, REJECT) or moves it to the lead queue, open (ESCALATE).
     *
     * @return the case after the decision
     * @throws CaseConflictException when {@code who} does not hold the claim (or its lease lapsed),
     *     the version is stale, or the case is closed; nothing is recorded
     * @throws DeskException for an unknown policy, a REJECT without an artist message, control
     *     characters, texts over their limits, or conditions that do not fit the verdict (unknown ids, none
     *     with APPROVE_WITH_CONDITIONS, any with another verdict); the field is {@code conditions}
     */
    public Case decide(String caseId, ReviewRequest request, Account who) {
        return core.decide(caseId, request, who);
    }

    /**
     * Records a review of a decision without a claim, for the CLI on a log no process holds (a server
     * running the desk refuses its older {@code POST /v1/reviews}): it decides the decision's undecided case when there is one
     * (closing it, or moving it to the lead queue on ESCALATE), else it is recorded beside the
     * decision. A review that would replace an earlier human APPROVE or REJECT (with no case open) is
     * refused with {@link CaseConflictException} naming the verdict and who decided, unless
     * {@code appeal} (the outcome of an appeal made elsewhere, recorded in the appeal queue) or
     * {@code force}. {@code policy} is checked against the catalogue when it has policies.
     *
     * @return the case after the review; empty when the decision had no undecided case
     */
    public Optional<Case> reviewWithoutClaim(String decisionId, Verdict verdict, String policy, String artistMessage,
                                             String note, Account who, boolean appeal, boolean force) {
        return core.reviewWithoutClaim(decisionId, verdict, policy, artistMessage, note, who, appeal, force);
    }

    /**
     * Records an artist's appeal against a decided decision (an {@code appeal} record with the
     * text) and opens a case for it in the appeal queue.
     *
     * @param text the artist's words, 1 to 2,000 characters, no control characters but line breaks and tabs
     * @return the appeal case
     * @throws CaseConflictException when the decision was appealed already, or is still being reviewed
     * @throws NoSuchElementException when the desk knows no such decision
     */
    public Case appeal(String decisionId, String text) {
        return core.appeal(decisionId, text);
    }

    /**
     * Cases of a queue in queue order (priority, then age).
     *
     * @param state  {@code null} for every state
     * @param offset from 0
     * @param limit  1 to 1,000
     */
    public List<Case> list(Queue queue, CaseState state, int offset, int limit) {
        return core.list(queue, state, offset, limit);
    }

    public Optional<Case> get(String caseId) {
        return core.get(caseId);
    }

    /** Every case, open and closed, in case id order (for comparisons after a rebuild, and tools). */
    public List<Case> cases() {
        return core.all();
    }

    /**
     * True when the decision still waits for a human: it has an undecided case in any queue (an
     * ESCALATE to the lead keeps it undecided; a pending appeal makes it undecided again).
     */
    public boolean undecided(String decisionId) {
        return core.undecided(decisionId);
    }

    /** A decision with its case, history and final verdict; empty when the log holds no such decision. */
    public Optional<DecisionView> decision(String decisionId) {
        return core.decision(decisionId);
    }

    /** A submitter's decisions, newest first, at most {@code limit} (1 to 1,000). */
    public List<DecisionView> bySubmitter(String submitterId, int limit) {
        return core.bySubmitter(submitterId, limit);
    }

    /** Each queue now, in {@link Queue} order. */
    public List<QueueStats> stats() {
        return core.stats();
    }

    public DeskMetrics metrics() {
        return core.metrics();
    }

    /** The policies reviewers decide under. */
    public PolicyCatalogue catalogue() {
        return core.catalogue();
    }

    public DeskConfig config() {
        return core.config();
    }

    /** Tells {@code listener} of every recorded change of a case from now on (see {@link DeskListener}). */
    public void addListener(DeskListener listener) {
        core.addListener(listener);
    }

    public void removeListener(DeskListener listener) {
        core.removeListener(listener);
    }

    /**
     * How many recorded decisions, appeals and reviews a shared store has not taken into their case yet: it failed
     * (PostgreSQL down) when they were recorded. They stay recorded in the audit log, and the desk
     * offers them again in the background in seq order (1 s after the failure, the wait doubling up
     * to 30 s) until the store takes them. Always 0 for a desk on its own store.
     */
    public int unoffered() {
        return core.unoffered();
    }

    /** Since when {@link #unoffered()} has been above 0; empty while it is 0. */
    public Optional<java.time.Instant> unofferedSince() {
        return core.unofferedSince();
    }

    /**
     * Stops following the engine and offering cases again (the engine and its log stay open: they are
     * the caller's; what the store still lacks is offered by the next {@link #openShared}).
     */
    @Override
    public void close() {
        core.close();
        if (engine != null) {
            engine.removeRecordedListener(Objects.requireNonNull(follower));
        }
    }
}
