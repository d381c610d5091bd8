package dev.greenlight.testkit;

import dev.greenlight.audit.AuditConfig;
import dev.greenlight.audit.AuditLog;
import dev.greenlight.audit.AuditVerifier;
import dev.greenlight.audit.Durability;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the shipping benchmarks compare a shipper with, measured in the same run: the node's own
 * decision rate with a {@code GROUP} log ({@link DecisionRate#ofNode}, rules with signals; and with
 * the shipped plugins when their jars are found), and the raw {@code GROUP} append rate of 64
 * callers with no rules. The rules-only node's log is the one to ship: real decision records.
 * Sizes from system properties: {@code greenlight.bench.records} (decisions timed, 50,000),
 * {@code greenlight.bench.warmup} (seconds, 8), {@code greenlight.bench.callers} (64). Immutable.
 */
public final class NodeRates {
    private final Path log;
    private final long records;
    private final long bytes;
    private final DecisionRate.Result rulesOnly;
    private final DecisionRate.Result withPlugins;
    private final double rawAppend;

    private NodeRates(Path log, long records, long bytes, DecisionRate.Result rulesOnly, DecisionRate.Result withPlugins,
                      double rawAppend) {
        this.log = log;
        this.records = records;
        this.bytes = bytes;
        this.rulesOnly = rulesOnly;
        this.withPlugins = withPlugins;
        this.rawAppend = rawAppend;
    }

    /** Measures all three rates in sub-directories of {@code dir}, printing each as it is known. */
    public static NodeRates measure(Path dir) throws InterruptedException, IOException {
        int decisions = Integer.getInteger("greenlight.bench.records", 50_000);
        Duration warmup = Duration.ofSeconds(Integer.getInteger("greenlight.bench.warmup", 8));
        int callers = Integer.getInteger("greenlight.bench.callers", 64);
        Path log = Files.createDirectories(dir.resolve("node")).resolve("audit.jsonl");
        DecisionRate.Result rulesOnly = DecisionRate.ofNode(log, null, callers, warmup, decisions);
        System.out.printf("node's decision rate, GROUP log, %d callers, shipped rules, %d signals a submission, no plugins: "
                + "%,.0f decisions/s (%,d after %,d warm-up), %.0f us CPU a decision%n", callers, DecisionRate.SIGNALS,
                rulesOnly.perSecond(), rulesOnly.decisions(), rulesOnly.warmedUp(), rulesOnly.cpuMicrosPerDecision());
        DecisionRate.Result withPlugins = null;
        Optional<Path> plugins = DecisionRate.shippedPlugins();
        if (plugins.isPresent()) {
            Path other = Files.createDirectories(dir.resolve("plugins")).resolve("audit.jsonl");
            withPlugins = DecisionRate.ofNode(other, plugins.get(), callers, warmup, decisions);
            System.out.printf("node's decision rate, GROUP log, %d callers, shipped rules and plugins (%s): %,.0f decisions/s, "
                    + "%.0f us CPU a decision%n", callers, plugins.get(), withPlugins.perSecond(), withPlugins.cpuMicrosPerDecision());
        } else {
            System.out.println("node's decision rate with the shipped plugins: not measured (no plugins/target/dist; "
                    + "build the plugins or pass -Dgreenlight.bench.plugins=DIR)");
        }
        double raw = rawAppend(Files.createDirectories(dir.resolve("raw")).resolve("audit.jsonl"), decisions, 64);
        System.out.printf("raw GROUP append, 64 callers, hand-made decisions, no rules: %,.0f records/s%n", raw);
        long records = AuditVerifier.verify(log).lastSeq();
        return new NodeRates(log, records, size(log), rulesOnly, withPlugins, raw);
    }

    private static double rawAppend(Path base, int records, int callers) throws InterruptedException {
        long t0 = System.nanoTime();
        try (AuditLog log = AuditLog.open(AuditConfig.builder(base).durability(Durability.GROUP).build())) {
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                String prefix = "c" + c + "-";
                Thread t = new Thread(() -> HandMadeDecisions.append(log, prefix, 0, records / callers));
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) {
                t.join();
            }
        }
        return (records / callers * callers) / ((System.nanoTime() - t0) / 1e9);
    }

    private static long size(Path base) throws IOException {
        String name = base.getFileName().toString();
        try (Stream<Path> files = Files.list(base.getParent())) {
            return files.filter(f -> f.getFileName().toString().matches(java.util.regex.Pattern.quote(name) + "(\\.\\d+)?"))
                    .mapToLong(f -> {
                        try {
                            return Files.size(f);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }).sum();
        }
    }

    /** The rules-only node's log (every decision of its run), to ship. */
    public Path log() {
        return log;
    }

    /** Records in {@link #log()}. */
    public long records() {
        return records;
    }

    /** CPU microseconds a decision of the rules-only node. */
    public double cpuMicrosPerDecision() {
        return rulesOnly.cpuMicrosPerDecision();
    }

    /** Prints the shipping rate of {@link #log()} to {@code target} and its ratios to the rates measured. */
    public void print(String target, double shipSeconds) {
        double rate = records / shipSeconds;
        System.out.printf("%n== shipped to %s: %,d records (%,.0f bytes each) in %.2f s; %d cores, load average %.1f ==%n",
                target, records, (double) bytes / records, shipSeconds, Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf("shipping: %,.0f records/s = %.2f x the node's decision rate (rules only, %,.0f/s)", rate,
                rate / rulesOnly.perSecond(), rulesOnly.perSecond());
        if (withPlugins != null) {
            System.out.printf(" = %.2f x with plugins (%,.0f/s)", rate / withPlugins.perSecond(), withPlugins.perSecond());
        }
        System.out.printf(" = %.2f x the raw GROUP append rate (%,.0f/s)%n", rate / rawAppend, rawAppend);
    }
}
