package dev.greenlight.server.desk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.desk.DeskConfig;
import dev.greenlight.desk.ReviewDesk;
import dev.greenlight.engine.Greenlight;
import dev.greenlight.server.GreenlightServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's acceptance: 16 reviewers, each on its own connection and thread, claim from a queue of
 * 1,000 cases over HTTP at once until the desk answers 204: every case is handed out exactly once.
 */
class ConcurrentClaimsTest {
    private static final int CASES = 1_000;
    private static final int CLIENTS = 16;

    @TempDir
    Path dir;
    GreenlightServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void sixteenClients_claimAThousandCases_eachHandedOutExactlyOnce() throws Exception {
        var registry = GreenlightServer.newRegistry();
        Greenlight engine = Greenlight.builder().rulesDirectory(DeskFixture.rules(dir)).auditLog(dir.resolve("audit.jsonl"))
                .meterRegistry(registry).build();
        ReviewDesk desk = ReviewDesk.open(engine, DeskConfig.defaults());
        engine.decideAll(DeskFixture.submissions(1, CASES, 7), null);
        server = GreenlightServer.builder(engine).port(0).ratePerSecond(0).desk(desk).accounts(DeskFixture.accounts(CLIENTS))
                .meterRegistry(registry).build().start();

        Map<String, String> claimedBy = new ConcurrentHashMap<>();
        List<String> twice = java.util.Collections.synchronizedList(new ArrayList<>());
        CyclicBarrier start = new CyclicBarrier(CLIENTS);
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<Integer>> done = new ArrayList<>();
        for (int t = 1; t <= CLIENTS; t++) {
            String name = String.format("r%02d", t);
            DeskClient client = new DeskClient(server.uri(), DeskFixture.token(name));
            done.add(pool.submit(() -> {
                start.await();
                int n = 0;
                while (true) {
                    DeskClient.Answer a = client.post("/v1/cases/next?queue=review", null);
                    if (a.status() == 204) {
                        return n;
                    }
                    assertThat(a.status()).as(a.toString()).isEqualTo(200);
                    assertThat(a.json().path("claimedBy").asText()).isEqualTo(name);
                    String previous = claimedBy.putIfAbsent(a.json().path("caseId").asText(), name);
                    if (previous != null) {
                        twice.add(a.json().path("caseId").asText() + " to " + previous + " and " + name);
                    }
                    n++;
                }
            }));
        }
        Map<String, Integer> perClient = new HashMap<>();
        int total = 0;
        for (int t = 0; t < CLIENTS; t++) {
            int n = done.get(t).get();
            perClient.put(String.format("r%02d", t + 1), n);
            total += n;
        }
        pool.shutdown();
        System.out.printf("16 clients claimed %d cases: %s%n", total, perClient);

        assertThat(twice).as("cases handed out twice").isEmpty();
        assertThat(total).isEqualTo(CASES);
        assertThat(claimedBy).hasSize(CASES);
        assertThat(perClient.values()).as("every client got work").allMatch(n -> n > 0);
        assertThat(desk.stats().stream().filter(q -> q.queue() == dev.greenlight.desk.Queue.REVIEW).findFirst().orElseThrow().claimed())
                .isEqualTo(CASES);
    }
}
