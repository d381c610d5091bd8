package dev.greenlight.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The desk's pages over HTTP, without a browser: sign-in, sessions, CSRF, origin, roles, media ranges, headers. */
class DeskWebTest {
    private static final Pattern CSRF = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\">");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private DeskFixture desk;

    @BeforeEach
    void start() throws Exception {
        desk = DeskFixture.start(4);
    }

    @AfterEach
    void stop() {
        desk.close();
    }

    private HttpResponse<String> get(String path, String cookie, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(desk.url(path))).timeout(Duration.ofSeconds(30)).GET();
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String cookie, Map<String, String> form, String... headers) throws Exception {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(desk.url(path))).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> login(String name, String password) throws Exception {
        return post("/login", null, Map.of("name", name, "password", password));
    }

    /** Signs in and returns the {@code Cookie} header value. */
    private String session(String name) throws Exception {
        HttpResponse<String> r = login(name, DeskFixture.PASSWORD);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        String set = r.headers().firstValue("Set-Cookie").orElseThrow();
        return set.substring(0, set.indexOf(';'));
    }

    private String csrf(String cookie) throws Exception {
        Matcher m = CSRF.matcher(get("/desk/", cookie).body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static Map<String, String> form(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void signIn_setsAStrictHttpOnlySessionCookie_withA256BitId() throws Exception {
        HttpResponse<String> r = login("ana", DeskFixture.PASSWORD);
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).contains("/desk/");
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith(DeskWeb.COOKIE + "=").contains("HttpOnly").contains("SameSite=Strict").contains("Path=/")
                .doesNotContain("Secure"); // plain HTTP here; Secure is set on TLS
        String id = cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
        assertThat(id).matches("[A-Za-z0-9_-]{43}"); // 32 random bytes
        assertThat(get("/desk/", null).statusCode()).isEqualTo(303);
        assertThat(get("/desk/", cookie.substring(0, cookie.indexOf(';'))).statusCode()).isEqualTo(200);
    }

    @Test
    void wrongPasswords_areRateLimited_with429AndRetryAfter() throws Exception {
        for (int i = 0; i < DeskWeb.LOGIN_LIMIT; i++) {
            assertThat(login("ana", "wrong " + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> r = login("ana", DeskFixture.PASSWORD);
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isBetween(1L, 60L));
        assertThat(r.body()).contains("Too many failed sign-ins");
    }

    @Test
    void aNameWithControlCharacters_isRefusedLikeAWrongPassword() throws Exception {
        HttpResponse<String> r = login("ana\u0007", DeskFixture.PASSWORD);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(login("rev\u202eana", DeskFixture.PASSWORD).statusCode()).isEqualTo(401);
    }

    @Test
    void pages_forbidOutsideScriptsStylesAndFraming() throws Exception {
        HttpResponse<String> r = get("/login", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v ->
                assertThat(v).contains("default-src 'self'").contains("frame-ancestors 'none'").contains("form-action 'self'"));
        assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(r.body()).doesNotContain("role=\"alert\"") // no error before a sign-in was tried
                .doesNotContain("<script>").doesNotContain("style=\"").doesNotContain("http://").doesNotContain("https://");
        assertThat(get("/desk/static/desk.css", null).statusCode()).isEqualTo(200);
        assertThat(get("/desk/static/other.js", null).statusCode()).isEqualTo(404);
    }

    @Test
    void aPostWithoutTheToken_orFromAnotherOrigin_isRefused_andNothingChanges() throws Exception {
        String cookie = session("ana");
        String token = csrf(cookie);
        assertThat(post("/desk/next", cookie, form("queue", "review")).statusCode()).isEqualTo(403);
        assertThat(post("/desk/next", cookie, form("queue", "review", "csrf", token + "x")).statusCode()).isEqualTo(403);
        assertThat(post("/desk/next", cookie, form("queue", "review", "csrf", token), "Origin", "https://evil.example").statusCode())
                .isEqualTo(403);
        assertThat(desk.desk.stats().stream().mapToInt(s -> s.claimed()).sum()).isZero();
        HttpResponse<String> ok = post("/desk/next", cookie, form("queue", "review", "csrf", token), "Origin",
                desk.url("/").replaceAll("/$", ""));
        assertThat(ok.statusCode()).isEqualTo(303);
        assertThat(ok.headers().firstValue("Location").orElseThrow()).startsWith("/desk/cases/");
    }

    @Test
    void anAuditor_cannotClaimOrDecide() throws Exception {
        String cookie = session("audrey");
        String token = csrf(cookie);
        assertThat(post("/desk/next", cookie, form("queue", "review", "csrf", token)).statusCode()).isEqualTo(403);
        String caseId = desk.desk.list(dev.greenlight.desk.Queue.REVIEW, dev.greenlight.desk.CaseState.OPEN, 0, 1).get(0).caseId();
        HttpResponse<String> r = post("/desk/cases/" + caseId + "/decide", cookie,
                form("csrf", token, "verdict", "APPROVE", "policy", DeskFixture.POLICY, "version", "1"));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(desk.reviewsRecorded()).isZero();
    }

    @Test
    void aRejectionWithoutAMessage_showsTheFormAgainWithTheError() throws Exception {
        String cookie = session("ana");
        String token = csrf(cookie);
        String location = post("/desk/next", cookie, form("queue", "review", "csrf", token)).headers().firstValue("Location").orElseThrow();
        String caseId = location.substring(location.lastIndexOf('/') + 1);
        long version = desk.caseOf(caseId).version();
        HttpResponse<String> r = post(location + "/decide", cookie, form("csrf", token, "verdict", "REJECT", "policy",
                DeskFixture.POLICY, "artistMessage", "", "note", "my note", "version", Long.toString(version)));
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).contains("id=\"decide-error\"").contains("my note");
        assertThat(desk.reviewsRecorded()).isZero();
    }

    @Test
    void media_isServedWithRanges_toSignedInAccountsOnly() throws Exception {
        String decisionId = desk.desk.list(dev.greenlight.desk.Queue.REVIEW, dev.greenlight.desk.CaseState.OPEN, 0, 1).get(0).decisionId();
        String path = "/desk/media/" + decisionId + "/1";
        assertThat(get(path, null).statusCode()).isEqualTo(303);
        String cookie = session("audrey");
        HttpResponse<String> whole = get(path, cookie);
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.headers().firstValue("Accept-Ranges")).contains("bytes");
        assertThat(whole.headers().firstValue("Content-Type")).contains("audio/mpeg");
        HttpResponse<String> part = get(path, cookie, "Range", "bytes=100-199");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.headers().firstValue("Content-Range")).contains("bytes 100-199/65536");
        assertThat(part.headers().firstValue("Content-Length")).contains("100");
        assertThat(get(path, cookie, "Range", "bytes=70000-").statusCode()).isEqualTo(416);
        assertThat(get("/desk/media/" + decisionId + "/9", cookie).statusCode()).isEqualTo(404);
    }

    @Test
    void theLeaseRenewal_needsTheTokenInItsHeader_andTheClaim() throws Exception {
        String cookie = session("ana");
        String token = csrf(cookie);
        String location = post("/desk/next", cookie, form("queue", "review", "csrf", token)).headers().firstValue("Location").orElseThrow();
        String caseId = location.substring(location.lastIndexOf('/') + 1);
        java.time.Instant lease = desk.caseOf(caseId).leaseUntil();
        assertThat(post(location + "/renew", cookie, Map.of()).statusCode()).isEqualTo(403);
        Thread.sleep(5); // the desk's clock must move for the lease to grow
        assertThat(post(location + "/renew", cookie, Map.of(), "X-CSRF-Token", token).statusCode()).isEqualTo(204);
        assertThat(desk.caseOf(caseId).leaseUntil()).isAfter(lease);
        String other = session("ben");
        assertThat(post(location + "/renew", other, Map.of(), "X-CSRF-Token", csrf(other)).statusCode()).isEqualTo(409);
    }

    @Test
    void signOut_endsTheSession() throws Exception {
        String cookie = session("ana");
        String token = csrf(cookie);
        assertThat(post("/logout", cookie, form("csrf", token)).statusCode()).isEqualTo(303);
        assertThat(get("/desk/", cookie).statusCode()).isEqualTo(303);
    }
}
