/**
 * What {@code greenlight bench} measures with: a timed multi-threaded runner and latency
 * percentiles. The generated rules and submissions and the bare-Drools baseline come from
 * {@code dev.greenlight.testkit}. Not part of deciding.
 */
package dev.greenlight.cli.bench;
