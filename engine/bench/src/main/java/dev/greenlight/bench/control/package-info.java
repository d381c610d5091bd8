/**
 * The control experiments behind the performance figures, each a runnable main class: what the
 * machine allows, measured with no Greenlight code, so that a figure can be read against it.
 * {@link dev.greenlight.bench.control.CpuControl} (how many times one thread T threads of arithmetic
 * run), {@link dev.greenlight.bench.control.FsyncProbe} (the disk's durable appends a second) and
 * {@link dev.greenlight.bench.control.HandOffControl} (what waiting for a group-committing writer
 * costs many callers). Formerly part of {@code greenlight bench}; they measure the machine, not a
 * deployment's rules, so they are not shipped in the CLI.
 */
package dev.greenlight.bench.control;
