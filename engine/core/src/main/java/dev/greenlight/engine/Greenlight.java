package dev.greenlight.engine;

import dev.greenlight.audit.AuditLog;
import dev.greenlight.engine.internal.CompiledRules;
import dev.greenlight.engine.internal.DecisionListener;
import dev.greenlight.engine.internal.Evidence;
import dev.greenlight.engine.internal.EvidenceCollector;
import dev.greenlight.engine.internal.RuleCompiler;
import dev.greenlight.engine.internal.RuleEvaluator;
import dev.greenlight.engine.internal.RuleFiles;
import dev.greenlight.engine.internal.RuleTrace;
import dev.greenlight.engine.internal.UuidV7;
import dev.greenlight.host.PluginHost;
import dev.greenlight.host.PluginSettings;
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
 * <p>Immutable and thread-safe: concurrent {@link #decide} calls are independent and give the same
 * results as sequential ones. Deciding never approves on an error: a rule that throws, a runaway
 * rule or a failing plugin yields {@code ESCALATE} with a reason naming it; a decision that cannot be
 * recorded in the audit log is not returned at all ({@link dev.greenlight.audit.AuditException}).
 */
public final class Greenlight implements AutoCloseable {
    /** Logger on which every decision is also logged: INFO one line, DEBUG the whole decision. */
    public static final String DECISIONS_LOGGER = "greenlight.decisions";
    /** Rule name of the reason added when no rule voted. */
    public static final String DEFAULT_RULE = "greenlight.default";

    private static final Logger DECISIONS = LoggerFactory.getLogger(DECISIONS_LOGGER);

    private final CompiledRules rules;
    private final RuleEvaluator evaluator;
    private final EvidenceCollector evidence;
    private final DecisionListener listener;
    private final PluginHost plugins;
    private final Verdict defaultVerdict;
    private final Clock clock;
    private final Supplier<String> ids;
    private final AuditLog audit;
    private final Path mediaRoot;

    private Greenlight(GreenlightBuilder b, CompiledRules rules, PluginHost plugins, AuditLog audit) {
        this.rules = rules;
        this.evaluator = new RuleEvaluator(b.maxRuleFirings, b.ruleTimeout);
        this.plugins = plugins;
        this.evidence = plugins != null ? plugins : b.evidence;
        this.listener = plugins != null ? plugins : DecisionListener.NONE;
        this.defaultVerdict = b.defaultVerdict;
        this.clock = b.clock;
        this.ids = b.ids != null ? b.ids : new UuidV7(b.clock);
        this.audit = audit;
        this.mediaRoot = b.mediaRoot;
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
        long start = System.nanoTime();
        Instant decidedAt = clock.instant();
        return finish(submission, evidence.collect(submission, mediaRoot), decidedAt, start, null, true);
    }

    /**
     * Decides with the given signals instead of running the plugins: how policy tests inject
     * evidence, and how a replay re-decides with the signals that were logged. The decision lists
     * no plugins.
     */
    public Decision decide(Submission submission, List<Signal> signals) {
        Objects.requireNonNull(submission, "submission");
        Objects.requireNonNull(signals, "signals");
        long start = System.nanoTime();
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
        long start = System.nanoTime();
        RuleTrace trace = new RuleTrace();
        Decision d = finish(submission, evidence.collect(submission, mediaRoot), clock.instant(), start, trace, false);
        return Explanation.of(d, trace);
    }

    /** As {@link #explain(Submission, Path)}, with the given signals instead of running the plugins. */
    public Explanation explain(Submission submission, List<Signal> signals) {
        Objects.requireNonNull(submission, "submission");
        long start = System.nanoTime();
        RuleTrace trace = new RuleTrace();
        Decision d = finish(submission, new Evidence(signals, List.of(), List.of()), clock.instant(), start, trace, false);
        return Explanation.of(d, trace);
    }

    private Decision finish(Submission submission, Evidence found, Instant decidedAt, long start, RuleTrace trace,
                            boolean record) {
        List<Reason> reasons = new ArrayList<>(found.reasons());
        reasons.addAll(evaluator.evaluate(rules, submission, found.signals(), trace));
        Verdict verdict = combine(reasons);
        if (reasons.isEmpty()) {
            reasons.add(new Reason(DEFAULT_RULE, defaultVerdict, defaultMessage(defaultVerdict), null));
        }
        long elapsed = (System.nanoTime() - start) / 1_000;
        Decision decision = new Decision(ids.get(), submission.getId(), verdict, reasons, found.signals(),
                rules.ref(), found.runs(), decidedAt, elapsed);
        if (!record) {
            return decision;
        }
        if (audit != null) {
            audit.append(decision, submission);
        }
        listener.recorded(decision, submission);
        log(decision);
        return decision;
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

    /** The rules this engine decides with. */
    public RulesetRef ruleset() {
        return rules.ref();
    }

    /** Warnings the policy check raised when the rules loaded (rules that vote without a policy id, …). */
    public List<RuleProblem> ruleWarnings() {
        return rules.warnings();
    }

    /** The names of every rule in the rule set, sorted (table rows included). */
    public List<String> ruleNames() {
        return rules.ruleNames();
    }

    /** The number of rules in the rule set. */
    public int ruleCount() {
        return rules.ruleCount();
    }

    /** The plugins and their state: started, failed (with the reason) or quarantined. Empty without plugins. */
    public List<PluginStatus> plugins() {
        return plugins == null ? List.of() : plugins.statuses();
    }

    /** The verdict given when no rule votes. */
    public Verdict defaultVerdict() {
        return defaultVerdict;
    }

    /** Closes the audit log and stops plugins. Decisions after this fail. */
    @Override
    public void close() {
        try {
            evidence.close();
        } finally {
            evaluator.close();
            if (audit != null) {
                audit.close();
            }
        }
    }

    /**
     * Configures and builds a {@link Greenlight}. Not thread-safe; each setter validates its
     * argument at once and names it in the exception.
     */
    public static final class GreenlightBuilder {
        /** Where the shipped policy pack lives on the classpath (the greenlight-rules jar). */
        public static final String DEFAULT_RULES_LOCATION = "greenlight/policies";

        private Path rulesDirectory;
        private String rulesLocation = DEFAULT_RULES_LOCATION;
        private ClassLoader rulesLoader = Greenlight.class.getClassLoader();
        private Verdict defaultVerdict = Verdict.ESCALATE;
        private Clock clock = Clock.systemUTC();
        private Supplier<String> ids;
        private Path auditLog;
        private Path mediaRoot;
        private int maxRuleFirings = 10_000;
        private Duration ruleTimeout = Duration.ofSeconds(2);
        private EvidenceCollector evidence = EvidenceCollector.NONE;
        private Path pluginsDirectory;
        private PluginSettings pluginSettings = PluginSettings.NONE;
        private Duration pluginTimeout = Duration.ofSeconds(3);
        private int quarantineAfter = 3;
        private boolean strictPlugins;

        private GreenlightBuilder() {
        }

        /** Compile every rule file under {@code dir}, recursively. */
        public GreenlightBuilder rulesDirectory(Path dir) {
            this.rulesDirectory = Objects.requireNonNull(dir, "rules directory");
            return this;
        }

        /** Compile every rule file under a classpath location (default {@value #DEFAULT_RULES_LOCATION}). */
        public GreenlightBuilder rulesClasspath(String location, ClassLoader loader) {
            this.rulesLocation = Objects.requireNonNull(location, "rules location");
            this.rulesLoader = Objects.requireNonNull(loader, "class loader");
            this.rulesDirectory = null;
            return this;
        }

        /** The verdict when no rule votes; {@code ESCALATE} unless set. */
        public GreenlightBuilder defaultVerdict(Verdict verdict) {
            this.defaultVerdict = Objects.requireNonNull(verdict, "default verdict");
            return this;
        }

        /** The clock for {@code decidedAt} and decision ids (tests use {@code Clock.fixed}). */
        public GreenlightBuilder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Supplies decision ids; must be thread-safe and unique. Default: UUIDv7 from the clock. */
        public GreenlightBuilder decisionIds(Supplier<String> ids) {
            this.ids = Objects.requireNonNull(ids, "decision id supplier");
            return this;
        }

        /** Record every decision in the audit log at {@code file} before returning it. */
        public GreenlightBuilder auditLog(Path file) {
            this.auditLog = Objects.requireNonNull(file, "audit log file");
            return this;
        }

        /** Record nothing (dry runs, tests). The default. */
        public GreenlightBuilder noAuditLog() {
            this.auditLog = null;
            return this;
        }

        /** The directory relative media paths resolve against when a call gives none. */
        public GreenlightBuilder mediaRoot(Path dir) {
            this.mediaRoot = dir;
            return this;
        }

        /** The most rule firings one evaluation may take; reaching it is ESCALATE. Default 10,000. */
        public GreenlightBuilder maxRuleFirings(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxRuleFirings must be at least 1, was " + max);
            }
            this.maxRuleFirings = max;
            return this;
        }

        /** The longest one evaluation of the rules may take; reaching it is ESCALATE. Default 2 s. */
        public GreenlightBuilder ruleTimeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("ruleTimeout must be positive, was " + timeout);
            }
            this.ruleTimeout = timeout;
            return this;
        }

        /** Load and run the PF4J plugin jars in {@code dir}. Without it, no plugin runs. */
        public GreenlightBuilder plugins(Path dir) {
            this.pluginsDirectory = Objects.requireNonNull(dir, "plugins directory");
            return this;
        }

        /** Per-plugin settings (default: none). */
        public GreenlightBuilder pluginSettings(PluginSettings settings) {
            this.pluginSettings = Objects.requireNonNull(settings, "plugin settings");
            return this;
        }

        /** How long a decision waits for all signal providers together. Default 3 s. */
        public GreenlightBuilder pluginTimeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("pluginTimeout must be positive, was " + timeout);
            }
            this.pluginTimeout = timeout;
            return this;
        }

        /** Quarantine a provider after this many timeouts in a row (until restart). Default 3. */
        public GreenlightBuilder quarantineAfter(int timeouts) {
            if (timeouts < 1) {
                throw new IllegalArgumentException("quarantineAfter must be at least 1, was " + timeouts);
            }
            this.quarantineAfter = timeouts;
            return this;
        }

        /** Refuse to build when any plugin fails to load or start (default: skip it and report it). */
        public GreenlightBuilder strictPlugins(boolean strict) {
            this.strictPlugins = strict;
            return this;
        }

        /** Internal: where signals come from when no plugins directory is set (tests). */
        GreenlightBuilder evidence(EvidenceCollector evidence) {
            this.evidence = Objects.requireNonNull(evidence, "evidence");
            return this;
        }

        /**
         * Compiles the rules and opens the audit log.
         *
         * @throws RuleCompilationException listing every problem when the rules do not compile
         * @throws GreenlightConfigurationException when the rules cannot be found
         * @throws dev.greenlight.audit.AuditException when the audit log cannot be opened
         */
        public Greenlight build() {
            RuleFiles files = rulesDirectory != null ? RuleFiles.fromDirectory(rulesDirectory)
                    : RuleFiles.fromClasspath(rulesLocation, rulesLoader);
            CompiledRules compiled = RuleCompiler.compile(files);
            PluginHost host = pluginsDirectory == null ? null
                    : PluginHost.start(pluginsDirectory, pluginSettings, pluginTimeout, quarantineAfter, strictPlugins);
            try {
                AuditLog log = auditLog == null ? null : AuditLog.open(auditLog);
                return new Greenlight(this, compiled, host, log);
            } catch (RuntimeException e) {
                if (host != null) {
                    host.close();
                }
                throw e;
            }
        }
    }
}
