package dev.greenlight.cli.bench;

import dev.greenlight.audit.AuditStats;
import dev.greenlight.engine.Greenlight;
import dev.greenlight.model.Signal;
import dev.greenlight.model.Submission;
import dev.greenlight.testkit.BareDrools;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The measurement of {@code greenlight bench}: a warm-up of each side, then rounds of each in turn
 * (the engine, the engine with its log, bare Drools), so that drift (the JIT, other load) hits them
 * alike. Not thread-safe: one measurement at a time; it starts the deciding threads itself.
 */
public final class Rounds {
    /** What the rounds measured; {@code logged} and {@code baseline} are null when not run. */
    public record Measured(Side engine, Side logged, Side baseline, long warmupDecisions, Double recordsPerFsync) {
    }

    private final BenchPlan plan;

    public Rounds(BenchPlan plan) {
        this.plan = plan;
    }

    /**
     * Measures {@code plain}, and {@code logged} and {@code bare} when not null; bare Drools decides
     * over {@code facts} (the workload's signals, or the plugins' found beforehand).
     *
     * @throws IllegalStateException wrapping the first failure of a decision
     */
    public Measured measure(Greenlight plain, Greenlight logged, BareDrools bare, Workload work, List<List<Signal>> facts) {
        int chunk = Math.min(plan.decisions(), 20_000);
        long warmupDecisions = warmUp(() -> runEngine(plain, work, chunk));
        if (logged != null) {
            warmUp(() -> runEngine(logged, work, chunk));
        }
        if (bare != null) {
            warmUp(() -> runBare(bare, work, facts, chunk));
        }
        List<LoadRunner.Result> plainRuns = new ArrayList<>();
        List<LoadRunner.Result> loggedRuns = new ArrayList<>();
        List<LoadRunner.Result> bareRuns = new ArrayList<>();
        AuditStats before = logged == null ? null : logged.auditStats().orElseThrow();
        for (int r = 0; r < plan.rounds(); r++) {
            System.gc();
            plainRuns.add(runEngine(plain, work, plan.decisions()));
            if (logged != null) {
                System.gc();
                loggedRuns.add(runEngine(logged, work, plan.decisions()));
            }
            if (bare != null) {
                System.gc();
                bareRuns.add(runBare(bare, work, facts, plan.decisions()));
            }
        }
        Double recordsPerFsync = null;
        if (logged != null) {
            AuditStats after = logged.auditStats().orElseThrow();
            long syncs = after.syncs() - before.syncs();
            recordsPerFsync = syncs == 0 ? null : (double) (after.records() - before.records()) / syncs;
        }
        return new Measured(Side.of(plainRuns), logged == null ? null : Side.of(loggedRuns),
                bare == null ? null : Side.of(bareRuns), warmupDecisions, recordsPerFsync);
    }

    /** Runs {@code chunk} until the warm-up time has passed; returns the number of decisions made. */
    private long warmUp(Supplier<LoadRunner.Result> chunk) {
        long until = System.nanoTime() + (long) (plan.warmupSeconds() * 1e9);
        long made = 0;
        while (System.nanoTime() < until) {
            made += chunk.get().calls();
        }
        return made;
    }

    /** {@code n} decisions by {@code greenlight}: one at a time, or in calls of {@code decideAll}. */
    LoadRunner.Result runEngine(Greenlight greenlight, Workload work, int n) {
        if (plan.batch() > 1) {
            return runBatches(greenlight, work, n);
        }
        return LoadRunner.run(n, plan.threads(), t -> i -> {
            Submission s = work.submission(i);
            if (work.signals() != null) {
                greenlight.decide(s, work.signals().get(i % work.submissions().size()));
            } else {
                greenlight.decide(s, work.mediaRoot());
            }
        });
    }

    /** {@code n} decisions (rounded up to whole calls) in calls of {@code decideAll} with {@code batch} submissions. */
    private LoadRunner.Result runBatches(Greenlight greenlight, Workload work, int n) {
        int batch = plan.batch();
        int size = work.submissions().size();
        int calls = (n + batch - 1) / batch;
        LoadRunner.Result r = LoadRunner.run(calls, plan.threads(), t -> i -> {
            List<Submission> call = new ArrayList<>(batch);
            for (int k = 0; k < batch; k++) {
                call.add(work.submissions().get((int) (((long) i * batch + k) % size)));
            }
            greenlight.decideAll(call, work.mediaRoot());
        });
        return new LoadRunner.Result(calls * batch, r.wallNanos(), r.cpuNanos(), r.latencyNanos());
    }

    private LoadRunner.Result runBare(BareDrools bare, Workload work, List<List<Signal>> facts, int n) {
        int size = work.submissions().size();
        return LoadRunner.run(n, plan.threads(), t -> {
            BareDrools.Evaluator evaluator = bare.evaluator(plan.baselineSession());
            return i -> evaluator.evaluate(work.submissions().get(i % size), facts.get(i % size));
        });
    }
}
