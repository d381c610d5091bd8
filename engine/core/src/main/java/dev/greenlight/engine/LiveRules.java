package dev.greenlight.engine;

import dev.greenlight.engine.internal.CompiledRules;
import dev.greenlight.engine.internal.DirectoryWatcher;
import dev.greenlight.engine.internal.RuleCompiler;
import dev.greenlight.engine.internal.RuleEvaluator;
import dev.greenlight.engine.internal.RuleFiles;
import dev.greenlight.engine.internal.RuleSourceException;
import dev.greenlight.model.RulesetRef;
import dev.greenlight.policytest.CaseResult;
import dev.greenlight.policytest.TestReport;
import dev.greenlight.ruleset.RuleCompilationException;
import dev.greenlight.ruleset.RuleProblem;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules an engine decides with, and the shadow rules beside them, each an atomically swapped
 * reference. A candidate is read, compiled (which runs the policy check) and, when required, put
 * through its policy cases on the reloading thread, off the request path; only a candidate that
 * passes is swapped in. A decision reads the reference once, so it finishes on the rules it started
 * with. Reloads are serialised; reading never waits for one. Thread-safe.
 */
final class LiveRules implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("greenlight.rules");

    /** A compiled rule set and what is said about it. */
    record Active(CompiledRules compiled, LoadedRules info) {
    }

    /** The shadow rules, with an evaluator of their own so that they never share sessions with the live rules. */
    record Shadow(Active rules, RuleEvaluator evaluator) {
    }

    /**
     * Gets rules that passed every check ready to decide in an evaluator before they are swapped in
     * ({@link RuleEvaluator#prepare}), so that the decisions right after the swap are not the ones
     * that pay for new sessions and cold code. Must not record anything: a warm-up is not a decision.
     */
    @FunctionalInterface
    interface Warmer {
        void warm(RuleEvaluator evaluator, CompiledRules next);
    }

    /** Where rules are read from: a directory, or a classpath location. */
    record Source(Path directory, String location, ClassLoader loader) {
        static Source directory(Path dir) {
            return new Source(dir, null, null);
        }

        static Source classpath(String location, ClassLoader loader) {
            return new Source(null, location, loader);
        }

        /** The rule files, and with {@code everything} every other file too (policy cases). */
        RuleFiles read(boolean everything) {
            Predicate<String> names = everything ? n -> true : RuleFiles::isRuleSource;
            try {
                return directory != null ? RuleFiles.fromDirectory(directory, names)
                        : RuleFiles.fromClasspath(location, loader, names);
            } catch (RuleSourceException e) {
                throw new GreenlightConfigurationException(e.getMessage(), e);
            }
        }

        @Override
        public String toString() {
            return directory != null ? directory.toString() : "classpath:" + location;
        }
    }

    private final Source source;
    private final boolean requireTests;
    private final Function<CompiledRules, Greenlight> testEngines;
    private final Clock clock;
    private final GreenlightListener listener;
    private final int maxFirings;
    private final Duration ruleTimeout;
    /** The evaluator live decisions use: new live rules are warmed in it before the swap. */
    private final RuleEvaluator liveEvaluator;
    private final Warmer warmer;
    private final Object reloading = new Object();
    private volatile Active live;
    private volatile Shadow shadow;
    private DirectoryWatcher watcher;
    private volatile boolean closed;

    LiveRules(Source source, CompiledRules first, boolean requireTests, Function<CompiledRules, Greenlight> testEngines,
              Clock clock, GreenlightListener listener, int maxFirings, Duration ruleTimeout, RuleEvaluator liveEvaluator,
              Warmer warmer) {
        this.source = source;
        this.requireTests = requireTests;
        this.testEngines = testEngines;
        this.clock = clock;
        this.listener = listener;
        this.maxFirings = maxFirings;
        this.ruleTimeout = ruleTimeout;
        this.liveEvaluator = liveEvaluator;
        this.warmer = warmer;
        this.live = active(first);
    }

    /** The rules serving now; read it once per decision. */
    Active live() {
        return live;
    }

    /** The shadow rules, or null. */
    Shadow shadow() {
        return shadow;
    }

    Source source() {
        return source;
    }

    /** Only the rule sources of a tree that may hold other files (policy cases, READMEs). */
    static RuleFiles onlyRules(RuleFiles all) {
        Map<String, byte[]> rules = new TreeMap<>();
        all.files().forEach((path, bytes) -> {
            if (RuleFiles.isRuleSource(path.substring(path.lastIndexOf('/') + 1))) {
                rules.put(path, bytes);
            }
        });
        return new RuleFiles(all.id(), new TreeMap<>(rules));
    }

    /**
     * With required policy tests, the failures of the cases in {@code tree} against {@code compiled};
     * empty when they all pass (or none are required).
     */
    List<String> caseFailures(CompiledRules compiled, RuleFiles tree) {
        if (!requireTests) {
            return List.of();
        }
        try (Greenlight candidate = testEngines.apply(compiled)) {
            TestReport report = PolicyCases.run(candidate, tree.files(), List.of());
            List<String> failures = new ArrayList<>(report.caseFileProblems());
            for (CaseResult r : report.results()) {
                if (!r.passed()) {
                    failures.add(r.testCase().file() + ": " + r.testCase().name() + ": " + String.join("; ", r.failures()));
                }
            }
            return failures;
        }
    }

    /** Reads, compiles, tests and, when all is well, activates the configured rules. Never throws for bad rules. */
    ReloadResult reload() {
        synchronized (reloading) {
            checkOpen();
            ReloadResult r = load(source, false);
            if (r.status() == ReloadResult.Status.ACTIVATED) {
                Shadow s = shadow;
                if (s != null && s.rules().info().ref().version().equals(r.active().version())) {
                    LOG.info("the shadow rules {} now serve as the live rules; shadow mode ends", r.active().version());
                    stopShadowLocked();
                }
            }
            return r;
        }
    }

    /** Loads {@code dir} as the shadow rules (replacing any shadow). */
    ReloadResult startShadow(Path dir) {
        synchronized (reloading) {
            checkOpen();
            return load(Source.directory(dir), true);
        }
    }

    void stopShadow() {
        synchronized (reloading) {
            stopShadowLocked();
        }
    }

    private void stopShadowLocked() {
        Shadow s = shadow;
        shadow = null;
        if (s != null) {
            s.evaluator().close();
            LOG.info("shadow rules {} stopped", s.rules().info().ref().version());
        }
    }

    /** Reloads whenever the rules directory changes, once it has been quiet for {@code debounce}. */
    void watch(Duration debounce) {
        if (source.directory() == null) {
            throw new GreenlightConfigurationException("watching the rules needs a rules directory, not " + source);
        }
        synchronized (reloading) {
            try {
                watcher = new DirectoryWatcher(source.directory(), debounce, () -> {
                    if (!closed) {
                        reload();
                    }
                });
            } catch (IOException e) {
                throw new GreenlightConfigurationException("cannot watch the rules directory " + source + ": " + e, e);
            }
        }
        LOG.info("watching {} for rule changes (debounce {} ms)", source, debounce.toMillis());
    }

    private ReloadResult load(Source from, boolean asShadow) {
        long t0 = System.nanoTime();
        Shadow oldShadow = shadow;
        RulesetRef previous = asShadow ? (oldShadow == null ? null : oldShadow.rules().info().ref()) : live.info().ref();
        boolean tests = requireTests && !asShadow;
        RuleFiles all;
        RuleFiles rules;
        try {
            all = from.read(tests);
            rules = tests ? onlyRules(all) : all;
        } catch (RuntimeException e) {
            return finish(rejected(previous, null, List.of(problem(from, e)), List.of(), t0), asShadow);
        }
        RulesetRef candidate = new RulesetRef(rules.id(), rules.version());
        if (candidate.equals(previous)) {
            return finish(result(ReloadResult.Status.UNCHANGED, previous, previous, candidate, List.of(), List.of(), t0),
                    asShadow);
        }
        CompiledRules compiled;
        try {
            compiled = RuleCompiler.compile(rules, live.compiled().pluginSignals()); // the plugins the engine started with
        } catch (RuleCompilationException e) {
            return finish(rejected(previous, candidate, e.problems(), List.of(), t0), asShadow);
        } catch (RuntimeException e) {
            return finish(rejected(previous, candidate, List.of(problem(from, e)), List.of(), t0), asShadow);
        }
        if (tests) {
            List<String> failures;
            try {
                failures = caseFailures(compiled, all);
            } catch (RuntimeException e) {
                failures = List.of("running the policy cases failed: " + e);
            }
            if (!failures.isEmpty()) {
                return finish(rejected(previous, candidate, compiled.warnings(), failures, t0), asShadow);
            }
        }
        Active next = active(compiled);
        RuleEvaluator target = asShadow ? new RuleEvaluator(maxFirings, ruleTimeout) : liveEvaluator;
        long w0 = System.nanoTime();
        warmer.warm(target, compiled);
        LOG.debug("warmed the {} {} in {} ms", asShadow ? "shadow rules" : "rules", candidate.version(),
                (System.nanoTime() - w0) / 1_000_000);
        if (asShadow) {
            shadow = new Shadow(next, target);
            if (oldShadow != null) {
                oldShadow.evaluator().close();
            }
        } else {
            live = next;
        }
        return finish(result(ReloadResult.Status.ACTIVATED, candidate, previous, candidate, compiled.warnings(), List.of(), t0),
                asShadow);
    }

    private ReloadResult finish(ReloadResult r, boolean asShadow) {
        String what = asShadow ? "shadow rules" : "rules";
        switch (r.status()) {
            case ACTIVATED -> LOG.info("{} {}", what, r.summary());
            case UNCHANGED -> LOG.debug("{} {}", what, r.summary());
            case REJECTED -> {
                LOG.warn("{} {}", what, r.summary());
                r.errors().forEach(p -> LOG.warn("  {}", p));
                r.testFailures().forEach(f -> LOG.warn("  policy case failed: {}", f));
            }
        }
        listener.rulesReloaded(r, asShadow);
        return r;
    }

    private ReloadResult rejected(RulesetRef previous, RulesetRef candidate, List<RuleProblem> problems,
                                  List<String> failures, long t0) {
        return result(ReloadResult.Status.REJECTED, previous, previous, candidate, problems, failures, t0);
    }

    private ReloadResult result(ReloadResult.Status status, RulesetRef active, RulesetRef previous, RulesetRef candidate,
                                List<RuleProblem> problems, List<String> failures, long t0) {
        return new ReloadResult(status, active, previous, candidate, problems, failures, clock.instant(),
                Duration.ofNanos(System.nanoTime() - t0));
    }

    private static RuleProblem problem(Source from, RuntimeException e) {
        return new RuleProblem(from.toString(), 0, 0, e.getMessage() == null ? e.toString() : e.getMessage());
    }

    private Active active(CompiledRules compiled) {
        return new Active(compiled, new LoadedRules(compiled.ref(), clock.instant(), compiled.ruleNames(), compiled.warnings()));
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the engine is closed");
        }
    }

    /** Stops the watch and the shadow. */
    @Override
    public void close() {
        DirectoryWatcher w;
        synchronized (reloading) {
            closed = true;
            w = watcher;
            watcher = null;
            stopShadowLocked();
        }
        if (w != null) {
            w.close(); // outside the lock: the watcher may be waiting on it to reload
        }
    }
}
