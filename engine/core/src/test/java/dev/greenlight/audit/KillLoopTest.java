package dev.greenlight.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.testing.RuleDirs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/reliability.md L1: a child JVM decides with group commit and prints each decision's id once it is
 * acknowledged; the test kills it ({@code SIGKILL}) at a random moment — while it opens and
 * recovers the log, or while it decides — restarts the log, and repeats. After every restart the
 * log verifies (with its signing key), and every acknowledged id is in it exactly once, in the
 * order its thread was given it. 20 cycles; more with {@code -Dgreenlight.audit.killCycles=200}.
 */
class KillLoopTest {
    private static final int THREADS = 4;

    @TempDir
    Path dir;

    @Test
    void L1_killLoop_everyAcknowledgedDecisionSurvivesExactlyOnceInOrder() throws Exception {
        int cycles = Integer.getInteger("greenlight.audit.killCycles", 20);
        Path rules = RuleDirs.write(dir.resolve("rules"), "a.drl", "a",
                "rule \"ok\" when Submission() then verdict.approve(\"fine\"); end\n").getParent();
        Path log = dir.resolve("log/audit.jsonl");
        Path keyFile = dir.resolve("audit.key");
        KeyPair key = AuditKeys.generate();
        AuditKeys.write(key, keyFile, dir.resolve("audit.pub"));
        Random random = new Random(Long.getLong("greenlight.audit.killSeed", System.nanoTime()));
        List<List<String>> acknowledged = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            acknowledged.add(new ArrayList<>());
        }
        int killedWhileDeciding = 0;
        int tailsCut = 0;
        for (int cycle = 0; cycle < cycles; cycle++) {
            Process child = new ProcessBuilder(javaBin(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-cp", System.getProperty("java.class.path"), KillLoopChild.class.getName(),
                    log.toString(), rules.toString(), keyFile.toString(), Integer.toString(THREADS))
                    .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("child-stderr.txt").toFile()))
                    .start();
            List<String> lines = new CopyOnWriteArrayList<>();
            CountDownLatch ready = new CountDownLatch(1);
            Thread reader = new Thread(() -> read(child, lines, ready));
            reader.start();
            boolean early = cycle % 4 == 3; // now and then, kill while it starts and recovers
            if (early) {
                Thread.sleep(200 + random.nextInt(600));
            } else {
                assertThat(ready.await(60, TimeUnit.SECONDS)).as("child ready").isTrue();
                Thread.sleep(20 + random.nextInt(250));
                killedWhileDeciding++;
            }
            child.destroyForcibly(); // SIGKILL
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reader.join(10_000);
            for (String line : lines) {
                if (line.startsWith("ack ")) {
                    String[] f = line.split(" ");
                    acknowledged.get(Integer.parseInt(f[1])).add(f[2]);
                }
            }
            if (checkAfterRestart(log, key, acknowledged, cycle)) {
                tailsCut++;
            }
        }
        System.out.printf("L1: %d cycles, %d killed while deciding, %d acknowledged decisions, %d torn tails cut%n", cycles,
                killedWhileDeciding, acknowledged.stream().mapToInt(List::size).sum(), tailsCut);
        assertThat(killedWhileDeciding).isPositive();
        assertThat(acknowledged.stream().mapToInt(List::size).sum()).as("decisions acknowledged in all").isPositive();
    }

    /** Restarts the log (recovery), then checks it against every acknowledgement so far; true when a torn tail was cut. */
    private static boolean checkAfterRestart(Path log, KeyPair key, List<List<String>> acknowledged, int cycle) throws IOException {
        boolean cut;
        try (AuditLog restarted = AuditLog.open(AuditConfig.builder(log).signingKey(key).build())) {
            cut = restarted.recovery().tailCut();
        }
        VerifyResult v = AuditVerifier.verify(log, VerifyOptions.DEFAULT.withKey(key.getPublic()));
        int acked = acknowledged.stream().mapToInt(List::size).sum();
        assertThat(v.intact()).as("cycle " + cycle + " (" + acked + " acknowledged so far): " + v.describe(log.toString())).isTrue();
        Map<String, Long> seqOf = new HashMap<>();
        Map<String, Integer> count = new HashMap<>();
        if (v.lastSeq() > 0) {
            AuditReader.read(log, r -> {
                if (r.isDecision()) {
                    seqOf.put(r.decisionId(), r.seq());
                    count.merge(r.decisionId(), 1, Integer::sum);
                }
            });
        }
        assertThat(count.values()).as("cycle " + cycle + ": no decision twice").allMatch(c -> c == 1);
        for (List<String> ids : acknowledged) {
            long last = 0;
            for (String id : ids) {
                Long seq = seqOf.get(id);
                assertThat(seq).as("cycle " + cycle + ": acknowledged " + id + " is in the log").isNotNull();
                assertThat(seq).as("cycle " + cycle + ": in order").isGreaterThan(last);
                last = seq;
            }
        }
        return cut;
    }

    private static void read(Process child, List<String> lines, CountDownLatch ready) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.equals("ready")) {
                    ready.countDown();
                } else if (line.matches("ack \\d+ [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            // the child was killed mid-line: what was read is what was acknowledged
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
