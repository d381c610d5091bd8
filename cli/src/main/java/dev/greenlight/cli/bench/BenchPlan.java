package dev.greenlight.cli.bench;

import dev.greenlight.audit.Durability;
import dev.greenlight.testkit.BareDrools;

/**
 * How {@code greenlight bench} measures, as its options set it: decisions per round, threads, the
 * warm-up, the rounds, decisions per {@code decideAll} call, the audit durability (null: no log) and
 * the bare Drools session of the baseline. Immutable; the command checks the ranges.
 */
public record BenchPlan(int decisions, int threads, double warmupSeconds, int rounds, int batch, Durability audit,
                        BareDrools.Mode baselineSession) {
}
