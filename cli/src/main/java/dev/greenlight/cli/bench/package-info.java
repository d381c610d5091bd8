/**
 * What {@code greenlight bench} and the JMH benchmarks measure with: generated moderation rules and
 * submissions, bare Drools as the floor, a timed multi-threaded runner and latency percentiles.
 * Not part of deciding.
 */
package dev.greenlight.cli.bench;
