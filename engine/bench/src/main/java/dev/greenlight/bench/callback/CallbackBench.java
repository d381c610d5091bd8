package dev.greenlight.bench.callback;

import com.sun.net.httpserver.HttpServer;
import dev.greenlight.engine.Greenlight;
import dev.greenlight.json.SubmissionReader;
import dev.greenlight.model.Submission;
import dev.greenlight.server.GreenlightServer;
import dev.greenlight.server.callback.CallbackConfig;
import dev.greenlight.server.callback.CallbackSignature;
import dev.greenlight.testkit.Submissions;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Callbacks to the integrator (issue 15): how fast a backlog drains and how long a final verdict
 * takes to reach a receiver on loopback. An engine with an audit log decides {@code --decisions}
 * submissions (every one APPROVE or REJECT by the rules) while the server's callbacks, with
 * {@code automatic} on, send each to a JDK HTTP receiver that checks the signature and answers 204.
 * Each callback is one POST and one fsync of the cursor, one at a time, in log order.
 *
 * <pre>
 * java -cp 'engine/bench/target/greenlight-bench.jar:engine/bench/target/lib/*' dev.greenlight.bench.callback.CallbackBench \
 *     --decisions 5000 [--dir /var/tmp/callback-bench]
 * </pre>
 *
 * <p>Prints callbacks a second while draining a backlog (all decided before the receiver opens),
 * then the latency from a decision's return to its callback's arrival at a steady trickle.
 */
public final class CallbackBench {
    private static final byte[] SECRET = "bench-secret-0123456789abcdef0123456789".getBytes(StandardCharsets.US_ASCII);

    private CallbackBench() {
    }

    public static void main(String[] args) throws Exception {
        int decisions = 5000;
        Path dir = null;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--decisions" -> decisions = Integer.parseInt(args[i + 1]);
                case "--dir" -> dir = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (--decisions N, --dir DIR)");
            }
        }
        dir = dir == null ? Files.createTempDirectory("callback-bench-") : Files.createDirectories(dir);
        Path rules = dir.resolve("rules");
        Files.createDirectories(rules);
        Files.writeString(rules.resolve("a.drl"), """
                package bench;
                import dev.greenlight.model.*;
                global Votes verdict;
                rule "commercial" @policy("C-1") when Submission( intendedUse == "commercial" ) then verdict.reject("Commercial use is closed."); end
                rule "ok" @policy("B-1") when Submission() then verdict.approve("Fine."); end
                """);
        ConcurrentHashMap<String, Long> arrived = new ConcurrentHashMap<>();
        AtomicInteger badSignatures = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        receiver.createContext("/hook", x -> {
            long now = System.nanoTime();
            byte[] body = x.getRequestBody().readAllBytes();
            if (!CallbackSignature.verify(SECRET, x.getRequestHeaders().getFirst(CallbackSignature.HEADER), body,
                    System.currentTimeMillis() / 1000, Duration.ofMinutes(5))) {
                badSignatures.incrementAndGet();
            }
            String text = new String(body, StandardCharsets.UTF_8);
            int at = text.indexOf("\"decisionId\":\"") + 14;
            arrived.put(text.substring(at, text.indexOf('"', at)), now);
            x.sendResponseHeaders(204, -1);
            x.close();
        });
        URI url = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
        SubmissionReader reader = new SubmissionReader();
        List<Submission> subs = new ArrayList<>();
        for (int i = 0; i < decisions; i++) {
            subs.add(reader.parse(Submissions.json("s-" + i, i % 4 == 0 ? "commercial" : "press").getBytes(StandardCharsets.UTF_8), "b"));
        }

        // a backlog: decided while no callback runs, then drained by a fresh start
        Path audit = dir.resolve("audit.jsonl");
        Greenlight first = Greenlight.builder().rulesDirectory(rules).auditLog(audit).build();
        GreenlightServer.builder(first).port(0).callbacks(CallbackConfig.builder(url, SECRET).automatic(true).build()).build().start()
                .close(); // closes the engine too; the cursor now sits at the log's start: all decided next is a backlog
        try (Greenlight engine = Greenlight.builder().rulesDirectory(rules).auditLog(audit).build()) {
            for (Submission s : subs) {
                engine.decide(s);
            }
        }
        receiver.start();
        long t0 = System.nanoTime();
        Greenlight engine = Greenlight.builder().rulesDirectory(rules).auditLog(audit).build();
        GreenlightServer server = GreenlightServer.builder(engine).port(0)
                .callbacks(CallbackConfig.builder(url, SECRET).automatic(true).build()).build().start();
        int total = decisions;
        waitFor(() -> arrived.size() >= total);
        double drain = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "backlog: %d callbacks drained in %.2f s = %.0f callbacks/s (one POST and one cursor fsync each)%n",
                total, drain, total / drain);

        // a trickle: one decision every 20 ms, each timed from decide() returning to its arrival
        arrived.clear();
        int trickle = Math.min(500, decisions);
        long[] decidedAt = new long[trickle];
        String[] ids = new String[trickle];
        for (int i = 0; i < trickle; i++) {
            ids[i] = engine.decide(subs.get(i)).decisionId();
            decidedAt[i] = System.nanoTime();
            Thread.sleep(20);
        }
        waitFor(() -> arrived.size() >= trickle);
        long[] micros = new long[trickle];
        for (int i = 0; i < trickle; i++) {
            micros[i] = (arrived.get(ids[i]) - decidedAt[i]) / 1000;
        }
        Arrays.sort(micros);
        System.out.printf(Locale.ROOT, "trickle: %d callbacks, decision to arrival p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                trickle, micros[trickle / 2] / 1000.0, micros[trickle * 9 / 10] / 1000.0, micros[trickle * 99 / 100] / 1000.0,
                micros[trickle - 1] / 1000.0);
        System.out.println("signatures refused by the receiver: " + badSignatures.get());
        server.close();
        receiver.stop(0);
    }

    private static void waitFor(java.util.function.BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("callbacks did not arrive within 10 minutes");
            }
            Thread.sleep(5);
        }
    }
}
