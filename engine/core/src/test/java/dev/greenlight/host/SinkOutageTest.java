package dev.greenlight.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.audit.AuditReader;
import dev.greenlight.engine.Greenlight;
import dev.greenlight.model.Decision;
import dev.greenlight.testing.LongRuns;
import dev.greenlight.testing.PluginJars;
import dev.greenlight.testing.RuleDirs;
import dev.greenlight.testing.Submissions;
import dev.greenlight.testplugins.FlakySink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/reliability.md L7: a sink that is down under load only lags, then catches up with every record. */
class SinkOutageTest {
    @TempDir
    Path dir;

    @Test
    void L7_sinkDownUnderLoad_decisionsKeepFlowing_sinkCatchesUpWithEveryRecordInOrder() throws Exception {
        Path rules = dir.resolve("rules");
        RuleDirs.write(rules, "a.drl", "a", "rule \"ok\" @policy(\"P\") when Submission() then verdict.approve(\"fine\"); end\n");
        Path plugins = dir.resolve("plugins");
        PluginJars.plugin("sink").extension(FlakySink.class).writeTo(plugins);
        Path out = dir.resolve("shipped.txt");
        Path down = dir.resolve("sink.down");
        Path log = dir.resolve("audit/audit.jsonl");
        Duration outage = Duration.ofSeconds(LongRuns.pick(3, 60));
        PluginSettings settings = PluginSettings.of(Map.of("sink", Map.of("file", out.toString(), "down", down.toString())));

        Files.createFile(down); // the sink's store is unreachable from the start
        List<String> decided = new ArrayList<>();
        AtomicInteger slow = new AtomicInteger();
        try (Greenlight g = Greenlight.builder().rulesDirectory(rules).plugins(plugins).pluginSettings(settings)
                .auditLog(log).build()) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            long until = System.nanoTime() + outage.toNanos();
            AtomicInteger n = new AtomicInteger();
            List<Future<List<String>>> workers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                workers.add(pool.submit(() -> {
                    List<String> ids = new ArrayList<>();
                    while (System.nanoTime() < until) {
                        long t0 = System.nanoTime();
                        Decision d = g.decide(Submissions.base("s-" + n.incrementAndGet()).build());
                        if (System.nanoTime() - t0 > 1_000_000_000L) {
                            slow.incrementAndGet();
                        }
                        ids.add(d.decisionId());
                    }
                    return ids;
                }));
            }
            for (Future<List<String>> w : workers) {
                decided.addAll(w.get());
            }
            pool.shutdown();
            assertThat(Files.exists(out)).as("nothing shipped while the store is down").isFalse();
            Files.delete(down); // the store is back
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (lines(out) < decided.size() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        }
        assertThat(slow.get()).as("decisions kept flowing while the sink was down").isZero();
        assertThat(decided).hasSizeGreaterThan(100);
        List<String> logged = new ArrayList<>();
        AuditReader.read(log, rec -> {
            if (rec.isDecision()) {
                logged.add(rec.decisionId());
            }
        });
        assertThat(logged).containsExactlyInAnyOrderElementsOf(decided);
        // every record exactly once, in log order
        assertThat(Files.readAllLines(out)).containsExactlyElementsOf(logged);
    }

    @Test
    void sinkResumesFromItsCursor_afterARestart_withoutReplayingHistory() throws Exception {
        Path rules = dir.resolve("rules");
        RuleDirs.write(rules, "a.drl", "a", "rule \"ok\" @policy(\"P\") when Submission() then verdict.approve(\"fine\"); end\n");
        Path plugins = dir.resolve("plugins");
        PluginJars.plugin("sink").extension(FlakySink.class).writeTo(plugins);
        Path out = dir.resolve("shipped.txt");
        Path log = dir.resolve("audit.jsonl");
        PluginSettings settings = PluginSettings.of(Map.of("sink", Map.of("file", out.toString(),
                "down", dir.resolve("never").toString())));
        // history made before the sink existed is not shipped
        try (Greenlight g = Greenlight.builder().rulesDirectory(rules).auditLog(log).build()) {
            g.decide(Submissions.base("before").build());
        }
        List<String> ids = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            try (Greenlight g = Greenlight.builder().rulesDirectory(rules).plugins(plugins).pluginSettings(settings)
                    .auditLog(log).build()) {
                for (int i = 0; i < 5; i++) {
                    ids.add(g.decide(Submissions.base("r" + run + "-" + i).build()).decisionId());
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (lines(out) < ids.size() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
            }
        }
        assertThat(Files.readAllLines(out)).containsExactlyElementsOf(ids);
    }

    private static int lines(Path file) throws java.io.IOException {
        return Files.exists(file) ? Files.readAllLines(file).size() : 0;
    }
}
