package dev.greenlight.engine;

import dev.greenlight.audit.AuditConfig;
import dev.greenlight.audit.AuditLog;
import dev.greenlight.engine.internal.CompiledRules;
import dev.greenlight.engine.internal.CompiledRulesCache;
import dev.greenlight.engine.internal.RuleCompiler;
import dev.greenlight.engine.internal.RuleFiles;
import dev.greenlight.host.EvidenceCollector;
import dev.greenlight.host.PluginConfigurationException;
import dev.greenlight.host.PluginHost;
import dev.greenlight.host.PluginSettings;
import dev.greenlight.model.Verdict;
import dev.greenlight.ruleset.PluginSignals;
import dev.greenlight.ruleset.RuleCompilationException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Configures and builds a {@link Greenlight}. Not thread-safe; each setter validates its
 * argument at once and names it in the exception.
 */
public final class GreenlightBuilder {
    /** Where the shipped policy pack lives on the classpath (the greenlight-rules jar). */
    public static final String DEFAULT_RULES_LOCATION = "greenlight/policies";

    Path rulesDirectory;
    String rulesLocation = DEFAULT_RULES_LOCATION;
    ClassLoader rulesLoader = Greenlight.class.getClassLoader();
    Verdict defaultVerdict = Verdict.ESCALATE;
    Clock clock = Clock.systemUTC();
    Supplier<String> ids;
    LongSupplier ticker = System::nanoTime;
    AuditConfig auditLog;
    Path mediaRoot;
    int maxRuleFirings = 10_000;
    Duration ruleTimeout = Duration.ofSeconds(2);
    EvidenceCollector evidence = EvidenceCollector.NONE;
    Path pluginsDirectory;
    PluginSettings pluginSettings = PluginSettings.NONE;
    Duration pluginTimeout = Duration.ofSeconds(3);
    int quarantineAfter = 3;
    boolean strictPlugins;
    Path pluginLock;
    Path compiledRulesCache;
    boolean requirePolicyTests;
    Duration watchRules;
    Path shadowRules;
    final List<GreenlightListener> listeners = new ArrayList<>();
    /** Which call chose the rules, and the audit log: a second choice is refused, never silently taken. */
    private String rulesSet;
    private String auditSet;

    GreenlightBuilder() {
    }

    /** Compile every rule file under {@code dir}, recursively. */
    public GreenlightBuilder rulesDirectory(Path dir) {
        Objects.requireNonNull(dir, "rules directory");
        requireUnset(rulesSet, "the rule source", rulesSet);
        rulesSet = "rulesDirectory(" + dir + ")";
        this.rulesDirectory = dir;
        return this;
    }

    /** Compile every rule file under a classpath location (default {@value #DEFAULT_RULES_LOCATION}). */
    public GreenlightBuilder rulesClasspath(String location, ClassLoader loader) {
        Objects.requireNonNull(location, "rules location");
        Objects.requireNonNull(loader, "class loader");
        requireUnset(rulesSet, "the rule source", rulesSet);
        rulesSet = "rulesClasspath(" + location + ")";
        this.rulesLocation = location;
        this.rulesLoader = loader;
        this.rulesDirectory = null;
        return this;
    }

    /**
     * The verdict when no rule votes; {@code ESCALATE} unless set.
     *
     * @throws IllegalArgumentException for {@code APPROVE_WITH_CONDITIONS}: with no vote there is no condition to set
     */
    public GreenlightBuilder defaultVerdict(Verdict verdict) {
        if (verdict == Verdict.APPROVE_WITH_CONDITIONS) {
            throw new IllegalArgumentException("default verdict cannot be APPROVE_WITH_CONDITIONS: when no rule votes, "
                    + "no rule names a condition (use APPROVE, ESCALATE or REJECT)");
        }
        this.defaultVerdict = Objects.requireNonNull(verdict, "default verdict");
        return this;
    }

    /** The clock for {@code decidedAt} and decision ids (tests use {@code Clock.fixed}). */
    public GreenlightBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * The nanosecond ticker that times each decision ({@code elapsedMicros}, metrics); default
     * {@code System::nanoTime}. Tests and replays that must reproduce a log byte for byte inject a
     * fixed one, as they inject the clock and the ids.
     */
    public GreenlightBuilder ticker(LongSupplier nanoTime) {
        this.ticker = Objects.requireNonNull(nanoTime, "ticker");
        return this;
    }

    /** Supplies decision ids; must be thread-safe and unique. Default: UUIDv7 from the clock. */
    public GreenlightBuilder decisionIds(Supplier<String> ids) {
        this.ids = Objects.requireNonNull(ids, "decision id supplier");
        return this;
    }

    /** Record every decision in the audit log at {@code file} before returning it (default settings). */
    public GreenlightBuilder auditLog(Path file) {
        Objects.requireNonNull(file, "audit log file");
        requireUnset(auditSet, "the audit log", auditSet);
        auditSet = "auditLog(" + file + ")";
        this.auditLog = AuditConfig.of(file);
        return this;
    }

    /** Record every decision in the audit log {@code config} describes (durability, segments, checkpoints, keys, redaction). */
    public GreenlightBuilder auditLog(AuditConfig config) {
        Objects.requireNonNull(config, "audit log config");
        requireUnset(auditSet, "the audit log", auditSet);
        auditSet = "auditLog(" + config.file() + ")";
        this.auditLog = config;
        return this;
    }

    /** Record nothing (dry runs, tests). The default. */
    public GreenlightBuilder noAuditLog() {
        requireUnset(auditSet, "the audit log", auditSet);
        auditSet = "noAuditLog()";
        this.auditLog = null;
        return this;
    }

    /** The directory relative media paths resolve against when a call gives none. */
    public GreenlightBuilder mediaRoot(Path dir) {
        requireUnset(mediaRoot, "the media root", "mediaRoot(" + mediaRoot + ")");
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
        Objects.requireNonNull(dir, "plugins directory");
        requireUnset(pluginsDirectory, "the plugins directory", "plugins(" + pluginsDirectory + ")");
        this.pluginsDirectory = dir;
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

    /**
     * Plugin pinning: load only the plugin jars whose SHA-256 {@code lockFile} lists ({@code <sha256>  <jar
     * file name>} lines, see {@link dev.greenlight.host.PluginLock}). An unlisted or changed jar, or a listed
     * one that is missing, is a failed plugin (refused before it is loaded; strict mode refuses to start).
     * Default: no pinning.
     */
    public GreenlightBuilder pluginLock(Path lockFile) {
        this.pluginLock = Objects.requireNonNull(lockFile, "plugin lock file");
        return this;
    }

    /**
     * Keep the compiled rules in {@code dir} and load them from there next time (keyed by the
     * ruleset version and this build), instead of compiling the same rules at each start. For
     * processes that start often, such as the CLI; {@code dir} must be writable only by the
     * user that runs Greenlight. Default: none (compile every time).
     */
    public GreenlightBuilder compiledRulesCache(Path dir) {
        this.compiledRulesCache = Objects.requireNonNull(dir, "compiled rules cache directory");
        return this;
    }

    /** Internal: where signals come from when no plugins directory is set (tests). */
    GreenlightBuilder evidence(EvidenceCollector evidence) {
        this.evidence = Objects.requireNonNull(evidence, "evidence");
        return this;
    }

    /**
     * Refuse rules whose policy test cases (the case files beside them) fail: at {@link #build()}
     * (it throws) and at every reload (the candidate is rejected). Default: off.
     */
    public GreenlightBuilder requirePolicyTests(boolean require) {
        this.requirePolicyTests = require;
        return this;
    }

    /**
     * Watch the rules directory (recursively) and reload when it changes, once it has been quiet
     * for {@code debounce} (so a deployment that copies many files reloads once). Needs
     * {@link #rulesDirectory}. Default: no watch; call {@link Greenlight#reloadRules()}.
     */
    public GreenlightBuilder watchRules(Duration debounce) {
        if (debounce == null || debounce.isNegative() || debounce.isZero()) {
            throw new IllegalArgumentException("watchRules debounce must be positive, was " + debounce);
        }
        this.watchRules = debounce;
        return this;
    }

    /** Start with the rules in {@code dir} running as a shadow ({@link Greenlight#startShadow}). */
    public GreenlightBuilder shadowRules(Path dir) {
        this.shadowRules = Objects.requireNonNull(dir, "shadow rules directory");
        return this;
    }

    /** Tell {@code listener} what the engine does (metrics, monitoring); may be called more than once. */
    public GreenlightBuilder listener(GreenlightListener listener) {
        this.listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * Record metrics in {@code registry} (Micrometer; see
     * {@link MicrometerListener} for the meters). Needs
     * micrometer-core on the classpath; without this call nothing of Micrometer is loaded.
     */
    public GreenlightBuilder meterRegistry(io.micrometer.core.instrument.MeterRegistry registry) {
        return listener(new MicrometerListener(registry));
    }

    /**
     * Refuses a setting that was already made, naming the earlier call: two calls that each pick
     * the audit log (or the rules) are a mistake in the caller's code, and taking the last one
     * silently hides it.
     */
    private static void requireUnset(Object current, String what, String earlier) {
        if (current != null) {
            throw new IllegalStateException(what + " was already set by " + earlier);
        }
    }

    /** Where the rules are read from, for reloads. */
    LiveRules.Source ruleSource() {
        return rulesDirectory != null ? LiveRules.Source.directory(rulesDirectory)
                : LiveRules.Source.classpath(rulesLocation, rulesLoader);
    }

    /** Starts the configured plugins afresh: how a plugin reload begins (the settings as they are now). */
    Supplier<PluginHost> pluginStarter() {
        Path dir = pluginsDirectory;
        PluginSettings settings = pluginSettings;
        Duration timeout = pluginTimeout;
        int quarantine = quarantineAfter;
        boolean strict = strictPlugins;
        Path lock = pluginLock;
        Path log = auditLog == null ? null : auditLog.file();
        return () -> {
            PluginHost host = PluginHost.start(dir, settings, timeout, quarantine, strict, lock, clock);
            if (log != null) {
                host.followLog(log);
            }
            return host;
        };
    }

    private PluginHost startPlugins() {
        try {
            return PluginHost.start(pluginsDirectory, pluginSettings, pluginTimeout, quarantineAfter, strictPlugins,
                    pluginLock, clock);
        } catch (PluginConfigurationException e) {
            throw new GreenlightConfigurationException(e.getMessage(), e);
        }
    }

    /** The settings a candidate rule set's policy cases run with: these rules settings, nothing recorded, no plugins. */
    GreenlightBuilder forPolicyTests() {
        GreenlightBuilder t = new GreenlightBuilder();
        t.rulesDirectory = rulesDirectory;
        t.rulesLocation = rulesLocation;
        t.rulesLoader = rulesLoader;
        t.defaultVerdict = defaultVerdict;
        t.clock = clock;
        t.maxRuleFirings = maxRuleFirings;
        t.ruleTimeout = ruleTimeout;
        t.mediaRoot = mediaRoot;
        return t;
    }

    /**
     * Compiles the rules and opens the audit log.
     *
     * @throws RuleCompilationException listing every problem when the rules do not compile
     * @throws GreenlightConfigurationException when the rules cannot be found
     * @throws dev.greenlight.audit.AuditException when the audit log cannot be opened
     */
    public Greenlight build() {
        if (watchRules != null && rulesDirectory == null) {
            throw new GreenlightConfigurationException("watchRules needs a rules directory (rulesDirectory)");
        }
        // with required policy tests, read the cases with the rules: both from the same moment
        RuleFiles all = ruleSource().read(requirePolicyTests);
        RuleFiles files = requirePolicyTests ? LiveRules.onlyRules(all) : all;
        // plugins start first: the policy check reads rules' signal names against what they declare
        PluginHost host = pluginsDirectory == null ? null : startPlugins();
        try {
            PluginSignals signals = host == null ? PluginSignals.NONE_LOADED : PluginSignals.of(host);
            CompiledRules compiled = compiledRulesCache == null ? RuleCompiler.compile(files, signals)
                    : new CompiledRulesCache(compiledRulesCache).compile(files);
            AuditLog log = auditLog == null ? null : AuditLog.open(auditLog);
            if (host != null && log != null) {
                host.followLog(auditLog.file()); // sinks read the durable log by cursor
            }
            Greenlight engine = new Greenlight(this, compiled, host, log);
            host = null; // the engine owns it now
            try {
                engine.start(this, compiled, all);
            } catch (RuntimeException e) {
                engine.close();
                throw e;
            }
            return engine;
        } catch (RuntimeException e) {
            if (host != null) {
                host.close();
            }
            throw e;
        }
    }
}
