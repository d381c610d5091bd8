package dev.greenlight.engine;

import dev.greenlight.audit.Appeal;
import dev.greenlight.audit.AuditLog;
import dev.greenlight.audit.FulfilmentRecord;
import dev.greenlight.audit.DecisionRef;
import dev.greenlight.audit.Review;
import dev.greenlight.audit.ReviewDetails;
import dev.greenlight.engine.internal.CompiledRules;
import dev.greenlight.engine.internal.RuleEvaluator;
import dev.greenlight.engine.internal.RuleFiles;
import dev.greenlight.engine.internal.UuidV7;
import dev.greenlight.host.DecisionListener;
import dev.greenlight.host.EvidenceCollector;
import dev.greenlight.host.PluginHost;
import dev.greenlight.host.PluginStatus;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Fulfilment;
import dev.greenlight.model.RulesetRef;
import dev.greenlight.model.Signal;
import dev.greenlight.model.Submission;
import dev.greenlight.model.Verdict;
import dev.greenlight.ruleset.RuleCompilationException;
import dev.greenlight.ruleset.RuleProblem;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The decision engine. Build one with {@link #builder()}, share it across threads, and
 * {@link #close()} it when done (it closes its audit log).
 *
 * <pre>{@code
 * try (Greenlight engine = Greenlight.builder()
 *         .rulesDirectory(Path.of("rules/policies"))
 *         .auditLog(Path.of("/var/lib/greenlight/audit.jsonl"))
 *         .build()) {
 *     Decision d = engine.decide(submission);
 * }
 * }</pre>
 *
 * <p>A facade: deciding is done by the {@code DecisionPipeline} (no I/O), making a decision final
 * by the {@code Recorder} (audit log, then sinks, logger and listeners), serving rules by
 * {@code LiveRules}, and plugins by {@code PluginSet}.
 *
 * <p>Thread-safe: concurrent {@link #decide} calls are independent and give the same results as
 * sequential ones. Its configuration is fixed; only the rules and plugins it serves can change at
 * run time, each swapped atomically ({@link #reloadRules()}, {@link #reloadPlugins()}, and the shadow
 * rules of {@link #startShadow}): a decision reads the rules once and finishes on them, and names
 * them in {@code ruleset}. Deciding never approves on an error: a rule that throws, a runaway
 * rule or a failing plugin yields {@code ESCALATE} with a reason naming it; a decision that cannot be
 * recorded in the audit log is not returned at all ({@link dev.greenlight.audit.AuditException}).
 */
public final class Greenlight implements AutoCloseable {
    /** Logger on which every decision is also logged: INFO one line, DEBUG the whole decision. */
    public static final String DECISIONS_LOGGER = "greenlight.decisions";
    /** Rule name of the reason added when no rule voted. */
    public static final String DEFAULT_RULE = DecisionPipeline.DEFAULT_RULE;

    /**
     * Evaluations of recent inputs that warm new rules before the swap: past Drools' threshold for
     * jitting a constraint (20 evaluations) for constraints on the submission, which is inserted once
     * per decision; signals and media, inserted several times each, get there sooner.
     */
    static final int WARM_EVALUATIONS = 32;
    /**
     * At most this long for those evaluations: the reload waits for them. The first few, the costly
     * ones (5-40 ms each, cold), fit; under load the rest are cut rather than stretch the reload.
     */
    static final Duration WARM_BUDGET = Duration.ofMillis(150);

    /** The live and shadow rules, swapped atomically on reload; each decision reads them once. */
    private final LiveRules rules;
    private final RuleEvaluator evaluator;
    private final EvidenceCollector evidence;
    /** The plugin host behind a swappable lease (reloadPlugins); null without plugins. */
    private final PluginSet plugins;
    private final GreenlightListener listeners;
    private final OpenConditions openConditions;
    /** The builder's listeners without {@link #openConditions}: what a dry run's decisions go to. */
    private final GreenlightListener unrecordedListeners;
    /** Told of each decision once its record is durable (the review desk); shared with a dry-run copy, which records nothing. */
    private final RecordedListeners recorded;
    private final DecisionPipeline pipeline;
    private final Recorder recorder;
    private final Verdict defaultVerdict;
    private final Clock clock;
    private final Path mediaRoot;
    /** False for an engine derived from another ({@link #dryRun()}): closing it closes nothing shared. */
    private final boolean owner;

    Greenlight(GreenlightBuilder b, CompiledRules rules, PluginHost plugins, AuditLog audit) {
        this.openConditions = new OpenConditions(b.clock);
        this.unrecordedListeners = Listeners.of(b.listeners);
        List<GreenlightListener> all = new ArrayList<>(b.listeners);
        all.add(0, openConditions);
        // only recorded decisions have conditions to fulfil
        this.listeners = audit == null ? unrecordedListeners : Listeners.of(all);
        this.recorded = new RecordedListeners();
        GreenlightBuilder tests = b.forPolicyTests();
        RecentInputs recent = new RecentInputs();
        this.evaluator = new RuleEvaluator(b.maxRuleFirings, b.ruleTimeout);
        this.rules = new LiveRules(b.ruleSource(), rules, b.requirePolicyTests, c -> new Greenlight(tests, c, null, null),
                b.clock, listeners, b.maxRuleFirings, b.ruleTimeout, evaluator,
                (ev, next) -> ev.prepare(next, recent.list(), WARM_EVALUATIONS, WARM_BUDGET));
        this.plugins = plugins == null ? null : new PluginSet(plugins, b.pluginStarter(), b.pluginTimeout.plusSeconds(5), b.clock);
        this.evidence = this.plugins != null ? this.plugins : b.evidence;
        DecisionListener sinks = this.plugins != null ? this.plugins : DecisionListener.NONE;
        this.defaultVerdict = b.defaultVerdict;
        this.clock = b.clock;
        this.mediaRoot = b.mediaRoot;
        this.pipeline = new DecisionPipeline(this.rules, evaluator, evidence, b.defaultVerdict, b.clock,
                b.ids != null ? b.ids : new UuidV7(b.clock), b.ticker, recent);
        Publisher publisher = new Publisher(sinks, listeners, b.ticker);
        this.recorder = audit == null ? Recorder.none(publisher) : Recorder.audit(audit, publisher, b.ticker, recorded);
        this.owner = true;
    }

    /** The same engine, recording through {@code recorder}: shares rules, plugins and pipeline. */
    private Greenlight(Greenlight parent, Recorder recorder) {
        this.rules = parent.rules;
        this.evaluator = parent.evaluator;
        this.evidence = parent.evidence;
        this.plugins = parent.plugins;
        this.listeners = parent.listeners;
        this.unrecordedListeners = parent.unrecordedListeners;
        this.openConditions = parent.openConditions;
        this.recorded = parent.recorded;
        this.pipeline = parent.pipeline;
        this.recorder = recorder;
        this.defaultVerdict = parent.defaultVerdict;
        this.clock = parent.clock;
        this.mediaRoot = parent.mediaRoot;
        this.owner = false;
    }

    /** What build() does once the engine exists: policy cases, shadow, watch, listeners. */
    void start(GreenlightBuilder b, CompiledRules compiled, RuleFiles all) {
        List<String> failures = rules.caseFailures(compiled, all);
        if (!failures.isEmpty()) {
            throw new GreenlightConfigurationException("policy tests are required and " + failures.size()
                    + " failed: " + String.join("; ", failures));
        }
        if (b.shadowRules != null) {
            ReloadResult r = rules.startShadow(b.shadowRules);
            if (!r.succeeded()) {
                throw new RuleCompilationException(r.candidate() == null ? b.shadowRules.toString() : r.candidate().id(),
                        r.problems());
            }
        }
        if (b.watchRules != null) {
            rules.watch(b.watchRules);
        }
        listeners.engineStarted(this);
    }

    /** A builder with the defaults: shipped rules on the classpath, ESCALATE by default, no audit log. */
    public static GreenlightBuilder builder() {
        return new GreenlightBuilder();
    }

    /**
     * This engine without its audit log: the same rules, plugins, sinks and listeners, and decisions
     * that are made and published but recorded nowhere. For previews and dry runs beside a recording
     * engine. It lives as long as this engine; closing it closes nothing.
     */
    public Greenlight dryRun() {
        return new Greenlight(this, Recorder.none(new Publisher(plugins != null ? plugins : DecisionListener.NONE,
                unrecordedListeners, System::nanoTime)));
    }

    /** Decides one submission, resolving media paths against the engine's media root. */
    public Decision decide(Submission submission) {
        return decide(submission, mediaRoot);
    }

    /**
     * Decides one submission, resolving its relative media paths against {@code mediaRoot} (e.g. the
     * directory of the file it came from); {@code null} means media files cannot be opened.
     *
     * @throws dev.greenlight.audit.AuditException when an audit log is configured and the decision
     *     could not be recorded; the decision is then not acknowledged
     */
    public Decision decide(Submission submission, Path mediaRoot) {
        Objects.requireNonNull(submission, "submission");
        return recorder.record(pipeline.decide(submission, mediaRoot));
    }

    /**
     * Decides with the given signals instead of running the plugins: how policy tests inject
     * evidence, and how a replay re-decides with the signals that were logged. The decision lists
     * no plugins.
     */
    public Decision decide(Submission submission, List<Signal> signals) {
        Objects.requireNonNull(submission, "submission");
        Objects.requireNonNull(signals, "signals");
        return recorder.record(pipeline.decide(submission, signals));
    }

    /**
     * Decides a batch and records it with one durable commit: each submission is decided as
     * {@link #decide(Submission, Path)} does, then all records are written together and forced to
     * disk once (usually a single fsync), and only then are the decisions returned, in order. A failed
     * commit returns none ({@link dev.greenlight.audit.AuditException}). This is how a caller with many
     * submissions in hand gets the throughput of group commit from one thread.
     */
    public List<Decision> decideAll(List<Submission> submissions, Path mediaRoot) {
        Objects.requireNonNull(submissions, "submissions");
        Recorder.Batch batch = recorder.batch();
        for (Submission s : submissions) {
            batch.add(pipeline.decide(Objects.requireNonNull(s, "submission"), mediaRoot));
        }
        return batch.commit();
    }

    /**
     * Decides as {@link #decide(Submission, Path)} does, and also says why: every rule that fired, in
     * order, with the facts it matched and its bound values. An explanation is a look, not a
     * decision: it is not recorded in the audit log or sent to sinks.
     */
    public Explanation explain(Submission submission, Path mediaRoot) {
        return pipeline.explain(Objects.requireNonNull(submission, "submission"), mediaRoot);
    }

    /** As {@link #explain(Submission, Path)}, with the given signals instead of running the plugins. */
    public Explanation explain(Submission submission, List<Signal> signals) {
        return pipeline.explain(Objects.requireNonNull(submission, "submission"), Objects.requireNonNull(signals, "signals"));
    }

    /** The compiled rules serving now: package-private, for tests that look inside them. */
    CompiledRules liveCompiled() {
        return rules.live().compiled();
    }

    /**
     * Re-decides {@code submission} with the evidence recorded in {@code recorded} (its signals, the
     * plugins that ran and the reasons their failures added) instead of running the plugins: what
     * these rules make of a logged decision's inputs. Like an explanation, a replay is not a
     * decision: it is not recorded in the audit log or sent to sinks.
     */
    public Decision replay(Submission submission, Decision recorded) {
        Objects.requireNonNull(submission, "submission");
        Objects.requireNonNull(recorded, "recorded");
        return pipeline.replay(submission, recorded);
    }

    /**
     * Records a reviewer's verdict on a logged decision in the audit log: it becomes the decision's
     * final verdict; a later review of the same decision is an appeal.
     *
     * @throws IllegalStateException when the engine has no audit log
     * @throws IllegalArgumentException when the log holds no such decision, an argument is out of bounds, or the
     *     verdict is {@code APPROVE_WITH_CONDITIONS} (this review names no conditions; the review desk's does)
     * @throws dev.greenlight.audit.AuditException when the review could not be recorded
     */
    public Review review(String decisionId, String reviewer, Verdict verdict, String note) {
        if (verdict == Verdict.APPROVE_WITH_CONDITIONS) {
            // fail closed: a conditional approval without its conditions would tell the integrator nothing
            // to do; the review desk's review (with ReviewDetails) names them
            throw new IllegalArgumentException(NO_REVIEWED_CONDITIONS);
        }
        AuditLog audit = recorder.log().orElseThrow(() ->
                new IllegalStateException("reviews are recorded in the audit log, and this engine has none"));
        return audit.review(decisionId, reviewer, verdict, note, clock.instant());
    }

    /** Why a review that names no conditions cannot decide APPROVE_WITH_CONDITIONS. */
    public static final String NO_REVIEWED_CONDITIONS = "a reviewer's APPROVE_WITH_CONDITIONS needs conditions, which this "
            + "review does not name: decide it at the review desk, which names them (docs/contract.md §8), or decide "
            + "APPROVE, ESCALATE or REJECT";

    /** Conditions only with APPROVE_WITH_CONDITIONS, and that verdict only with conditions (fail closed). */
    private static void checkConditions(Verdict verdict, ReviewDetails details) {
        Objects.requireNonNull(details, "details");
        if (verdict == Verdict.APPROVE_WITH_CONDITIONS && details.conditions().isEmpty()) {
            throw new IllegalArgumentException(NO_REVIEWED_CONDITIONS);
        }
        if (verdict != Verdict.APPROVE_WITH_CONDITIONS && !details.conditions().isEmpty()) {
            throw new IllegalArgumentException("conditions: only APPROVE_WITH_CONDITIONS takes conditions, not " + verdict);
        }
    }

    /**
     * Records in the audit log that conditions of a logged conditional approval were met
     * (docs/contract.md §8): each with the evidence the pack's condition vocabulary asks for. The
     * record is chained into the log and links to the decision's record.
     *
     * @throws IllegalStateException when the engine has no audit log
     * @throws IllegalArgumentException naming the problem, with nothing recorded, when the log holds no
     *     such decision, its final verdict is not {@code APPROVE_WITH_CONDITIONS}, or a condition is
     *     not one the decision carries (an id the pack does not define included), already fulfilled,
     *     named twice, or its evidence is blank or over 2,000 characters
     * @throws dev.greenlight.audit.AuditException when the fulfilment could not be recorded
     */
    public FulfilmentRecord fulfil(String decisionId, List<Fulfilment> conditions) {
        AuditLog audit = recorder.log().orElseThrow(() ->
                new IllegalStateException("fulfilments are recorded in the audit log, and this engine has none"));
        FulfilmentRecord f = audit.fulfil(decisionId, conditions, clock.instant());
        listeners.conditionsFulfilled(f);
        recorded.fulfilled(f);
        return f;
    }

    /** Conditions set on decisions this engine recorded since it started and not yet fulfilled through it. */
    public int openConditions() {
        return openConditions.open();
    }

    /** Of {@link #openConditions()}, those past their deadline now. */
    public int overdueConditions() {
        return openConditions.overdue();
    }

    /**
     * As {@link #review(String, String, Verdict, String)}, with the review desk's members (case,
     * queue, policy, artist message, conditions) in the record. {@code APPROVE_WITH_CONDITIONS} needs
     * one or more condition ids in {@code details} (the desk checks them against the pack); any other
     * verdict takes none.
     */
    public Review review(String decisionId, String reviewer, Verdict verdict, String note, ReviewDetails details) {
        checkConditions(verdict, details);
        return requireLog("reviews").review(decisionId, reviewer, verdict, note, clock.instant(), details);
    }

    /**
     * As {@link #review(String, String, Verdict, String, ReviewDetails)}, linking to {@code known}
     * (a decision the caller read from this engine's log) when the log's index no longer holds it.
     */
    public Review review(DecisionRef known, String reviewer, Verdict verdict, String note, ReviewDetails details) {
        checkConditions(verdict, details);
        return requireLog("reviews").review(known, reviewer, verdict, note, clock.instant(), details);
    }

    /** As {@link #appeal(String, String, String)}, linking to {@code known} when the log's index no longer holds it. */
    public Appeal appeal(DecisionRef known, String caseId, String text) {
        return requireLog("appeals").appeal(known, caseId, text, clock.instant());
    }

    /**
     * Records an artist's appeal against a logged decision (an {@code appeal} record linked to the
     * decision's record); it changes no verdict.
     *
     * @throws IllegalStateException when the engine has no audit log
     * @throws IllegalArgumentException when the log holds no such decision, or the text is out of bounds
     * @throws dev.greenlight.audit.AuditException when the appeal could not be recorded
     */
    public Appeal appeal(String decisionId, String caseId, String text) {
        return requireLog("appeals").appeal(decisionId, caseId, text, clock.instant());
    }

    private AuditLog requireLog(String what) {
        return recorder.log().orElseThrow(() ->
                new IllegalStateException(what + " are recorded in the audit log, and this engine has none"));
    }

    /**
     * The audit log's id (the hash of its first record); empty without an audit log, or while it holds
     * no record. A review desk shared by several nodes names cases and cross-log links with it.
     */
    public Optional<String> auditLogId() {
        return recorder.log().flatMap(AuditLog::logId);
    }

    /** The audit log's first segment, where readers start; empty without an audit log. */
    public Optional<Path> auditFile() {
        return recorder.log().map(AuditLog::file);
    }

    /**
     * Tells {@code listener} of every decision once its audit record is durable, from now on (see
     * {@link RecordedDecisionListener}). An engine without an audit log never calls it.
     */
    public void addRecordedListener(RecordedDecisionListener listener) {
        recorded.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Stops telling {@code listener}; no-op when it was not added. */
    public void removeRecordedListener(RecordedDecisionListener listener) {
        recorded.remove(listener);
    }

    /** The rules this engine decides with now (a reload may change them). */
    public RulesetRef ruleset() {
        return rules.live().compiled().ref();
    }

    /** Warnings the policy check raised when the rules loaded (rules that vote without a policy id, …). */
    public List<RuleProblem> ruleWarnings() {
        return rules.live().compiled().warnings();
    }

    /** The names of every rule in the rule set, sorted (table rows included). */
    public List<String> ruleNames() {
        return rules.live().compiled().ruleNames();
    }

    /** The number of rules in the rule set. */
    public int ruleCount() {
        return rules.live().compiled().ruleCount();
    }

    /** The live rules as one consistent snapshot: version, when loaded, rules, warnings. */
    public LoadedRules loadedRules() {
        return rules.live().info();
    }

    /** The shadow rules, while a shadow runs ({@link #startShadow}). */
    public Optional<LoadedRules> shadowRules() {
        LiveRules.Shadow s = rules.shadow();
        return s == null ? Optional.empty() : Optional.of(s.rules().info());
    }

    /**
     * Reads the rules again from where they were configured (directory or classpath), compiles them,
     * which runs the policy check, and, with {@code requirePolicyTests}, runs their policy cases; only
     * then swaps them in, atomically. Decisions in flight finish on the rules they started with;
     * decisions never wait for a reload. A candidate that fails is reported in the result (and logged,
     * and counted) and the current rules go on serving. Reloads are serialised. Never throws for bad
     * rules.
     *
     * @throws IllegalStateException when the engine is closed
     */
    public ReloadResult reloadRules() {
        return rules.reload();
    }

    /**
     * Runs the rules in {@code rulesDirectory} as a shadow beside the live rules: every decision is
     * also decided by them, with the same submission and signals; their verdict is recorded beside the
     * live one (the audit record's {@code shadow} member, the {@code greenlight.shadow} logger when
     * they differ, the listeners) and never enforced. Replaces any shadow. To promote the shadow, put
     * its files in the rules directory and reload: once the live rules have the shadow's version, the
     * shadow stops.
     *
     * <p>The candidate is compiled and policy-checked like any rule set; its policy cases are not
     * required to pass (a shadow is how a change is tried), the reload that promotes it runs them.
     *
     * @return the outcome; a rejected candidate does not run (an earlier shadow, if any, runs on)
     */
    public ReloadResult startShadow(Path rulesDirectory) {
        return rules.startShadow(Objects.requireNonNull(rulesDirectory, "shadow rules directory"));
    }

    /** Stops the shadow rules, if any run. */
    public void stopShadow() {
        rules.stopShadow();
    }

    /**
     * Starts the plugins afresh (a new plugin manager over the same plugins directory) and, once they
     * have started, swaps them in; the old plugin set is closed after the calls in flight on it end.
     * When the new set cannot start (e.g. strict mode and a plugin fails), the old one serves on.
     *
     * @throws IllegalStateException when the engine runs no plugins, or is closed
     */
    public PluginReloadResult reloadPlugins() {
        if (plugins == null) {
            throw new IllegalStateException("this engine runs no plugins (no plugins directory was configured)");
        }
        PluginReloadResult r = plugins.reload();
        listeners.pluginsReloaded(r);
        return r;
    }

    /** Why the audit log accepts no more records (it stops for good after a failed write); empty when it does, or when there is none. */
    public Optional<String> auditFailure() {
        return recorder.log().flatMap(AuditLog::failure).map(Throwable::getMessage);
    }

    /** Records waiting for the audit log's writer (0 without an audit log). */
    public int auditQueueDepth() {
        return recorder.log().map(AuditLog::queueDepth).orElse(0);
    }

    /** The audit log's counters since it was opened (records, fsyncs, …); empty without an audit log. */
    public Optional<dev.greenlight.audit.AuditStats> auditStats() {
        return recorder.log().map(AuditLog::stats);
    }

    /** The plugins and their state: started, failed (with the reason) or quarantined. Empty without plugins. */
    public List<PluginStatus> plugins() {
        return plugins == null ? List.of() : plugins.statuses();
    }

    /**
     * How far behind each plugin's decision sink is, by plugin id: zero while it has delivered every
     * recorded decision it has seen, else the time since it last had (a sink that is down keeps
     * lagging). Empty without plugins or sinks. A server's readiness turns DOWN past a threshold.
     */
    public java.util.Map<String, java.time.Duration> sinkLags() {
        return plugins == null ? java.util.Map.of() : plugins.sinkLags();
    }

    /** The verdict given when no rule votes. */
    public Verdict defaultVerdict() {
        return defaultVerdict;
    }

    /**
     * Where {@link #decide(Submission)} resolves relative media paths (the builder's {@code mediaRoot});
     * null when none was given. A server that decides batches with {@link #decideAll} passes it on.
     */
    public Path mediaRoot() {
        return mediaRoot;
    }

    /** Closes the audit log and stops plugins. Decisions after this fail. An engine from {@link #dryRun()} closes nothing. */
    @Override
    public void close() {
        if (!owner) {
            return;
        }
        try {
            rules.close();
            evidence.close();
        } finally {
            evaluator.close();
            recorder.close();
        }
    }
}
