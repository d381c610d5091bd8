package dev.greenlight.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.engine.internal.CompiledRules;
import dev.greenlight.engine.internal.RuleCompiler;
import dev.greenlight.engine.internal.RuleEvaluator;
import dev.greenlight.engine.internal.RuleFiles;
import dev.greenlight.json.ModelJson;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Media;
import dev.greenlight.model.Provenance;
import dev.greenlight.model.Signal;
import dev.greenlight.model.Submission;
import dev.greenlight.model.Submitter;
import dev.greenlight.testing.LongRuns;
import dev.greenlight.testing.PluginJars;
import dev.greenlight.testing.RuleDirs;
import dev.greenlight.testing.ShippedPack;
import dev.greenlight.testing.Submissions;
import dev.greenlight.testplugins.GoodProvider;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/reliability.md R4 and R5: the engine in a steady state. Many decisions leave neither heap growth nor
 * live sessions behind; and the same input, rules and plugin versions decide the same way every
 * time. Short variants here; {@code mvn -Plong} runs ten times as many decisions.
 */
class SteadyStateTest {
    @TempDir
    Path dir;

    /** Submissions that between them make most of the shipped pack vote: approve, reject, escalate. */
    static List<Submission> variety() {
        Media longVideo = Media.builder("video").mimeType("video/mp4").width(1920).height(1080)
                .durationSeconds(60.0).frameRate(24.0).build();
        return List.of(
                Submissions.base("s-base").build(),
                Submissions.base("s-commercial").intendedUse("commercial").build(),
                Submissions.base("s-red-team").submitter(new Submitter("r-1", "red-team", true, List.of()))
                        .intendedUse("public-post").build(),
                Submissions.base("s-unverified").submitter(new Submitter("u-1", "public", false, List.of())).build(),
                Submissions.base("s-long-video").intendedUse("public-post").media(List.of(longVideo)).build(),
                Submissions.base("s-no-provenance").intendedUse("public-post").provenance(new Provenance(false, false))
                        .tags(List.of("landscape", "dawn")).build(),
                Submissions.base("s-partner").submitter(new Submitter("p-1", "studio-partner", true, List.of("lead")))
                        .intendedUse("commercial").title("Boats").description("Paper boats at dawn.").build());
    }

    /** Signals as the shipped plugins would give them, so the policy areas that read signals vote too. */
    static List<Signal> signals(int i) {
        return switch (i % 4) {
            case 0 -> List.of();
            case 1 -> List.of(Signal.builder("prompt.term").source("prompt-screen").category("public-figure").value("someone").build());
            case 2 -> List.of(Signal.builder("prompt.term").source("prompt-screen").category("brand").value("acme").build(),
                    Signal.builder("media.info").source("media-probe").mediaIndex(0).value("image/png").build());
            default -> List.of(Signal.builder("hash.match").source("hash-match").category("known-content").value("bank-1").build());
        };
    }

    @Test
    void R4_manyDecisions_heapAfterGcStaysFlat() {
        int n = LongRuns.pick(100_000, 1_000_000);
        List<Submission> inputs = variety();
        try (Greenlight g = Greenlight.builder().rulesDirectory(ShippedPack.rules()).build()) {
            int warmUp = 5_000;
            for (int i = 0; i < warmUp; i++) {
                g.decide(inputs.get(i % inputs.size()), signals(i));
            }
            long before = usedHeapAfterGc();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                Decision d = g.decide(inputs.get(i % inputs.size()), signals(i));
                if (d.reasons().isEmpty()) {
                    throw new AssertionError("a decision without reasons: " + d);
                }
            }
            long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
            long after = usedHeapAfterGc();
            long growth = after - before;
            System.out.printf("R4: %,d decisions in %d s; heap after GC %,d KiB before, %,d KiB after%n",
                    n, seconds, before / 1024, after / 1024);
            // a leak of even 200 bytes a decision would show as 20 MB here
            assertThat(growth).as("heap growth after GC over %,d decisions", n).isLessThan(16L << 20);
        }
    }

    @Test
    void R4_evaluations_leaveNoLiveSessions_evenWhenRulesFail() throws Exception {
        Path rules = dir.resolve("rules");
        RuleDirs.write(rules, "r.drl", "r", """
                declare Counter n : int end
                rule "ok" @policy("P-1") when Submission() then verdict.approve("ok"); end
                rule "throws" @policy("P-2") when Submission( prompt == "throw" ) then throw new IllegalStateException("x"); end
                rule "seed" when Submission( prompt == "loop" ) not Counter() then insert(new Counter(0)); end
                rule "runaway" when $c : Counter( n >= 0 ) then modify($c) { setN($c.getN() + 1) }; end
                """);
        CompiledRules compiled = RuleCompiler.compile(RuleFiles.fromDirectory(rules));
        List<Submission> inputs = List.of(Submissions.base("s-ok").build(),
                Submissions.base("s-throw").prompt("throw").build(), Submissions.base("s-loop").prompt("loop").build());
        int perThread = LongRuns.pick(5_000, 50_000);
        int threads = 4;
        RuleEvaluator evaluator = new RuleEvaluator(200, Duration.ofSeconds(5));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> peaks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t;
                peaks.add(pool.submit(() -> {
                    int peak = 0;
                    for (int i = 0; i < perThread; i++) {
                        evaluator.evaluate(compiled, inputs.get((i + offset) % inputs.size()), List.of());
                        peak = Math.max(peak, compiled.kieBase().getKieSessions().size());
                    }
                    return peak;
                }));
            }
            int most = 0;
            for (Future<Integer> peak : peaks) {
                most = Math.max(most, peak.get());
            }
            // the KieBase does count the sessions in use (else the checks here would prove nothing) …
            assertThat(most).as("live sessions while deciding").isPositive();
            // … and a pool keeps idle sessions for reuse, but a bounded number, however many evaluations
            assertThat(most).as("live sessions while deciding").isLessThanOrEqualTo(64 + threads);
        } finally {
            pool.shutdown();
        }
        evaluator.close();
        assertThat(compiled.kieBase().getKieSessions()).as("live sessions after close").isEmpty();
    }

    @Test
    void R5_sameInputRulesAndPlugins_decideIdentically_butForIdAndTime() {
        Path plugins = dir.resolve("plugins");
        PluginJars.plugin("good").version("1.2.3").extension(GoodProvider.class).writeTo(plugins);
        List<Submission> inputs = variety();
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        List<String> again = new ArrayList<>();
        try (Greenlight g = Greenlight.builder().rulesDirectory(ShippedPack.rules()).plugins(plugins).build()) {
            for (int i = 0; i < inputs.size() * 4; i++) {
                first.add(comparable(g.decide(inputs.get(i % inputs.size()))));
                first.add(comparable(g.decide(inputs.get(i % inputs.size()), signals(i))));
            }
            for (int i = 0; i < inputs.size() * 4; i++) {
                again.add(comparable(g.decide(inputs.get(i % inputs.size()))));
                again.add(comparable(g.decide(inputs.get(i % inputs.size()), signals(i))));
            }
        }
        try (Greenlight g = Greenlight.builder().rulesDirectory(ShippedPack.rules()).plugins(plugins).build()) {
            for (int i = 0; i < inputs.size() * 4; i++) {
                second.add(comparable(g.decide(inputs.get(i % inputs.size()))));
                second.add(comparable(g.decide(inputs.get(i % inputs.size()), signals(i))));
            }
        }
        assertThat(again).as("the same engine, twice").containsExactlyElementsOf(first);
        assertThat(second).as("a second engine on the same rules and plugins").containsExactlyElementsOf(first);
        // and the inputs really were decided differently from one another (the comparison is not vacuous)
        assertThat(first.stream().distinct().count()).isGreaterThan(inputs.size());
        assertThat(first).anyMatch(s -> s.contains("\"verdict\":\"REJECT\""))
                .anyMatch(s -> s.contains("\"verdict\":\"APPROVE\"")).anyMatch(s -> s.contains("\"verdict\":\"ESCALATE\""));
    }

    /** A decision as JSON without what differs by design: its id, its time, and how long it and each plugin took. */
    private static String comparable(Decision d) {
        ObjectNode json = ModelJson.decision(d);
        json.remove(List.of("decisionId", "decidedAt", "elapsedMicros"));
        json.withArray("plugins").forEach(p -> ((ObjectNode) p).remove("elapsedMicros"));
        return ModelJson.write(json);
    }

    private static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
