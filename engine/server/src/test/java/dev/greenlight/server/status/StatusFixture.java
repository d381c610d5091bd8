package dev.greenlight.server.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.desk.Case;
import dev.greenlight.desk.DeskConfig;
import dev.greenlight.desk.Queue;
import dev.greenlight.desk.ReviewDesk;
import dev.greenlight.desk.ReviewRequest;
import dev.greenlight.desk.accounts.Account;
import dev.greenlight.desk.accounts.Accounts;
import dev.greenlight.desk.accounts.Role;
import dev.greenlight.engine.Greenlight;
import dev.greenlight.model.Verdict;
import dev.greenlight.server.GreenlightServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A running server with the review desk, status tokens and a public URL, for the status tests:
 * rules that escalate unverified accounts (PRG-3), reject commercial use (PRG-2) and approve the
 * rest; an audit log; reviewers {@code ana}, {@code ben} and the lead {@code lena}.
 */
public final class StatusFixture implements AutoCloseable {
    public static final ObjectMapper JSON = new ObjectMapper();
    public static final URI PUBLIC = URI.create("https://greenlight.example.org/");
    public static final Account ANA = new Account("ana", Set.of(Role.REVIEWER));
    public static final Account BEN = new Account("ben", Set.of(Role.REVIEWER));

    final Path dir;
    final Greenlight engine;
    final ReviewDesk desk;
    public final GreenlightServer server;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private StatusFixture(Path dir, Greenlight engine, ReviewDesk desk, GreenlightServer server) {
        this.dir = dir;
        this.engine = engine;
        this.desk = desk;
        this.server = server;
    }

    public static StatusFixture start(Path dir) throws IOException {
        return start(dir, 1_000);
    }

    /** With {@code ratePerAddress} status requests a second allowed from one client. */
    public static StatusFixture start(Path dir, int ratePerAddress) throws IOException {
        Path rules = dir.resolve("rules");
        Files.createDirectories(rules);
        copy("status/rules.drl", rules.resolve("rules.drl"));
        copy("status/catalogue.yaml", rules.resolve("catalogue.yaml"));
        Path users = dir.resolve("users.txt");
        String hash = Accounts.hashPassword("correct horse battery staple".toCharArray());
        Files.writeString(users, "ana reviewer " + hash + "\nben reviewer " + hash + "\nlena lead " + hash + "\n");
        Path audit = dir.resolve("audit.jsonl");
        Greenlight engine = Greenlight.builder().rulesDirectory(rules).auditLog(audit).build();
        ReviewDesk desk = ReviewDesk.open(engine, DeskConfig.defaults());
        StatusTokens tokens = StatusTokens.open(dir.resolve("audit.jsonl.status-key"), dir.resolve("audit.jsonl.status-revoked"));
        GreenlightServer server = GreenlightServer.builder(engine).port(0).desk(desk).accounts(Accounts.load(users))
                .statusTokens(tokens).publicUrl(PUBLIC).statusRatePerAddress(ratePerAddress).build().start();
        return new StatusFixture(dir, engine, desk, server);
    }

    /** A submission as JSON: {@code verified} false escalates, {@code use} commercial rejects. */
    static String submission(String id, boolean verified, String use) {
        return "{\"id\":\"" + id + "\",\"submittedAt\":\"2026-12-05T10:00:00Z\",\"submitter\":{\"id\":\"artist-7\",\"verified\":"
                + verified + "},\"prompt\":\"oil painting of a harbour at dawn\",\"intendedUse\":\"" + use
                + "\",\"media\":[{\"type\":\"image\",\"width\":1024,\"height\":1024}]}";
    }

    /** POSTs a submission to /v1/decisions; the decision answered (with its status token). */
    public JsonNode decide(String id, boolean verified, String use) throws Exception {
        HttpResponse<String> r = post("/v1/decisions", submission(id, verified, use), "application/json", null);
        if (r.statusCode() != 200) {
            throw new AssertionError(r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    public HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(server.uri().resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String body, String type, String origin) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri().resolve(path)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (origin != null) {
            b.header("Origin", origin);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Claims the next case of {@code queue} as {@code who} and decides it; fails when there is none. */
    public Case review(Queue queue, Account who, Verdict verdict, String message, String note) {
        Case c = desk.next(queue, who).orElseThrow(() -> new AssertionError("no case for " + who.name() + " in " + queue));
        return desk.decide(c.caseId(), new ReviewRequest(verdict, "PRG-3", message, note, c.version(), List.of()), who);
    }

    Optional<Case> next(Queue queue, Account who) {
        return desk.next(queue, who);
    }

    /** Waits until the desk has opened a case for {@code decisionId} (it follows the engine's durable decisions). */
    public void awaitCase(String decisionId) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (desk.decision(decisionId).flatMap(v -> v.openOrLastCase()).isEmpty()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("the desk opened no case for " + decisionId);
            }
            Thread.sleep(10);
        }
    }

    /** Waits until the desk knows {@code decisionId}. */
    public void awaitDecision(String decisionId) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (desk.decision(decisionId).isEmpty()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("the desk never learnt of " + decisionId);
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() {
        server.close();
    }

    private static void copy(String resource, Path to) throws IOException {
        try (InputStream in = StatusFixture.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
