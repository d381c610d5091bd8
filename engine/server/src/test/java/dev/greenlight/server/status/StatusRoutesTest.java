package dev.greenlight.server.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.greenlight.desk.Queue;
import dev.greenlight.model.Verdict;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The artist's status routes over HTTP: what they show and never show, appeals, 404s, revocation, rate limit. */
class StatusRoutesTest {
    @TempDir
    Path dir;
    StatusFixture f;

    @BeforeEach
    void start() throws Exception {
        f = StatusFixture.start(dir);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void escalated_reviewed_appealed_overturned_showsEachState_andNothingInternal() throws Exception {
        JsonNode d = f.decide("s-1", false, "public-post");
        String id = d.path("decisionId").asText();
        String token = d.path("statusToken").asText();
        assertThat(d.path("statusUrl").asText()).isEqualTo("https://greenlight.example.org/status/" + token);
        f.awaitCase(id);

        JsonNode pending = json(f.get("/v1/status/" + token), 200);
        assertThat(pending.path("decisionId").asText()).isEqualTo(id);
        assertThat(pending.path("verdict").asText()).isEqualTo("ESCALATE");
        assertThat(pending.path("review").path("state").asText()).isEqualTo("pending");
        assertThat(pending.path("review").path("dueAt").asText()).isNotEmpty();
        assertThat(pending.path("pending").asBoolean()).isTrue();
        assertThat(pending.path("finalVerdict").isNull()).isTrue();
        assertThat(pending.path("appeal").path("state").asText()).isEqualTo("not-available");
        assertThat(pending.at("/reasons/0/policy").asText()).isEqualTo("PRG-3");
        assertThat(pending.at("/reasons/0/policyTitle").asText()).isEqualTo("Unverified accounts are reviewed");
        assertThat(f.post("/v1/status/" + token + "/appeal", "{\"text\":\"too early\"}", "application/json", null).statusCode())
                .as("nothing to appeal yet").isEqualTo(409);

        f.review(Queue.REVIEW, StatusFixture.ANA, Verdict.REJECT, "The likeness needs the person's consent.", "INTERNAL-NOTE-1");
        HttpResponse<String> rejected = f.get("/v1/status/" + token);
        JsonNode r = json(rejected, 200);
        assertThat(r.path("review").path("state").asText()).isEqualTo("done");
        assertThat(r.path("review").path("verdict").asText()).isEqualTo("REJECT");
        assertThat(r.path("review").path("message").asText()).isEqualTo("The likeness needs the person's consent.");
        assertThat(r.path("finalVerdict").asText()).isEqualTo("REJECT");
        assertThat(r.path("appeal").path("state").asText()).isEqualTo("available");
        assertThat(rejected.body()).doesNotContain("INTERNAL-NOTE").doesNotContain("ana").doesNotContain("artist-7")
                .doesNotContain("harbour").doesNotContain("signals").doesNotContain("plugins").doesNotContain("review\"queue");

        // refused texts record nothing
        assertProblem(f.post("/v1/status/" + token + "/appeal", "{\"text\":\"bad\\u0007bell\"}", "application/json", null), 400, "/text");
        assertProblem(f.post("/v1/status/" + token + "/appeal", "{\"text\":\"" + "x".repeat(2001) + "\"}", "application/json", null),
                400, "/text");
        assertProblem(f.post("/v1/status/" + token + "/appeal", "{\"words\":\"x\"}", "application/json", null), 400, "/words");
        assertThat(json(f.get("/v1/status/" + token), 200).path("appeal").path("state").asText()).isEqualTo("available");

        HttpResponse<String> appealed = f.post("/v1/status/" + token + "/appeal",
                "{\"text\":\"The person in it is me; I consent.\\nSee my profile.\"}", "application/json", null);
        JsonNode a = json(appealed, 201);
        assertThat(a.path("appeal").path("state").asText()).isEqualTo("pending");
        assertThat(a.path("appeal").path("text").asText()).isEqualTo("The person in it is me; I consent.\nSee my profile.");
        assertThat(a.path("pending").asBoolean()).isTrue();
        assertThat(f.post("/v1/status/" + token + "/appeal", "{\"text\":\"again\"}", "application/json", null).statusCode())
                .as("one appeal per case").isEqualTo(409);

        // a different reviewer decides the appeal
        assertThat(f.next(Queue.APPEAL, StatusFixture.ANA)).as("not the reviewer who decided").isEmpty();
        f.review(Queue.APPEAL, StatusFixture.BEN, Verdict.APPROVE, "Consent confirmed; you may publish.", "INTERNAL-NOTE-2");
        HttpResponse<String> overturned = f.get("/v1/status/" + token);
        JsonNode o = json(overturned, 200);
        assertThat(o.path("appeal").path("state").asText()).isEqualTo("decided");
        assertThat(o.path("appeal").path("outcome").asText()).isEqualTo("overturned");
        assertThat(o.path("finalVerdict").asText()).isEqualTo("APPROVE");
        assertThat(o.path("finalMessages").get(0).asText()).isEqualTo("Consent confirmed; you may publish.");
        assertThat(overturned.body()).doesNotContain("INTERNAL-NOTE").doesNotContain("ben").doesNotContain("ana");

        // the HTML page says the same in words
        HttpResponse<String> page = f.get("/status/" + token);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v).contains("default-src 'self'"));
        assertThat(page.headers().firstValue("Referrer-Policy")).contains("same-origin");
        assertThat(page.body()).contains("Approved: you may publish this work").contains("the decision was changed")
                .contains("Consent confirmed; you may publish.").doesNotContain("INTERNAL-NOTE");

        // the token is nowhere in the audit log
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith("audit.jsonl")).toList()) {
                if (!p.getFileName().toString().endsWith("status-key")) {
                    assertThat(new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(token);
                }
            }
        }
    }

    @Test
    void wrongRevokedUnknownTokens_getTheSame404_andATokenOpensOnlyItsDecision() throws Exception {
        JsonNode a = f.decide("s-a", true, "commercial");
        JsonNode b = f.decide("s-b", true, "public-post");
        String ta = a.path("statusToken").asText();
        String tb = b.path("statusToken").asText();
        f.awaitDecision(a.path("decisionId").asText());
        f.awaitDecision(b.path("decisionId").asText());
        JsonNode va = json(f.get("/v1/status/" + ta), 200);
        assertThat(va.path("decisionId").asText()).isEqualTo(a.path("decisionId").asText());
        assertThat(va.path("finalVerdict").asText()).isEqualTo("REJECT");
        assertThat(va.path("appeal").path("state").asText()).as("a rules' REJECT may be appealed").isEqualTo("available");
        assertThat(json(f.get("/v1/status/" + tb), 200).path("decisionId").asText()).isEqualTo(b.path("decisionId").asText());
        assertThat(f.get("/v1/status/" + ta).body()).doesNotContain(b.path("decisionId").asText()).doesNotContain("s-b");

        // revoke a's token: the old one is dead, a new one works
        HttpResponse<String> revoke = f.post("/v1/status-tokens/revoke", "{\"decisionId\":\"" + a.path("decisionId").asText() + "\"}",
                "application/json", null);
        JsonNode rv = json(revoke, 200);
        String next = rv.path("statusToken").asText();
        assertThat(next).isNotEqualTo(ta);
        assertThat(rv.path("statusUrl").asText()).endsWith("/status/" + next);
        assertThat(f.get("/v1/status/" + next).statusCode()).isEqualTo(200);

        String tampered = ta.substring(0, 10) + (ta.charAt(10) == 'A' ? 'B' : 'A') + ta.substring(11);
        List<String> wrong = List.of(ta, tampered, "guess", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "%41%42");
        List<HttpResponse<String>> json = new ArrayList<>();
        List<HttpResponse<String>> html = new ArrayList<>();
        for (String t : wrong) {
            json.add(f.get("/v1/status/" + t));
            html.add(f.get("/status/" + t));
        }
        for (int i = 0; i < wrong.size(); i++) {
            assertThat(json.get(i).statusCode()).isEqualTo(404);
            assertThat(json.get(i).body()).isEqualTo(json.get(0).body());
            assertThat(json.get(i).headers().firstValue("Content-Type")).isEqualTo(json.get(0).headers().firstValue("Content-Type"));
            assertThat(html.get(i).statusCode()).isEqualTo(404);
            assertThat(html.get(i).body()).isEqualTo(html.get(0).body());
        }
        assertThat(f.post("/v1/status/" + ta + "/appeal", "{\"text\":\"x\"}", "application/json", null).statusCode()).isEqualTo(404);
    }

    @Test
    void pageForm_fromAnotherSite_isRefused_andPolicyPagesArePublic() throws Exception {
        JsonNode a = f.decide("s-c", true, "commercial");
        String token = a.path("statusToken").asText();
        f.awaitDecision(a.path("decisionId").asText());
        HttpResponse<String> foreign = f.post("/status/" + token + "/appeal", "text=please", "application/x-www-form-urlencoded",
                "https://evil.example");
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(json(f.get("/v1/status/" + token), 200).path("appeal").path("state").asText()).isEqualTo("available");

        String own = f.server.uri().toString().replaceAll("/$", "");
        HttpResponse<String> empty = f.post("/status/" + token + "/appeal", "text=", "application/x-www-form-urlencoded", own);
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("Write why the decision should change").contains("<textarea");
        HttpResponse<String> bell = f.post("/status/" + token + "/appeal", "text=ring%07ring", "application/x-www-form-urlencoded", own);
        assertThat(bell.statusCode()).isEqualTo(400);
        assertThat(bell.body()).contains("Your appeal must not hold control").contains("ringring").doesNotContain("\u0007");

        HttpResponse<String> ok = f.post("/status/" + token + "/appeal", "text=It+is+my+own+studio",
                "application/x-www-form-urlencoded", f.server.uri().toString().replaceAll("/$", ""));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(303);
        assertThat(ok.headers().firstValue("Location")).contains("/status/" + token);
        assertThat(json(f.get("/v1/status/" + token), 200).path("appeal").path("state").asText()).isEqualTo("pending");

        // the rules' REJECT upheld on appeal
        f.review(Queue.APPEAL, StatusFixture.BEN, Verdict.REJECT, "Commercial use still needs the studio contract.", "n");
        JsonNode upheld = json(f.get("/v1/status/" + token), 200);
        assertThat(upheld.path("review").path("state").asText()).as("no review before the appeal").isEqualTo("none");
        assertThat(upheld.path("appeal").path("outcome").asText()).isEqualTo("upheld");
        assertThat(upheld.path("finalVerdict").asText()).isEqualTo("REJECT");
        assertThat(upheld.path("finalMessages").get(0).asText()).isEqualTo("Commercial use still needs the studio contract.");
        assertThat(f.get("/status/" + token).body()).contains("the decision stands").contains("No. The programme's rules decided");

        HttpResponse<String> policy = f.get("/policies/PRG-2");
        assertThat(policy.statusCode()).isEqualTo(200);
        assertThat(policy.body()).contains("Commercial use is for studio partners").contains("only studio partners have signed");
        assertThat(f.get("/policies/NOPE-1").statusCode()).isEqualTo(404);
    }

    @Test
    void oneAddress_guessingFast_isRateLimited() throws Exception {
        try (StatusFixture slow = StatusFixture.start(dir.resolve("slow"), 5)) {
            int limited = 0;
            for (int i = 0; i < 40; i++) {
                HttpResponse<String> r = slow.get("/v1/status/guess-" + i);
                if (r.statusCode() == 429) {
                    limited++;
                    assertThat(r.headers().firstValue("Retry-After")).contains("1");
                }
            }
            assertThat(limited).isGreaterThan(0);
        }
    }

    private static JsonNode json(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return StatusFixture.JSON.readTree(r.body());
    }

    private static void assertProblem(HttpResponse<String> r, int status, String pointer) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(StatusFixture.JSON.readTree(r.body()).at("/errors/0/pointer").asText()).isEqualTo(pointer);
    }
}
