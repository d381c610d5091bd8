package dev.greenlight.server.desk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's acceptance: {@code kill -9} of the server (a child JVM) mid-review loses no recorded
 * review, and the queues rebuilt from the audit log after the restart equal the ones before the kill.
 *
 * <p>Reviewers decide cases over HTTP (APPROVE, REJECT, ESCALATE to the lead queue) and three hold
 * claims with their forms open; the test takes every queue's listing from {@code /v1/cases}; then
 * four reviewers keep claiming and deciding and the server is killed among their requests. After the
 * restart, every review that was answered 200 is in its decision's history and its case is where the
 * review put it; every case those last reviewers did not touch is exactly as listed before the kill,
 * except that claims (kept in memory, by design) are gone: a claimed case is open again, without
 * {@code claimedBy}, {@code leaseUntil}, and with the version the log gives it.
 */
class KillDuringReviewTest {
    private static final String[] VERDICTS = {"APPROVE", "REJECT", "ESCALATE"};

    @TempDir
    Path dir;
    Process child;

    @AfterEach
    void stop() throws InterruptedException {
        if (child != null) {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void killMidReview_losesNoRecordedReview_andTheQueuesAreRebuiltAsTheyWere() throws Exception {
        Path rules = DeskFixture.rules(dir);
        Path users = DeskFixture.usersFile(dir, 4);
        Path log = dir.resolve("audit.jsonl");
        URI uri = startChild(rules, log, users, 200);
        Map<String, String[]> acknowledged = new ConcurrentHashMap<>(); // caseId -> {verdict, reviewer, decisionId}

        // reviewers decide 60 cases, then three hold a claim each (forms open)
        review(uri, 60, acknowledged, ConcurrentHashMap.newKeySet(), new AtomicBoolean());
        for (String name : List.of("ana", "bob", "lee")) {
            assertThat(client(uri, name).post("/v1/cases/next", null).status()).isEqualTo(200);
        }
        Map<String, JsonNode> before = snapshot(uri);
        assertThat(before.values().stream().filter(c -> c.path("state").asText().equals("claimed"))).hasSize(3);
        assertThat(before.values().stream().filter(c -> c.path("queue").asText().equals("lead"))).isNotEmpty();

        // four reviewers keep deciding; the server dies among their requests
        Set<String> touched = ConcurrentHashMap.newKeySet();
        AtomicBoolean killed = new AtomicBoolean();
        int ackedBefore = acknowledged.size();
        Thread load = new Thread(() -> {
            try {
                review(uri, Integer.MAX_VALUE, acknowledged, touched, killed);
            } catch (Exception e) {
                // the server went away: expected
            }
        });
        load.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (acknowledged.size() < ackedBefore + 20 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        killed.set(true);
        child.destroyForcibly(); // SIGKILL, in the middle of the reviewers' requests
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        load.join(60_000);
        System.out.printf("killed after %d acknowledged reviews (%d in the last round, %d cases touched)%n",
                acknowledged.size(), acknowledged.size() - ackedBefore, touched.size());
        assertThat(acknowledged.size()).isGreaterThan(ackedBefore);

        URI again = startChild(rules, log, users, 0);
        DeskClient audra = client(again, "audra");
        for (Map.Entry<String, String[]> e : acknowledged.entrySet()) {
            String[] ack = e.getValue();
            JsonNode view = audra.get("/v1/decisions/" + ack[2]).json();
            List<String> reviews = new ArrayList<>();
            view.path("history").forEach(h -> {
                if (h.path("type").asText().equals("review")) {
                    reviews.add(h.path("actor").asText() + " " + h.path("verdict").asText());
                }
            });
            assertThat(reviews).as("the acknowledged review of case " + e.getKey()).contains(ack[1] + " " + ack[0]);
            JsonNode c = audra.get("/v1/cases/" + e.getKey()).json();
            if (ack[0].equals("ESCALATE")) {
                assertThat(c.path("queue").asText()).as(c.toString()).isEqualTo("lead");
                assertThat(c.path("state").asText()).isEqualTo("open");
            } else {
                assertThat(c.path("state").asText()).as(c.toString()).isEqualTo("closed");
                assertThat(c.path("finalVerdict").asText()).isEqualTo(ack[0]);
            }
        }
        Map<String, JsonNode> after = snapshot(again);
        assertThat(after.keySet()).isEqualTo(before.keySet());
        Map<String, JsonNode> expected = new TreeMap<>();
        Map<String, JsonNode> rebuilt = new TreeMap<>();
        before.forEach((id, c) -> {
            if (!touched.contains(id)) {
                expected.put(id, withoutClaim(c));
                rebuilt.put(id, withoutClaim(after.get(id)));
            }
        });
        assertThat(expected).hasSizeGreaterThan(100);
        assertThat(rebuilt).isEqualTo(expected);
        assertThat(after.values().stream().filter(c -> c.path("state").asText().equals("claimed"))).as("claims are in memory")
                .isEmpty();
    }

    /** Claim and decide in the review queue with four reviewers until {@code count} are acknowledged, none is left, or {@code stop}. */
    private static void review(URI uri, int count, Map<String, String[]> acknowledged, Set<String> touched, AtomicBoolean stop)
            throws Exception {
        AtomicInteger made = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        List<Exception> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (String name : List.of("r01", "r02", "r03", "r04")) {
            DeskClient me = client(uri, name);
            Thread t = new Thread(() -> {
                try {
                    while (!stop.get() && made.get() < count) {
                        DeskClient.Answer a = me.post("/v1/cases/next", null);
                        if (a.status() == 204) {
                            return;
                        }
                        String id = a.json().path("caseId").asText();
                        touched.add(id);
                        String verdict = VERDICTS[Math.floorMod(id.hashCode(), VERDICTS.length)];
                        DeskClient.Answer d = me.post("/v1/cases/" + id + "/decision", DeskClient.decision(verdict, "PRG-3",
                                verdict.equals("REJECT") ? "This work cannot be shared." : null, "checked", a.json().path("version").asLong()));
                        if (d.status() != 200) {
                            throw new AssertionError("decision on " + id + ": " + d);
                        }
                        acknowledged.put(id, new String[] {verdict, name, a.json().path("decisionId").asText()});
                        made.incrementAndGet();
                    }
                } catch (IOException | InterruptedException e) {
                    if (!stop.get()) {
                        failures.add(e);
                    }
                } catch (AssertionError e) {
                    failures.add(new IllegalStateException(e));
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }

    /** Every case of every queue and state, by id, as {@code /v1/cases} lists them. */
    private static Map<String, JsonNode> snapshot(URI uri) throws Exception {
        DeskClient audra = client(uri, "audra");
        Map<String, JsonNode> all = new TreeMap<>();
        for (String queue : List.of("review", "lead", "appeal")) {
            for (String state : List.of("open", "claimed", "closed")) {
                String next = "/v1/cases?queue=" + queue + "&state=" + state + "&limit=500";
                while (next != null) {
                    DeskClient.Answer page = audra.get(next);
                    assertThat(page.status()).as(page.toString()).isEqualTo(200);
                    page.json().path("cases").forEach(c -> all.put(c.path("caseId").asText(), c));
                    next = page.json().path("next").isNull() ? null : page.json().path("next").asText();
                }
            }
        }
        return all;
    }

    /** The case as a restart gives it back: claims are in memory, so a claimed case is open, and its version is the log's. */
    private static JsonNode withoutClaim(JsonNode c) {
        ObjectNode o = c.deepCopy();
        if (o.path("state").asText().equals("claimed")) {
            o.put("state", "open");
        }
        o.remove(List.of("claimedBy", "leaseUntil", "version"));
        return o;
    }

    private static DeskClient client(URI uri, String name) {
        return new DeskClient(uri, DeskFixture.token(name));
    }

    private URI startChild(Path rules, Path log, Path users, int seed) throws Exception {
        child = new ProcessBuilder(javaBin(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), DeskServerChild.class.getName(),
                rules.toString(), log.toString(), users.toString(), Integer.toString(seed))
                .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("child-stderr.txt").toFile()))
                .start();
        CountDownLatch ready = new CountDownLatch(1);
        int[] port = {-1};
        Process p = child;
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.startsWith("ready ")) {
                        port[0] = Integer.parseInt(line.substring(6).trim());
                        ready.countDown();
                    }
                }
            } catch (IOException e) {
                // the child died
            }
        });
        reader.setDaemon(true);
        reader.start();
        assertThat(ready.await(120, TimeUnit.SECONDS)).as("the child server started (see child-stderr.txt)").isTrue();
        return URI.create("http://127.0.0.1:" + port[0] + "/");
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
