package dev.greenlight.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.audit.AuditBatch;
import dev.greenlight.audit.AuditException;
import dev.greenlight.audit.AuditLog;
import dev.greenlight.audit.Review;
import dev.greenlight.engine.internal.CompiledRules;
import dev.greenlight.engine.internal.DecisionListener;
import dev.greenlight.engine.internal.Evidence;
import dev.greenlight.engine.internal.EvidenceCollector;
import dev.greenlight.engine.internal.RuleEvaluator;
import dev.greenlight.engine.internal.RuleFiles;
import dev.greenlight.engine.internal.RuleTrace;
import dev.greenlight.engine.internal.UuidV7;
import dev.greenlight.host.PluginHost;
import dev.greenlight.host.PluginStatus;
import dev.greenlight.json.ModelJson;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Reason;
import dev.greenlight.model.RulesetRef;
import dev.greenlight.model.Signal;
import dev.greenlight.model.Submission;
import dev.greenlight.model.Verdict;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * <p>(Over 400 lines because it is the whole public surface of deciding: decide, explain, replay,
 * review, reload, shadow; the work itself is done by small package classes it delegates to.)
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
    public static final String DEFAULT_RULE = "greenlight.default";

    private static final Logger DECISIONS = LoggerFactory.getLogger(DECISIONS_LOGGER);
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
    private final DecisionListener listener;
    /** The plugin host behind a swappable lease (reloadPlugins); null without plugins. */
    private final PluginSet plugins;
    private final GreenlightListener listeners;
    private final Verdict defaultVerdict;
    private final Clock clock;
    /** Nanosecond ticker for elapsed times (System.nanoTime unless a test injects one). */
    private final LongSupplier ticker;
    private final Supplier<String> ids;
    private final AuditLog audit;
    /**
     * Where {@link #decideAsync} completes its futures: one thread of its own, so that neither the
     * log's writer thread nor a caller runs sinks, listeners and what depends on the future. (Not the
     * common pool: with fewer than three cores CompletableFuture replaces it with a thread per task.)
     */
    private final ExecutorService completions;
    private final Path mediaRoot;
    /** Inputs of recent decisions, to warm new rules with. */
    private final RecentInputs recent = new RecentInputs();

    Greenlight(GreenlightBuilder b, CompiledRules rules, PluginHost plugins, AuditLog audit) {
        this.listeners = Listeners.of(b.listeners);
        GreenlightBuilder tests = b.forPolicyTests();
        this.evaluator = new RuleEvaluator(b.maxRuleFirings, b.ruleTimeout);
        this.rules = new LiveRules(b.ruleSource(), rules, b.requirePolicyTests, c -> new Greenlight(tests, c, null, null),
                b.clock, listeners, b.maxRuleFirings, b.ruleTimeout, evaluator,
                (ev, next) -> ev.prepare(next, recent.list(), WARM_EVALUATIONS, WARM_BUDGET));
        this.plugins = plugins == null ? null : new PluginSet(plugins, b.pluginStarter(), b.pluginTimeout.plusSeconds(5), b.clock);
        this.evidence = this.plugins != null ? this.plugins : b.evidence;
        this.listener = this.plugins != null ? this.plugins : DecisionListener.NONE;
        this.defaultVerdict = b.defaultVerdict;
        this.clock = b.clock;
        this.ticker = b.ticker;
        this.ids = b.ids != null ? b.ids : new UuidV7(b.clock);
        this.audit = audit;
        this.completions = audit == null ? null : Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "greenlight-decided");
            t.setDaemon(true);
            return t;
        });
        this.mediaRoot = b.mediaRoot;
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
        long start = ticker.getAsLong();
        Instant decidedAt = clock.instant();
        return finish(submission, evidence.collect(submission, mediaRoot), decidedAt, start, null, true);
    }

    /**
     * Decides as {@link #decide(Submission, Path)} does, without a thread waiting for the audit log:
     * the decision is made in the calling thread, and the future completes with it once its record is
     * durable. When the record cannot be made durable the future completes exceptionally with
     * {@link AuditException}, and the decision must not be acknowledged; any other
     * failure is thrown here, as {@code decide} throws it. Sinks, listeners and metrics see the
     * decision when the future completes, as they do for {@code decide}. The future completes in a
     * thread of the engine's own, never in the log's writer thread, so what depends on it should be
     * quick or move elsewhere. Without an audit log the future is already complete.
     *
     * <p>For servers that handle requests asynchronously: with {@code decide}, every decision waiting
     * for its fsync holds a thread, and parking and waking those threads costs more than the log itself
     * on a small machine (see README "Performance").
     */
    public CompletableFuture<Decision> decideAsync(Submission submission, Path mediaRoot) {
        Objects.requireNonNull(submission, "submission");
        long start = ticker.getAsLong();
        Instant decidedAt = clock.instant();
        return recordAsync(submission, evidence.collect(submission, mediaRoot), decidedAt, start);
    }

    /** As {@link #decideAsync(Submission, Path)}, with the given signals instead of running the plugins. */
    public CompletableFuture<Decision> decideAsync(Submission submission, List<Signal> signals) {
        Objects.requireNonNull(submission, "submission");
        Objects.requireNonNull(signals, "signals");
        long start = ticker.getAsLong();
        Instant decidedAt = clock.instant();
        return recordAsync(submission, new Evidence(signals, List.of(), List.of()), decidedAt, start);
    }

    private CompletableFuture<Decision> recordAsync(Submission submission, Evidence found, Instant decidedAt, long start) {
        Decision decision = finish(submission, found, decidedAt, start, null, false);
        ShadowVerdict shadow = shadow(submission, found);
        if (audit == null) {
            published(decision, submission, shadow, start);
            return CompletableFuture.completedFuture(decision);
        }
        long t0 = ticker.getAsLong();
        return audit.appendAsync(decision, submission, shadow == null ? null : ShadowRecord.json(shadow))
                .handleAsync((seq, failure) -> {
                    if (failure != null) {
                        Throwable cause = failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure;
                        RuntimeException e = cause instanceof RuntimeException r ? r
                                : new AuditException("audit log failed: " + cause, cause);
                        listeners.decisionFailed(submission, e);
                        throw e;
                    }
                    listeners.auditAppended(ticker.getAsLong() - t0);
                    published(decision, submission, shadow, start);
                    return decision;
                }, completions);
    }

    /**
     * Decides with the given signals instead of running the plugins: how policy tests inject
     * evidence, and how a replay re-decides with the signals that were logged. The decision lists
     * no plugins.
     */
    public Decision decide(Submission submission, List<Signal> signals) {
        Objects.requireNonNull(submission, "submission");
        Objects.requireNonNull(signals, "signals");
        long start = ticker.getAsLong();
        Instant decidedAt = clock.instant();
        return finish(submission, new Evidence(signals, List.of(), List.of()), decidedAt, start, null, true);
    }

    /**
     * Decides as {@link #decide(Submission, Path)} does, and also says why: every rule that fired, in
     * order, with the facts it matched and its bound values. An explanation is a look, not a
     * decision: it is not recorded in the audit log or sent to sinks.
     */
    public Explanation explain(Submission submission, Path mediaRoot) {
        Objects.requireNonNull(submission, "submission");
        long start = ticker.getAsLong();
        RuleTrace trace = new RuleTrace();
        Decision d = finish(submission, evidence.collect(submission, mediaRoot), clock.instant(), start, trace, false);
        return Explanation.of(d, trace);
    }

    /** As {@link #explain(Submission, Path)}, with the given signals instead of running the plugins. */
    public Explanation explain(Submission submission, List<Signal> signals) {
        Objects.requireNonNull(submission, "submission");
        long start = ticker.getAsLong();
        RuleTrace trace = new RuleTrace();
        Decision d = finish(submission, new Evidence(signals, List.of(), List.of()), clock.instant(), start, trace, false);
        return Explanation.of(d, trace);
    }

    /** After a decision is durable: sinks, the decisions logger, shadow reporting, metrics. */
    private void published(Decision decision, Submission submission, ShadowVerdict shadow, long start) {
        listener.recorded(decision, submission);
        log(decision);
        if (shadow != null) {
            ShadowRecord.log(decision, shadow);
            listeners.shadowDecided(decision, shadow);
        }
        listeners.decided(decision, ticker.getAsLong() - start);
    }

    /**
     * Decides a batch and records it with one durable commit: each submission is decided as
     * {@link #decide(Submission, Path)} does, then all records are written together and forced to
     * disk once (usually a single fsync), and only then are the decisions returned. A failed commit
     * returns none ({@link dev.greenlight.audit.AuditException}). This is how a caller with many
     * submissions in hand gets the throughput of group commit from one thread.
     */
    public List<Decision> decideAll(List<Submission> submissions, Path mediaRoot) {
        Objects.requireNonNull(submissions, "submissions");
        long start = ticker.getAsLong();
        List<Decision> decisions = new ArrayList<>(submissions.size());
        List<ShadowVerdict> shadows = new ArrayList<>(submissions.size());
        AuditBatch records = audit == null ? null : audit.batch(); // serialised on another core as we go
        for (Submission s : submissions) {
            Objects.requireNonNull(s, "submission");
            long t = ticker.getAsLong();
            Instant decidedAt = clock.instant();
            Evidence found = evidence.collect(s, mediaRoot);
            Decision d = finish(s, found, decidedAt, t, null, false);
            ShadowVerdict shadow = shadow(s, found);
            decisions.add(d);
            shadows.add(shadow);
            if (records != null) {
                records.add(d, s, shadow == null ? null : ShadowRecord.json(shadow));
            }
        }
        if (records != null && records.size() > 0) {
            long t0 = ticker.getAsLong();
            try {
                records.commit();
            } catch (RuntimeException e) {
                submissions.forEach(s -> listeners.decisionFailed(s, e));
                throw e;
            }
            listeners.auditAppended(ticker.getAsLong() - t0);
        }
        for (int i = 0; i < decisions.size(); i++) {
            published(decisions.get(i), submissions.get(i), shadows.get(i), start);
        }
        return decisions;
    }

    private Decision finish(Submission submission, Evidence found, Instant decidedAt, long start, RuleTrace trace,
                            boolean record) {
        // read once: a reload during this decision does not change the rules it is made with
        CompiledRules live = rules.live().compiled();
        recent.offer(submission, found.signals());
        List<Reason> reasons = reasons(evaluator, live, submission, found, trace);
        Verdict verdict = combine(reasons);
        long elapsed = (ticker.getAsLong() - start) / 1_000;
        Decision decision = new Decision(ids.get(), submission.getId(), verdict, reasons, found.signals(),
                live.ref(), found.runs(), decidedAt, elapsed);
        if (!record) {
            return decision;
        }
        ShadowVerdict shadow = shadow(submission, found);
        try {
            if (audit != null) {
                long t0 = ticker.getAsLong();
                audit.append(decision, submission, shadow == null ? null : ShadowRecord.json(shadow));
                listeners.auditAppended(ticker.getAsLong() - t0);
            }
        } catch (RuntimeException e) {
            listeners.decisionFailed(submission, e);
            throw e;
        }
        published(decision, submission, shadow, start);
        return decision;
    }

    /** The compiled rules serving now: package-private, for tests that look inside them. */
    CompiledRules liveCompiled() {
        return rules.live().compiled();
    }


    /** Every reason for a decision with {@code compiled}: plugin failures, then the votes, else the default. */
    private List<Reason> reasons(RuleEvaluator ev, CompiledRules compiled, Submission submission, Evidence found,
                                 RuleTrace trace) {
        List<Reason> reasons = new ArrayList<>(found.reasons());
        reasons.addAll(ev.evaluate(compiled, submission, found.signals(), trace));
        if (reasons.isEmpty()) {
            reasons.add(new Reason(DEFAULT_RULE, defaultVerdict, defaultMessage(defaultVerdict), null));
        }
        return reasons;
    }

    /**
     * What the shadow rules make of the same submission and evidence, by the same path as a live
     * decision; null without a shadow. Never throws: a failing shadow is recorded as such and never
     * touches the live decision.
     */
    private ShadowVerdict shadow(Submission submission, Evidence found) {
        LiveRules.Shadow s = rules.shadow();
        if (s == null) {
            return null;
        }
        CompiledRules compiled = s.rules().compiled();
        long t0 = ticker.getAsLong();
        try {
            List<Reason> reasons = reasons(s.evaluator(), compiled, submission, found, null);
            return new ShadowVerdict(compiled.ref(), combine(reasons), reasons, (ticker.getAsLong() - t0) / 1_000, null);
        } catch (RuntimeException | StackOverflowError e) {
            return new ShadowVerdict(compiled.ref(), null, List.of(), (ticker.getAsLong() - t0) / 1_000, e.toString());
        }
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
        List<Reason> pluginErrors = recorded.reasons().stream()
                .filter(r -> r.rule().equals(PluginHost.PLUGIN_ERROR_RULE)).toList();
        return finish(submission, new Evidence(recorded.signals(), recorded.plugins(), pluginErrors), clock.instant(),
                ticker.getAsLong(), null, false);
    }

    /**
     * Records a reviewer's verdict on a logged decision in the audit log: it becomes the decision's
     * final verdict; a later review of the same decision is an appeal.
     *
     * @throws IllegalStateException when the engine has no audit log
     * @throws IllegalArgumentException when the log holds no such decision, or an argument is out of bounds
     * @throws dev.greenlight.audit.AuditException when the review could not be recorded
     */
    public Review review(String decisionId, String reviewer, Verdict verdict, String note) {
        if (audit == null) {
            throw new IllegalStateException("reviews are recorded in the audit log, and this engine has none");
        }
        return audit.review(decisionId, reviewer, verdict, note, clock.instant());
    }

    /** REJECT over ESCALATE over APPROVE; the default verdict when nothing voted. */
    private Verdict combine(List<Reason> reasons) {
        Verdict v = null;
        for (Reason r : reasons) {
            v = r.verdict().strongest(v);
        }
        return v == null ? defaultVerdict : v;
    }

    private static String defaultMessage(Verdict v) {
        return switch (v) {
            case APPROVE -> "No policy concern applies to this submission.";
            case ESCALATE -> "No policy rule covers this submission, so a reviewer will look at it.";
            case REJECT -> "No policy rule allows this submission.";
        };
    }

    private static void log(Decision d) {
        if (DECISIONS.isInfoEnabled()) {
            DECISIONS.info("decision {} submission {} verdict {} rules {}", d.decisionId(), d.submissionId(),
                    d.verdict(), d.reasons().stream().map(Reason::rule).collect(Collectors.joining(",")));
        }
        if (DECISIONS.isDebugEnabled()) {
            DECISIONS.debug("{}", ModelJson.toJson(d));
        }
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
        return audit == null ? Optional.empty() : audit.failure().map(Throwable::getMessage);
    }

    /** Records waiting for the audit log's writer (0 without an audit log). */
    public int auditQueueDepth() {
        return audit == null ? 0 : audit.queueDepth();
    }

    /** The audit log's counters since it was opened (records, fsyncs, …); empty without an audit log. */
    public Optional<dev.greenlight.audit.AuditStats> auditStats() {
        return audit == null ? Optional.empty() : Optional.of(audit.stats());
    }

    /** The plugins and their state: started, failed (with the reason) or quarantined. Empty without plugins. */
    public List<PluginStatus> plugins() {
        return plugins == null ? List.of() : plugins.statuses();
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

    /** Closes the audit log and stops plugins. Decisions after this fail. */
    @Override
    public void close() {
        try {
            rules.close();
            evidence.close();
        } finally {
            evaluator.close();
            if (audit != null) {
                try {
                    audit.close(); // completes every record still waiting, so their futures complete below
                } finally {
                    closeCompletions();
                }
            }
        }
    }

    /** Lets {@link #decideAsync}'s futures already completing finish (briefly), then stops their thread. */
    private void closeCompletions() {
        completions.shutdown();
        try {
            if (!completions.awaitTermination(5, TimeUnit.SECONDS)) {
                LoggerFactory.getLogger(Greenlight.class).warn("decisions still completing 5 s after the audit log closed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
