package dev.greenlight.cli.bench;

import dev.greenlight.engine.Greenlight;
import dev.greenlight.engine.ReloadResult;
import dev.greenlight.testkit.RuleGenerator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code greenlight bench --reload}: decides on while another thread rewrites the generated rules
 * (another seed, as many rules) and reloads them live; measures how long the reload takes and the
 * latency of the decisions made meanwhile. Not thread-safe: one measurement at a time.
 */
public final class LiveReload {
    /** The reload's status ({@code ACTIVATED}, …), how long it took, and the decisions made while it ran. */
    public record Reloaded(String status, double millis, Side during) {
    }

    private final Rounds rounds;
    private final int decisions;

    /** {@code decisions}: decisions per measured round; the chunks during the reload are a twentieth of it. */
    public LiveReload(Rounds rounds, int decisions) {
        this.rounds = rounds;
        this.decisions = decisions;
    }

    /**
     * Rewrites {@code ruleCount} generated rules in {@code rulesDir} with {@code seed} and reloads them
     * into {@code greenlight} while deciding {@code work}.
     *
     * @throws java.io.UncheckedIOException when the rules cannot be written
     */
    public Reloaded measure(Greenlight greenlight, Workload work, Path rulesDir, int ruleCount, long seed) {
        RuleGenerator.writeTo(rulesDir, ruleCount, seed);
        CompletableFuture<ReloadResult> reloading = CompletableFuture.supplyAsync(greenlight::reloadRules);
        List<LoadRunner.Result> during = new ArrayList<>();
        do {
            during.add(rounds.runEngine(greenlight, work, Math.max(1_000, decisions / 20)));
        } while (!reloading.isDone());
        ReloadResult result = reloading.join();
        return new Reloaded(result.status().name(), result.took().toNanos() / 1e6, Side.of(during));
    }
}
