package dev.greenlight.bench.desk;

import dev.greenlight.desk.DeskConfig;
import dev.greenlight.desk.ReviewDesk;
import dev.greenlight.desk.accounts.Account;
import dev.greenlight.desk.accounts.Accounts;
import dev.greenlight.desk.accounts.Role;
import dev.greenlight.engine.Greenlight;
import dev.greenlight.json.SubmissionReader;
import dev.greenlight.model.Submission;
import dev.greenlight.server.GreenlightServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The review desk over HTTP with a large queue (issue 14): an engine whose every decision is
 * ESCALATE decides {@code --cases} submissions (100,000 by default) into a real audit log, the desk
 * opens a case for each, and a server with the desk listens on loopback. Then {@code --clients}
 * reviewers (threads, each its own account and connection) each claim the next case
 * ({@code POST /v1/cases/next}) and decide it ({@code POST /v1/cases/{id}/decision}, APPROVE: one
 * chained, durable review record), back to back (with {@code --view-every N}, also reading every Nth
 * case's decision view, {@code GET /v1/decisions/{id}}, in the loop),
 * until {@code --reviews} reviews are made after {@code --warmup}; then one client reads
 * {@code --views} (20) decision views of decided cases spread over the log, one at a time. Prints the percentiles of each
 * request as the client saw it on loopback, and the server's own time for each route (from the
 * server's request timer: mean, and the largest bucket bound under which 99 % fell).
 *
 * <pre>
 * java -cp 'engine/bench/target/greenlight-bench.jar:engine/bench/target/lib/*' dev.greenlight.bench.desk.DeskHttpBench \
 *     --cases 100000 --clients 4 --reviews 5000 [--dir /var/tmp/desk-bench] [--durability per-batch]
 * </pre>
 *
 * <p>With {@code --restart}, the engine and desk are closed after seeding and opened again (the desk
 * rebuilt from the log), as a server after a restart serves them.
 *
 * <p>A program, not a library: it prints to standard output and deletes its directory unless
 * {@code --keep}; a bad option is an {@link IllegalArgumentException}.
 */
public final class DeskHttpBench {
    private static final String POLICY = "PRG-3";

    private DeskHttpBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        int cases = Integer.parseInt(o.getOrDefault("cases", "100000"));
        int clients = Integer.parseInt(o.getOrDefault("clients", "4"));
        int reviews = Integer.parseInt(o.getOrDefault("reviews", "5000"));
        int warmup = Integer.parseInt(o.getOrDefault("warmup", Integer.toString(Math.max(100, reviews / 5))));
        int viewEvery = Integer.parseInt(o.getOrDefault("view-every", "0"));
        int views = Integer.parseInt(o.getOrDefault("views", "20"));
        Path dir = o.containsKey("dir") ? Files.createDirectories(Path.of(o.get("dir"))) : Files.createTempDirectory("desk-bench");
        if (cases < reviews + warmup) {
            throw new IllegalArgumentException("--cases must be at least --reviews + --warmup");
        }
        Path rules = rules(dir);
        var registry = GreenlightServer.newRegistry();
        long t0 = System.nanoTime();
        Greenlight engine = Greenlight.builder().rulesDirectory(rules).auditLog(dir.resolve("audit.jsonl"))
                .meterRegistry(registry).build();
        ReviewDesk desk = ReviewDesk.open(engine, DeskConfig.defaults());
        SubmissionReader reader = new SubmissionReader();
        for (int from = 0; from < cases; from += 1000) {
            List<Submission> batch = new ArrayList<>(1000);
            for (int i = from; i < Math.min(cases, from + 1000); i++) {
                batch.add(reader.parse(submission(i).getBytes(StandardCharsets.UTF_8), "bench"));
            }
            engine.decideAll(batch, null);
        }
        System.out.printf(Locale.ROOT, "seeded %,d escalated decisions (%,d open cases) in %.1f s%n", cases,
                desk.stats().stream().mapToInt(s -> s.open()).sum(), (System.nanoTime() - t0) / 1e9);
        if (o.containsKey("restart")) {
            // as after a restart: the desk rebuilt from the log knows where each decision's record is
            desk.close();
            engine.close();
            long t1 = System.nanoTime();
            engine = Greenlight.builder().rulesDirectory(rules).auditLog(dir.resolve("audit.jsonl")).meterRegistry(registry).build();
            desk = ReviewDesk.open(engine, DeskConfig.defaults());
            System.out.printf(Locale.ROOT, "restarted: engine and desk rebuilt from the log in %.1f s%n", (System.nanoTime() - t1) / 1e9);
        }

        List<Accounts.Entry> entries = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            entries.add(new Accounts.Entry(Account.of("r" + c, Role.REVIEWER), null, Accounts.tokenSha256(token(c))));
        }
        GreenlightServer server = GreenlightServer.builder(engine).port(0).ratePerSecond(0).desk(desk)
                .accounts(Accounts.of(entries)).meterRegistry(registry).build().start();
        try {
            List<String> decided = run(server.uri(), clients, warmup, reviews, viewEvery);
            views(server.uri(), decided, views);
            serverTimes(registry.scrape());
        } finally {
            server.close();
            if (!o.containsKey("keep")) {
                delete(dir);
            }
        }
    }

    private static List<String> run(URI uri, int clients, int warmup, int reviews, int viewEvery) throws InterruptedException {
        List<String> decided = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger left = new AtomicInteger(warmup + reviews);
        AtomicInteger done = new AtomicInteger();
        long[][] claim = new long[clients][];
        long[][] view = new long[clients][];
        long[][] decide = new long[clients][];
        int[] counts = new int[clients];
        int[] views = new int[clients];
        List<Thread> threads = new ArrayList<>();
        java.util.concurrent.atomic.AtomicLong started = new java.util.concurrent.atomic.AtomicLong();
        for (int c = 0; c < clients; c++) {
            int me = c;
            claim[c] = new long[warmup + reviews];
            view[c] = new long[warmup + reviews];
            decide[c] = new long[warmup + reviews];
            Thread t = new Thread(() -> {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                String auth = "Bearer " + token(me);
                try {
                    while (left.getAndDecrement() > 0) {
                        boolean measured = done.incrementAndGet() > warmup;
                        if (measured) {
                            started.compareAndSet(0, System.nanoTime());
                        }
                        long a = System.nanoTime();
                        HttpResponse<String> next = send(http, uri, "POST", "/v1/cases/next", null, auth);
                        long b = System.nanoTime();
                        if (next.statusCode() != 200) {
                            throw new IllegalStateException("claim: " + next.statusCode() + " " + next.body());
                        }
                        String caseId = member(next.body(), "caseId");
                        String decisionId = member(next.body(), "decisionId");
                        String version = member(next.body(), "version");
                        long c2 = b;
                        boolean viewed = viewEvery > 0 && counts[me] % viewEvery == 0;
                        if (viewed) {
                            HttpResponse<String> v = send(http, uri, "GET", "/v1/decisions/" + decisionId, null, auth);
                            c2 = System.nanoTime();
                            if (v.statusCode() != 200) {
                                throw new IllegalStateException("view: " + v.statusCode() + " " + v.body());
                            }
                        }
                        String body = "{\"verdict\":\"APPROVE\",\"policy\":\"" + POLICY + "\",\"version\":" + version + "}";
                        HttpResponse<String> d = send(http, uri, "POST", "/v1/cases/" + caseId + "/decision", body, auth);
                        long e = System.nanoTime();
                        if (d.statusCode() != 200) {
                            throw new IllegalStateException("decide: " + d.statusCode() + " " + d.body());
                        }
                        decided.add(decisionId);
                        if (measured) {
                            int i = counts[me]++;
                            claim[me][i] = b - a;
                            decide[me][i] = e - c2;
                            if (viewed) {
                                view[me][views[me]++] = c2 - b;
                            }
                        }
                    }
                } catch (IOException | InterruptedException | RuntimeException ex) {
                    System.err.println("client " + me + " stopped: " + ex);
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - started.get()) / 1e9;
        int n = Arrays.stream(counts).sum();
        System.out.printf(Locale.ROOT, "%d clients, %,d reviews measured (after %,d warm-up) in %.1f s: %.0f reviews/s%n",
                clients, n, warmup, seconds, n / seconds);
        print("POST /v1/cases/next (claim)", merge(claim, counts));
        if (viewEvery > 0) {
            print("GET /v1/decisions/{id}", merge(view, views));
        }
        print("POST /v1/cases/{id}/decision", merge(decide, counts));
        return decided;
    }

    /** {@code count} decision views, one at a time, of decisions spread over the log (each has a review now). */
    private static void views(URI uri, List<String> decided, int count) throws IOException, InterruptedException {
        if (count <= 0 || decided.isEmpty()) {
            return;
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String auth = "Bearer " + token(0);
        long[] t = new long[count];
        for (int i = 0; i < count; i++) {
            String id = decided.get((int) ((long) i * decided.size() / count));
            long a = System.nanoTime();
            HttpResponse<String> v = send(http, uri, "GET", "/v1/decisions/" + id, null, auth);
            t[i] = System.nanoTime() - a;
            if (v.statusCode() != 200) {
                throw new IllegalStateException("view: " + v.statusCode() + " " + v.body());
            }
        }
        Arrays.sort(t);
        print("GET /v1/decisions/{id} (alone)", t);
    }

    private static HttpResponse<String> send(HttpClient http, URI uri, String method, String path, String body, String auth)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri.resolve(path)).timeout(Duration.ofSeconds(60)).header("Authorization", auth)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The server's own time per desk route, from its request timer: count, mean and the bucket bound under which 99 % fell. */
    private static void serverTimes(String scrape) {
        Pattern sum = Pattern.compile("greenlight_http_requests_seconds_sum\\{method=\"(\\w+)\",route=\"([^\"]+)\",status=\"200\"} (\\S+)");
        Pattern count = Pattern.compile("greenlight_http_requests_seconds_count\\{method=\"(\\w+)\",route=\"([^\"]+)\",status=\"200\"} (\\S+)");
        Map<String, double[]> byRoute = new HashMap<>();
        for (String line : scrape.split("\n")) {
            Matcher s = sum.matcher(line);
            Matcher c = count.matcher(line);
            if (s.matches()) {
                byRoute.computeIfAbsent(s.group(1) + " " + s.group(2), k -> new double[2])[0] = Double.parseDouble(s.group(3));
            } else if (c.matches()) {
                byRoute.computeIfAbsent(c.group(1) + " " + c.group(2), k -> new double[2])[1] = Double.parseDouble(c.group(3));
            }
        }
        byRoute.forEach((route, v) -> {
            if (route.contains("/v1/cases") || route.contains("/v1/decisions/")) {
                System.out.printf(Locale.ROOT, "server time %-36s %,8.0f requests, mean %7.3f ms (warm-up included)%n",
                        route, v[1], v[1] == 0 ? 0 : v[0] / v[1] * 1000);
            }
        });
    }

    private static long[] merge(long[][] perClient, int[] counts) {
        long[] all = new long[Arrays.stream(counts).sum()];
        int at = 0;
        for (int c = 0; c < perClient.length; c++) {
            System.arraycopy(perClient[c], 0, all, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(all);
        return all;
    }

    private static void print(String what, long[] sorted) {
        if (sorted.length == 0) {
            System.out.println(what + ": no samples");
            return;
        }
        System.out.printf(Locale.ROOT, "%-32s p50 %7.3f ms  p90 %7.3f ms  p99 %7.3f ms  max %7.3f ms%n", what,
                at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
    }

    private static double at(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    /** A top-level string or number member of a small JSON object (the bench avoids a JSON library on the client side). */
    private static String member(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":(\"([^\"]*)\"|(\\d+))").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(2) != null ? m.group(2) : m.group(3);
    }

    private static String token(int client) {
        return "desk-bench-token-" + client + "-0123456789abcdef0123456789";
    }

    private static String submission(int i) {
        return "{\"id\":\"s-" + i + "\",\"submittedAt\":\"2026-11-02T10:00:00Z\",\"submitter\":{\"id\":\"artist-" + (i % 5000)
                + "\",\"verified\":false},\"intendedUse\":\"portfolio\"" + (i % 10 == 0 ? ",\"tags\":[\"minor\"]" : "") + ",\"media\":[{\"type\":\"image\",\"mimeType\":\"image/png\",\"path\":\"work.png\",\"width\":64,\"height\":64}]}";
    }

    /** A pack whose every decision is ESCALATE (every tenth under a minors policy, which the desk puts first). */
    private static Path rules(Path dir) throws IOException {
        Path rules = dir.resolve("rules");
        Files.createDirectories(rules.resolve("programme"));
        Files.createDirectories(rules.resolve("minors"));
        Files.writeString(rules.resolve("programme/review.drl"), "package programme;\nimport dev.greenlight.model.*;\n"
                + "global Votes verdict;\nrule \"everything is reviewed\" @policy(\"PRG-3\")\nwhen Submission()\n"
                + "then verdict.escalate(\"A reviewer will look at this work.\");\nend\n");
        Files.writeString(rules.resolve("minors/minor.drl"), "package minors;\nimport dev.greenlight.model.*;\n"
                + "global Votes verdict;\nrule \"minor first\" @policy(\"MIN-1\")\nwhen Submission(tags contains \"minor\")\n"
                + "then verdict.escalate(\"Work that may show a minor is checked first.\");\nend\n");
        Files.writeString(rules.resolve("catalogue.yaml"), "policies:\n  PRG-3:\n    title: Unverified accounts are reviewed\n"
                + "    text: Checked by a reviewer.\n  MIN-1:\n    title: Minors\n    text: Checked first.\n");
        return rules;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String name = args[i].substring(2);
            if (name.equals("keep") || name.equals("restart")) {
                o.put(name, "");
            } else if (i + 1 < args.length) {
                o.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
        }
        return o;
    }

    private static void delete(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
