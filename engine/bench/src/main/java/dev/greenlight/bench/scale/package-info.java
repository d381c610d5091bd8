/**
 * How the audit log scales with its size: {@link dev.greenlight.bench.scale.LogGenerator} writes a
 * log of many decisions (with reviews), and {@link dev.greenlight.bench.scale.OpenTimer} times
 * opening it for writing and finding one decision in a fresh JVM. Figures and commands:
 * {@code engine/bench/README.md}.
 */
package dev.greenlight.bench.scale;
