package dev.greenlight.bench;

import dev.greenlight.testkit.DecisionRate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The node's own decision rate with a {@code GROUP} audit log, in-process: the shipped policy pack,
 * generated corpus-like submissions, {@code --callers} threads ({@link DecisionRate#ofNode}); once
 * rules only (each submission with the signals its plugins could give) and, when the shipped plugin
 * jars are found, once with them running, as {@code serve} decides. Prints decisions/s and CPU
 * microseconds a decision. The shipping benchmarks (ship modules) measure the same in their run.
 *
 * <pre>
 * java -cp "$CP" dev.greenlight.bench.NodeDecisionRate [--decisions 50000] [--callers 64] [--warmup 8] [--dir /tmp/rate]
 * </pre>
 */
public final class NodeDecisionRate {
    private NodeDecisionRate() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            o.put(args[i].substring(2), args[i + 1]);
        }
        long decisions = Long.parseLong(o.getOrDefault("decisions", "50000"));
        int callers = Integer.parseInt(o.getOrDefault("callers", "64"));
        Duration warmup = Duration.ofSeconds(Long.parseLong(o.getOrDefault("warmup", "8")));
        Path dir = o.containsKey("dir") ? Files.createDirectories(Path.of(o.get("dir")))
                : Files.createTempDirectory("greenlight-rate");
        Path rules = Fixtures.shippedRules();
        report("rules only, " + DecisionRate.SIGNALS + " signals a submission", callers,
                DecisionRate.ofNode(rules, fresh(dir, "rules-only"), null, callers, warmup, decisions));
        var plugins = DecisionRate.shippedPlugins();
        if (plugins.isPresent()) {
            report("rules and plugins (" + plugins.get() + ")", callers,
                    DecisionRate.ofNode(rules, fresh(dir, "plugins"), plugins.get(), callers, warmup, decisions));
        } else {
            System.out.println("with plugins: not measured (no plugins/target/dist; -Dgreenlight.bench.plugins=DIR)");
        }
        System.out.printf("%d cores, load average %.1f%n", Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static Path fresh(Path dir, String name) throws java.io.IOException {
        Path d = dir.resolve(name);
        if (Files.exists(d)) {
            throw new IllegalStateException(d + " exists: give an empty --dir");
        }
        return Files.createDirectories(d).resolve("audit.jsonl");
    }

    private static void report(String what, int callers, DecisionRate.Result r) {
        System.out.printf("GROUP log, %d callers, shipped rules, %s: %,.0f decisions/s (%,d timed after %,d warm-up), "
                + "%.0f us CPU a decision%n", callers, what, r.perSecond(), r.decisions(), r.warmedUp(), r.cpuMicrosPerDecision());
    }
}
