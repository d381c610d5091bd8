/**
 * JMH benchmarks of the engine: {@link dev.greenlight.bench.EngineBench} (deciding, rules only or with
 * the shipped plugins' jars from {@code plugins/target/dist}), {@link dev.greenlight.bench.BareDroolsBench}
 * (the same rules and facts in plain Drools), {@link dev.greenlight.bench.JsonBench} and
 * {@link dev.greenlight.bench.AuditBench}. Run on request; see {@code engine/bench/README.md}.
 */
package dev.greenlight.bench;
