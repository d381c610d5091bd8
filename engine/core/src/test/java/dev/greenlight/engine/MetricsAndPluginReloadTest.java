package dev.greenlight.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.audit.HeldFsync;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Verdict;
import dev.greenlight.testing.PluginJars;
import dev.greenlight.testing.RuleDirs;
import dev.greenlight.testing.Submissions;
import dev.greenlight.testplugins.GoodProvider;
import dev.greenlight.testplugins.ThrowingProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Micrometer meters, and reloading the plugin set as a fresh plugin manager. */
class MetricsAndPluginReloadTest {
    @TempDir
    Path dir;

    @Test
    void meters_countDecisionsVotesReloadsAuditAndPluginFailures() throws Exception {
        Path rules = dir.resolve("rules");
        Path plugins = dir.resolve("plugins");
        RuleDirs.write(rules, "a.drl", "a", """
                rule "commercial" @policy("C-1") when Submission( intendedUse == "commercial" ) then verdict.reject("no"); end
                rule "ok" @policy("B-1") when Signal( name == "test.ok" ) then verdict.approve("ok"); end
                """);
        PluginJars.plugin("good").extension(GoodProvider.class).writeTo(plugins);
        PluginJars.plugin("bad").extension(ThrowingProvider.class).writeTo(plugins);
        MeterRegistry registry = new SimpleMeterRegistry();
        HeldFsync disk = new HeldFsync();
        try (Greenlight g = Greenlight.builder().rulesDirectory(rules).plugins(plugins)
                .auditLog(disk.config(dir.resolve("audit.jsonl"))).meterRegistry(registry).build()) {
            g.decide(Submissions.base("a").build());
            g.decide(Submissions.base("b").intendedUse("commercial").build());
            RuleDirs.write(rules, "a.drl", "a", "rule \"x\" when Submission( then end\n");
            assertThat(g.reloadRules().succeeded()).isFalse();

            assertThat(registry.get("greenlight.decisions").tag("verdict", "ESCALATE").counter().count()).isEqualTo(1);
            assertThat(registry.get("greenlight.decisions").tag("verdict", "REJECT").counter().count()).isEqualTo(1);
            assertThat(registry.get("greenlight.decision.duration").timer().count()).isEqualTo(2);
            assertThat(registry.get("greenlight.rule.votes").tag("rule", "commercial").tag("verdict", "REJECT")
                    .counter().count()).isEqualTo(1);
            assertThat(registry.get("greenlight.plugin.duration").tag("plugin", "good").timer().count()).isEqualTo(2);
            assertThat(registry.get("greenlight.plugin.errors").tag("plugin", "bad").tag("kind", "exception")
                    .counter().count()).isEqualTo(2);
            assertThat(registry.get("greenlight.audit.append.duration").timer().count()).isEqualTo(2);
            // both appends were acknowledged, so nothing waits for the writer, and the gauge reads the engine's figure
            assertThat(registry.get("greenlight.audit.queue.depth").gauge().value())
                    .isEqualTo(0.0).isEqualTo((double) g.auditQueueDepth());
            assertThat(registry.get("greenlight.rules.reloads").tag("target", "live").tag("result", "rejected")
                    .counter().count()).isEqualTo(1);
            assertThat(registry.get("greenlight.rules.count").gauge().value()).isEqualTo(2);

            // decisions waiting behind a slow disk show on the gauge, and leave it once durable
            queueDepthGauge_showsDecisionsWaitingForTheDisk(g, disk, registry);
        }
    }

    private static void queueDepthGauge_showsDecisionsWaitingForTheDisk(Greenlight g, HeldFsync disk, MeterRegistry registry)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            disk.hold();
            List<Future<Decision>> decisions = new ArrayList<>();
            // the first decision's record finds the log idle: its caller commits it, and its fsync is held
            decisions.add(pool.submit(() -> g.decide(Submissions.base("held").build())));
            assertThat(disk.awaitHeld(10_000)).as("the first record's fsync is held").isTrue();
            for (String id : List.of("q-1", "q-2", "q-3")) {
                decisions.add(pool.submit(() -> g.decide(Submissions.base(id).build())));
            }
            // three records queue; the writer thread may have taken one and be waiting for the commit
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (g.auditQueueDepth() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(registry.get("greenlight.audit.queue.depth").gauge().value()).isBetween(2.0, 3.0);
            assertThat(decisions).noneMatch(Future::isDone);
            disk.release();
            for (Future<Decision> d : decisions) {
                d.get(10, TimeUnit.SECONDS);
            }
            assertThat(registry.get("greenlight.audit.queue.depth").gauge().value()).isZero();
        } finally {
            disk.release();
            pool.shutdownNow();
        }
    }

    @Test
    void reloadPlugins_swapsInAFreshSet_andDecisionsInFlightFinish() throws Exception {
        Path rules = dir.resolve("rules");
        Path plugins = dir.resolve("plugins");
        RuleDirs.write(rules, "a.drl", "a", """
                rule "ok" @policy("B-1") when Signal( name == "test.ok" ) then verdict.approve("ok"); end
                """);
        PluginJars.plugin("good").version("1.0.0").extension(GoodProvider.class).writeTo(plugins);
        try (Greenlight g = Greenlight.builder().rulesDirectory(rules).plugins(plugins).build()) {
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<List<Decision>>> workers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                workers.add(pool.submit(() -> {
                    List<Decision> out = new ArrayList<>();
                    for (int n = 0; !stop.get(); n++) {
                        out.add(g.decide(Submissions.base("s-" + thread + "-" + n).build()));
                    }
                    return out;
                }));
            }
            Thread.sleep(100);
            Files.list(plugins).forEach(p -> p.toFile().delete());
            PluginJars.plugin("good").version("2.0.0").extension(GoodProvider.class).writeTo(plugins);
            PluginReloadResult r = g.reloadPlugins();
            Thread.sleep(100);
            stop.set(true);
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            assertThat(r.activated()).isTrue();
            assertThat(r.plugins()).singleElement().satisfies(p -> assertThat(p.version()).isEqualTo("2.0.0"));
            List<String> versions = new ArrayList<>();
            for (Future<List<Decision>> w : workers) {
                for (Decision d : w.get()) {
                    assertThat(d.verdict()).as("no decision sees a closed plugin set").isEqualTo(Verdict.APPROVE);
                    versions.add(d.plugins().get(0).version());
                }
            }
            assertThat(versions).contains("2.0.0");
            assertThat(g.plugins()).singleElement().satisfies(p -> assertThat(p.version()).isEqualTo("2.0.0"));
            assertThat(g.decide(Submissions.base("after").build()).plugins().get(0).version()).isEqualTo("2.0.0");
        }
    }
}
