package dev.greenlight.testkit;

import dev.greenlight.audit.AuditConfig;
import dev.greenlight.audit.Durability;
import dev.greenlight.engine.Greenlight;
import dev.greenlight.engine.GreenlightBuilder;
import dev.greenlight.model.Signal;
import dev.greenlight.model.Submission;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures how many decisions a second an engine makes when many callers decide at once, as a node
 * serving requests does: {@code callers} threads decide the given submissions round-robin, first for
 * a warm-up (the JIT compiles Drools' large methods slowly), then until {@code decisions} more are
 * made, which are timed. With a {@code GROUP} audit log on the engine, this is the node's own decision
 * rate with its log, the figure shipping must keep up with. Every decision made, warm-up included,
 * is in the engine's log afterwards. Stateless; arguments must not be null.
 */
public final class DecisionRate {
    /** How many generated submissions {@link #ofNode} decides, round-robin. */
    public static final int CORPUS = 2_000;
    /** Signals per submission when {@link #ofNode} runs no plugins. */
    public static final int SIGNALS = 5;

    private DecisionRate() {
    }

    /**
     * What one measurement found.
     *
     * @param callers   threads deciding at once
     * @param decisions decisions timed (after the warm-up)
     * @param warmedUp  decisions made during the warm-up (not timed)
     * @param seconds   how long the timed decisions took
     * @param cpuNanos  CPU time this process used meanwhile (every thread: deciding, the log's writer,
     *                  the collector), 0 where the platform does not tell
     */
    public record Result(int callers, long decisions, long warmedUp, double seconds, long cpuNanos) {
        /** Timed decisions per second. */
        public double perSecond() {
            return decisions / seconds;
        }

        /** CPU microseconds a decision: steadier than the rate on a machine shared with other work. */
        public double cpuMicrosPerDecision() {
            return cpuNanos / 1e3 / decisions;
        }
    }

    /** CPU time this process has used so far (all threads), 0 where unknown. */
    public static long processCpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    /**
     * Decides with {@code callers} threads for {@code warmup}, then times {@code decisions} more.
     *
     * @param signals per submission (same order), the evidence plugins would give; null to decide
     *                with the engine's own plugins (or none), as {@code decide(submission)} does
     */
    public static Result measure(Greenlight engine, List<Submission> submissions, List<List<Signal>> signals,
                                 int callers, Duration warmup, long decisions) throws InterruptedException {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(warmup, "warmup");
        if (submissions.isEmpty() || callers < 1 || decisions < 1) {
            throw new IllegalArgumentException("need submissions, at least one caller and one decision");
        }
        if (signals != null && signals.size() != submissions.size()) {
            throw new IllegalArgumentException("signals: " + signals.size() + " lists for " + submissions.size() + " submissions");
        }
        AtomicLong next = new AtomicLong();
        long warmupEnd = System.nanoTime() + warmup.toNanos();
        run(callers, () -> {
            while (System.nanoTime() < warmupEnd) {
                decideOne(engine, submissions, signals, next.getAndIncrement());
            }
        });
        long warmedUp = next.get();
        long stop = warmedUp + decisions;
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        run(callers, () -> {
            for (long i = next.getAndIncrement(); i < stop; i = next.getAndIncrement()) {
                decideOne(engine, submissions, signals, i);
            }
        });
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Result(callers, decisions, warmedUp, seconds, processCpuNanos() - cpu0);
    }

    /**
     * The node's own decision rate with a {@code GROUP} log at {@code base}: the shipped policy pack
     * (from the class path: {@code greenlight-rules} must be on it), {@value #CORPUS} generated
     * submissions ({@link CorpusGenerator}, seed 1), decided by {@code callers} threads. With
     * {@code plugins} null, each submission comes with the {@value #SIGNALS} signals its plugins could
     * give and no plugin runs (rules only, as a replay decides; the records are as large as a node's
     * with plugins); else the plugin jars in that directory run, as in {@code serve}.
     * The engine is closed afterwards (its log ends with a checkpoint).
     */
    public static Result ofNode(Path base, Path plugins, int callers, Duration warmup, long decisions)
            throws InterruptedException {
        return ofNode(null, base, plugins, callers, warmup, decisions);
    }

    /**
     * Like {@link #ofNode(Path, Path, int, Duration, long)}, with the policy pack read from
     * {@code rules} (a directory, e.g. the repository's {@code rules/policies}) instead of the class
     * path when it is not null.
     */
    public static Result ofNode(Path rules, Path base, Path plugins, int callers, Duration warmup, long decisions)
            throws InterruptedException {
        List<Submission> submissions = CorpusGenerator.submissions(CORPUS, 1);
        List<List<Signal>> signals = null;
        if (plugins == null) {
            signals = new ArrayList<>(submissions.size());
            for (Submission s : submissions) {
                signals.add(CorpusGenerator.signals(s, SIGNALS, 1));
            }
        }
        GreenlightBuilder b = Greenlight.builder()
                .auditLog(AuditConfig.builder(base).durability(Durability.GROUP).build());
        if (rules != null) {
            b.rulesDirectory(rules);
        }
        if (plugins != null) {
            b.plugins(plugins);
        }
        try (Greenlight engine = b.build()) {
            return measure(engine, submissions, signals, callers, warmup, decisions);
        }
    }

    /**
     * The shipped plugin jars: {@code -Dgreenlight.bench.plugins=DIR}, else {@code plugins/target/dist}
     * (made by building the {@code plugins} modules) in the working directory or a directory above it;
     * empty when there are none.
     */
    public static Optional<Path> shippedPlugins() {
        String configured = System.getProperty("greenlight.bench.plugins");
        if (configured != null) {
            return Optional.of(Path.of(configured));
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path dist = p.resolve("plugins/target/dist");
            if (Files.isDirectory(dist)) {
                return Optional.of(dist);
            }
        }
        return Optional.empty();
    }

    private static void decideOne(Greenlight engine, List<Submission> submissions, List<List<Signal>> signals, long i) {
        int k = (int) (i % submissions.size());
        if (signals == null) {
            engine.decide(submissions.get(k));
        } else {
            engine.decide(submissions.get(k), signals.get(k));
        }
    }

    /** Runs {@code work} on {@code callers} threads and waits for all; the first failure is rethrown. */
    private static void run(int callers, Runnable work) throws InterruptedException {
        List<Thread> threads = new ArrayList<>(callers);
        List<RuntimeException> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int c = 0; c < callers; c++) {
            Thread t = new Thread(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }, "decision-rate-" + c);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }
}
