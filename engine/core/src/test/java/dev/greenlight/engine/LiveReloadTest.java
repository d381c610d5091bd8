package dev.greenlight.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greenlight.audit.AuditVerifier;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Submission;
import dev.greenlight.model.Verdict;
import dev.greenlight.ruleset.RuleProblem;
import dev.greenlight.testing.RuleDirs;
import dev.greenlight.testing.Submissions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Live reload of rules (docs/reliability.md R1): atomic swaps under load, rejected candidates, watch, required tests. */
class LiveReloadTest {
    @TempDir
    Path dir;

    private static String good(int k) {
        return "rule \"version\" @policy(\"V-1\") when Submission() then verdict.approve(\"v" + k + "\"); end\n";
    }

    /** A broken candidate of each kind R1 names; each must be rejected with file:line. */
    private static final String[] BROKEN = {
        "rule \"syntax\" when Submission( then verdict.approve(\"x\"); end\n",
        "rule \"unknown-type\" when NoSuchFact() then verdict.approve(\"x\"); end\n",
        "rule \"bad-consequence\" when Submission() then System.exit(1); end\n",
    };

    @Test
    void R1_fiftySwapsUnderEightDecidingThreads_noFailedOrBlockedDecision_andEveryVersionWasActive() throws Exception {
        Path rules = dir.resolve("rules");
        RuleDirs.write(rules, "a.drl", "a", good(0));
        Path log = dir.resolve("audit.jsonl");
        try (Greenlight g = Greenlight.builder().rulesDirectory(rules).auditLog(log).build()) {
            // versions[i] is the i-th good rule set; finished/started bracket each swap (see below)
            List<String> versions = new CopyOnWriteArrayList<>(List.of(g.ruleset().version()));
            Set<String> broken = ConcurrentHashMap.newKeySet();
            AtomicInteger started = new AtomicInteger();
            AtomicInteger finished = new AtomicInteger();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong slowest = new AtomicLong();
            AtomicInteger decided = new AtomicInteger();
            List<String> wrong = new CopyOnWriteArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<Integer>> workers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                workers.add(pool.submit(() -> {
                    int n = 0;
                    while (!stop.get()) {
                        int from = finished.get();
                        long t0 = System.nanoTime();
                        Decision d = g.decide(Submissions.base("s-" + thread + "-" + n).build());
                        slowest.accumulateAndGet(System.nanoTime() - t0, Math::max);
                        int to = started.get();
                        String v = d.ruleset().version();
                        int index = versions.indexOf(v);
                        if (index < from || index > to) {
                            wrong.add(d.decisionId() + " has version #" + index + ", active were #" + from + "..#" + to);
                        }
                        if (!("v" + index).equals(d.reasons().get(0).message()) || broken.contains(v)) {
                            wrong.add(d.decisionId() + " was made by other rules than its version names");
                        }
                        n++;
                        decided.incrementAndGet();
                    }
                    return n;
                }));
            }
            int good = 0;
            for (int swap = 1; swap <= 50; swap++) {
                boolean bad = swap % 5 == 0;
                Path file = rules.resolve("a.drl");
                if (bad) {
                    Files.writeString(file, "package a;\n" + RuleDirs.HEADER + BROKEN[(swap / 5) % BROKEN.length]);
                    ReloadResult r = g.reloadRules();
                    assertThat(r.status()).isEqualTo(ReloadResult.Status.REJECTED);
                    assertThat(r.errors()).isNotEmpty().allSatisfy(p -> {
                        assertThat(p.file()).isEqualTo("a.drl");
                        assertThat(p.line()).isPositive();
                    });
                    assertThat(r.active()).isEqualTo(r.previous());
                    broken.add(r.candidate().version());
                } else {
                    good++;
                    RuleDirs.write(rules, "a.drl", "a", good(good));
                    // a decision that sees "started" before it ends may have used this version
                    String next = dev.greenlight.engine.internal.RuleFiles.fromDirectory(rules).version();
                    versions.add(next);
                    started.incrementAndGet();
                    ReloadResult r = g.reloadRules();
                    finished.incrementAndGet();
                    assertThat(r.status()).as(r.summary()).isEqualTo(ReloadResult.Status.ACTIVATED);
                    assertThat(r.active().version()).isEqualTo(next);
                }
                Thread.sleep(5);
            }
            // R1 asks for 1,000 decisions around the swaps: keep deciding until there were that many (bounded)
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (decided.get() < 1_000 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            stop.set(true);
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            int total = 0;
            for (Future<Integer> w : workers) {
                int n = w.get(); // a failed decision would throw here
                assertThat(n).isPositive();
                total += n;
            }
            assertThat(wrong).isEmpty();
            assertThat(good).isEqualTo(40);
            assertThat(g.ruleset().version()).isEqualTo(versions.get(40));
            assertThat(TimeUnit.NANOSECONDS.toMillis(slowest.get())).as("slowest decision, ms").isLessThan(5_000);
            assertThat(total).isGreaterThanOrEqualTo(1_000);
        }
        assertThat(AuditVerifier.verify(log).intact()).isTrue();
    }

    @Test
    void reload_ofTheSameFiles_isUnchanged_andCompilesNothing() {
        Path rules = dir.resolve("rules");
        RuleDirs.write(rules, "a.drl", "a", good(0));
        try (Greenlight g = Greenlight.builder().rulesDirectory(rules).build()) {
            LoadedRules before = g.loadedRules();
            ReloadResult r = g.reloadRules();
            assertThat(r.status()).isEqualTo(ReloadResult.Status.UNCHANGED);
            assertThat(g.loadedRules()).isSameAs(before);
        }
    }

    @Test
    void reload_ofAMissingDirectory_isRejected_andTheRulesServeOn() throws Exception {
        Path rules = dir.resolve("rules");
        RuleDirs.write(rules, "a.drl", "a", good(0));
        try (Greenlight g = Greenlight.builder().rulesDirectory(rules).build()) {
            String v = g.ruleset().version();
            Files.delete(rules.resolve("a.drl"));
            ReloadResult r = g.reloadRules();
            assertThat(r.status()).isEqualTo(ReloadResult.Status.REJECTED);
            assertThat(r.errors()).extracting(RuleProblem::message).anyMatch(m -> m.contains("no rule files"));
            assertThat(g.decide(Submissions.base("s").build()).ruleset().version()).isEqualTo(v);
        }
    }

    @Test
    void requiredPolicyTests_rejectACandidateWhoseCasesFail_andRefuseToStartOnFailingRules() throws Exception {
        Path rules = dir.resolve("rules");
        RuleDirs.write(rules, "p/p.drl", "p", "rule \"ok\" @policy(\"B-1\") when Submission() then verdict.approve(\"fine\"); end\n");
        Files.writeString(rules.resolve("p/p_test.yaml"), """
                cases:
                  - name: a portfolio image is approved
                    submission: {id: c-1, submittedAt: "2026-11-01T09:00:00Z", submitter: {id: a, verified: true},
                                 intendedUse: portfolio, media: [{type: image}]}
                    expect: {verdict: APPROVE, rules: [ok]}
                """);
        try (Greenlight g = Greenlight.builder().rulesDirectory(rules).requirePolicyTests(true).build()) {
            String v = g.ruleset().version();
            RuleDirs.write(rules, "p/p.drl", "p", "rule \"ok\" @policy(\"B-1\") when Submission() then verdict.reject(\"no\"); end\n");
            ReloadResult r = g.reloadRules();
            assertThat(r.status()).isEqualTo(ReloadResult.Status.REJECTED);
            assertThat(r.testFailures()).singleElement().asString()
                    .contains("p/p_test.yaml").contains("a portfolio image is approved").contains("expected APPROVE, got REJECT");
            assertThat(g.ruleset().version()).isEqualTo(v);
        }
        assertThatThrownBy(() -> Greenlight.builder().rulesDirectory(rules).requirePolicyTests(true).build())
                .isInstanceOf(GreenlightConfigurationException.class).hasMessageContaining("expected APPROVE, got REJECT");
    }

    @Test
    void watch_reloadsOnceTheDirectoryIsQuiet_includingNewSubdirectories() throws Exception {
        Path rules = dir.resolve("rules");
        RuleDirs.write(rules, "a.drl", "a", good(0));
        List<ReloadResult> seen = new CopyOnWriteArrayList<>();
        GreenlightListener listener = new GreenlightListener() {
            @Override
            public void rulesReloaded(ReloadResult result, boolean shadow) {
                seen.add(result);
            }
        };
        try (Greenlight g = Greenlight.builder().rulesDirectory(rules).watchRules(Duration.ofMillis(200))
                .listener(listener).build()) {
            String v0 = g.ruleset().version();
            RuleDirs.write(rules, "sub/b.drl", "b", "rule \"b\" when Submission( intendedUse == \"press\" ) then verdict.reject(\"b\"); end\n");
            awaitVersionChange(g, v0);
            String v1 = g.ruleset().version();
            assertThat(g.ruleNames()).contains("b");
            // a file in the new subdirectory is watched too
            RuleDirs.write(rules, "sub/b.drl", "b", "rule \"b2\" when Submission( intendedUse == \"press\" ) then verdict.reject(\"b\"); end\n");
            awaitVersionChange(g, v1);
            assertThat(g.ruleNames()).contains("b2");
            assertThat(g.decide(Submissions.base("s").intendedUse("press").build()).verdict()).isEqualTo(Verdict.REJECT);
            // a broken save is reported and the rules serve on
            String v2 = g.ruleset().version();
            RuleDirs.write(rules, "sub/b.drl", "b", "rule \"b3\" when Submission( then end\n");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (seen.stream().noneMatch(r -> r.status() == ReloadResult.Status.REJECTED) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(seen).anyMatch(r -> r.status() == ReloadResult.Status.REJECTED);
            assertThat(g.ruleset().version()).isEqualTo(v2);
        }
    }

    private static void awaitVersionChange(Greenlight g, String from) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (g.ruleset().version().equals(from) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(g.ruleset().version()).as("the watch reloaded").isNotEqualTo(from);
    }

    @Test
    void existingAccessors_followTheLiveRules() {
        Path rules = dir.resolve("rules");
        RuleDirs.write(rules, "a.drl", "a", good(0));
        try (Greenlight g = Greenlight.builder().rulesDirectory(rules).build()) {
            RuleDirs.write(rules, "a.drl", "a", good(1) + "rule \"extra\" when Submission() then end\n");
            g.reloadRules();
            assertThat(g.ruleNames()).containsExactly("extra", "version");
            assertThat(g.ruleCount()).isEqualTo(2);
            assertThat(g.loadedRules().ruleNames()).containsExactly("extra", "version");
            assertThat(g.ruleWarnings()).isEqualTo(g.loadedRules().warnings());
            Submission s = Submissions.base("s").build();
            assertThat(g.decide(s).reasons().get(0).message()).isEqualTo("v1");
        }
    }
}
