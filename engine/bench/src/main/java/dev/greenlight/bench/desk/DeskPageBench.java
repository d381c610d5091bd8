package dev.greenlight.bench.desk;

import dev.greenlight.desk.DeskConfig;
import dev.greenlight.desk.ReviewDesk;
import dev.greenlight.desk.accounts.Accounts;
import dev.greenlight.engine.Greenlight;
import dev.greenlight.json.SubmissionReader;
import dev.greenlight.model.Submission;
import dev.greenlight.server.GreenlightServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reviewers' web pages with a large queue (issue 14: "the case page's server time"): an engine
 * whose every decision is ESCALATE decides {@code --cases} submissions (100,000 by default) into a
 * real audit log, the desk opens a case for each, and a server with the desk and its pages listens on
 * loopback. One signed-in reviewer then, {@code --pages} times after {@code --warmup}: presses "Start
 * reviewing" ({@code POST /desk/next}), loads the case page ({@code GET /desk/cases/{id}}: the case,
 * the decision, the rules re-run for explain's detail, the catalogue, the submitter's earlier
 * decisions, rendered), decides it ({@code POST …/decide}: one durable review record) and loads the
 * queues page ({@code GET /desk/}). Prints each step's percentiles as the browser would see them on
 * loopback (so they include the HTTP round trip: the server's own time is less).
 *
 * <pre>
 * java -cp 'engine/bench/target/greenlight-bench.jar:engine/bench/target/lib/*' dev.greenlight.bench.desk.DeskPageBench \
 *     --cases 100000 --pages 500 [--open-after]
 * </pre>
 *
 * <p>By default the desk is open while the decisions are made and follows them, as under
 * {@code serve}; {@code --open-after} opens it on the finished log, as after a restart.
 */
public final class DeskPageBench {
    private static final Pattern CSRF = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\">");
    private static final Pattern VERSION = Pattern.compile("name=\"version\" value=\"(\\d+)\"");
    private static final String PASSWORD = "bench password 0123456789";

    private DeskPageBench() {
    }

    public static void main(String[] args) throws Exception {
        int cases = 100_000;
        int pages = 500;
        int warmup = 100;
        boolean openAfter = false;
        for (int i = 0; i < args.length; i += 2) {
            if (args[i].equals("--open-after")) {
                openAfter = true;
                i--;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            switch (args[i]) {
                case "--cases" -> cases = Integer.parseInt(args[i + 1]);
                case "--pages" -> pages = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (cases < pages + warmup) {
            throw new IllegalArgumentException("--cases must be at least --pages + --warmup");
        }
        Path dir = Files.createTempDirectory("desk-page-bench");
        Path rules = dir.resolve("rules");
        Files.createDirectories(rules.resolve("programme"));
        Files.writeString(rules.resolve("programme/review.drl"), "package programme;\nimport dev.greenlight.model.*;\n"
                + "global Votes verdict;\nrule \"everything is reviewed\" @policy(\"PRG-3\")\nwhen Submission()\n"
                + "then verdict.escalate(\"A reviewer will look at this work.\");\nend\n");
        Files.writeString(rules.resolve("catalogue.yaml"), "policies:\n  PRG-3:\n    title: Unverified accounts are reviewed\n"
                + "    text: Checked by a reviewer.\n");
        Path users = dir.resolve("users");
        Files.writeString(users, "ana reviewer " + Accounts.hashPassword(PASSWORD.toCharArray()) + "\n");

        long t0 = System.nanoTime();
        Greenlight engine = Greenlight.builder().rulesDirectory(rules).auditLog(dir.resolve("audit.jsonl")).build();
        // as serve runs: the desk opens first and follows the decisions; --open-after opens it on the
        // finished log instead, as after a restart (then every case knows its record's place in the log)
        ReviewDesk desk = openAfter ? null : ReviewDesk.open(engine, DeskConfig.defaults());
        SubmissionReader reader = new SubmissionReader();
        for (int from = 0; from < cases; from += 1000) {
            List<Submission> batch = new ArrayList<>(1000);
            for (int i = from; i < Math.min(cases, from + 1000); i++) {
                batch.add(reader.parse(("{\"id\":\"s-" + i + "\",\"submittedAt\":\"2026-11-02T10:00:00Z\",\"submitter\":{\"id\":\"artist-"
                        + (i % 5000) + "\",\"verified\":false},\"intendedUse\":\"portfolio\",\"title\":\"Work " + i
                        + "\",\"media\":[{\"type\":\"image\",\"mimeType\":\"image/png\",\"path\":\"work.png\",\"width\":64,\"height\":64}]}")
                        .getBytes(StandardCharsets.UTF_8), "bench"));
            }
            engine.decideAll(batch, null);
        }
        if (openAfter) {
            long r0 = System.nanoTime();
            desk = ReviewDesk.open(engine, DeskConfig.defaults());
            System.out.printf(Locale.ROOT, "desk opened on the finished log in %.1f s%n", (System.nanoTime() - r0) / 1e9);
        }
        System.out.printf(Locale.ROOT, "seeded %,d escalated decisions (%,d open cases) in %.1f s%n", cases,
                desk.stats().get(0).open(), (System.nanoTime() - t0) / 1e9);
        GreenlightServer server = GreenlightServer.builder(engine).port(0).desk(desk).accounts(Accounts.load(users)).build().start();
        try {
            run(server.uri(), warmup, pages);
        } finally {
            server.close();
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(URI uri, int warmup, int pages) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> login = send(http, uri, "POST", "/login", "name=ana&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8), null);
        String set = login.headers().firstValue("Set-Cookie").orElseThrow(() -> new IllegalStateException("sign-in failed: " + login.statusCode()));
        String cookie = set.substring(0, set.indexOf(';'));
        Matcher m = CSRF.matcher(send(http, uri, "GET", "/desk/", null, cookie).body());
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token on the queues page");
        }
        String csrf = "csrf=" + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8);
        long[][] t = new long[4][pages];
        for (int i = 0; i < warmup + pages; i++) {
            long a = System.nanoTime();
            HttpResponse<String> next = send(http, uri, "POST", "/desk/next", csrf + "&queue=review", cookie);
            long b = System.nanoTime();
            String location = next.headers().firstValue("Location").orElseThrow();
            HttpResponse<String> page = send(http, uri, "GET", location, null, cookie);
            long c = System.nanoTime();
            Matcher v = VERSION.matcher(page.body());
            if (page.statusCode() != 200 || !v.find()) {
                throw new IllegalStateException("case page " + location + ": " + page.statusCode());
            }
            HttpResponse<String> decided = send(http, uri, "POST", location + "/decide", csrf + "&verdict=APPROVE&policy=PRG-3"
                    + "&artistMessage=Fine.&note=&then=queues&version=" + v.group(1), cookie);
            long d = System.nanoTime();
            if (decided.statusCode() != 303) {
                throw new IllegalStateException("decide " + location + ": " + decided.statusCode());
            }
            send(http, uri, "GET", "/desk/", null, cookie);
            long e = System.nanoTime();
            if (i >= warmup) {
                int j = i - warmup;
                t[0][j] = b - a;
                t[1][j] = c - b;
                t[2][j] = d - c;
                t[3][j] = e - d;
            }
        }
        String[] names = {"POST /desk/next (claim)", "GET /desk/cases/{id} (case page)", "POST …/decide (durable review)", "GET /desk/ (queues page)"};
        for (int k = 0; k < 4; k++) {
            long[] s = t[k].clone();
            Arrays.sort(s);
            System.out.printf(Locale.ROOT, "%-34s p50 %6.2f ms  p90 %6.2f ms  p99 %6.2f ms  max %6.2f ms  (%d requests)%n", names[k],
                    s[s.length / 2] / 1e6, s[(int) (s.length * 0.9)] / 1e6, s[Math.min(s.length - 1, (int) (s.length * 0.99))] / 1e6,
                    s[s.length - 1] / 1e6, s.length);
        }
    }

    private static HttpResponse<String> send(HttpClient http, URI uri, String method, String path, String form, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri.resolve(path)).timeout(Duration.ofSeconds(60));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        if (form == null) {
            b.GET();
        } else {
            b.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
