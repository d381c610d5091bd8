package dev.greenlight.server.desk;

import dev.greenlight.testkit.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.greenlight.desk.DeskConfig;
import dev.greenlight.desk.ReviewDesk;
import dev.greenlight.engine.Greenlight;
import dev.greenlight.server.GreenlightServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The desk's JSON routes over a real loopback socket, with a real engine and audit log: who may call
 * what, paging, claiming, deciding (and the 409s that record nothing), lease expiry on a clock the
 * test moves, the decision view, queue counts, metrics and the API document.
 */
class DeskRoutesTest {
    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock(Instant.now());
    GreenlightServer server;
    Greenlight engine;
    ReviewDesk desk;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** A server with {@code cases} escalated submissions (every 10th tagged minor), a 10-minute lease on the test's clock. */
    private void start(int cases) throws Exception {
        var registry = GreenlightServer.newRegistry();
        engine = Greenlight.builder().rulesDirectory(DeskFixture.rules(dir)).auditLog(dir.resolve("audit.jsonl"))
                .meterRegistry(registry).build();
        desk = ReviewDesk.open(engine, DeskConfig.builder().clock(clock).lease(Duration.ofMinutes(10)).build());
        if (cases > 0) {
            engine.decideAll(DeskFixture.submissions(1, cases, 10), null);
        }
        server = GreenlightServer.builder(engine).port(0).token(DeskFixture.SERVICE_TOKEN).desk(desk)
                .accounts(DeskFixture.accounts(0)).meterRegistry(registry).build().start();
    }

    private DeskClient as(String name) {
        return new DeskClient(server.uri(), name == null ? null : DeskFixture.token(name));
    }

    @Test
    void callers_needTheirOwnToken_theServerTokenIsRefusedByName_auditorsReadButNeverClaim() throws Exception {
        start(3);
        DeskClient.Answer none = as(null).get("/v1/cases");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.contentType()).startsWith("application/problem+json");
        assertThat(new DeskClient(server.uri(), "not-a-token-of-anyone-0123456789abcdef").get("/v1/queues").status()).isEqualTo(401);

        DeskClient.Answer service = new DeskClient(server.uri(), DeskFixture.SERVICE_TOKEN).post("/v1/cases/next", null);
        assertThat(service.status()).isEqualTo(403);
        assertThat(service.json().path("detail").asText()).contains("user account").contains("API token");

        assertThat(as("audra").get("/v1/cases").status()).isEqualTo(200);
        DeskClient.Answer auditorClaims = as("audra").post("/v1/cases/next", null);
        assertThat(auditorClaims.status()).isEqualTo(403);
        assertThat(auditorClaims.json().path("detail").asText()).contains("auditor");
        assertThat(as("ana").post("/v1/cases/next?queue=lead", null).status()).as("the lead queue is for leads").isEqualTo(403);

        // beside the desk, the older review route would skip claims and versions: refused, nothing recorded
        DeskClient.Answer bypass = new DeskClient(server.uri(), DeskFixture.SERVICE_TOKEN).post("/v1/reviews",
                "{\"decisionId\":\"d-1\",\"reviewer\":\"ana\",\"verdict\":\"APPROVE\"}");
        assertThat(bypass.status()).isEqualTo(409);
        assertThat(bypass.json().path("detail").asText()).contains("/v1/cases/{caseId}/decision");

        // the server's token still decides submissions, and a reviewer's token does not
        assertThat(new DeskClient(server.uri(), DeskFixture.SERVICE_TOKEN).get("/v1/ruleset").status()).isEqualTo(200);
        assertThat(as("ana").get("/v1/ruleset").status()).isEqualTo(401);
    }

    @Test
    void list_isPaged_highestPriorityFirstThenOldest_withANextLinkUntilTheLastPage() throws Exception {
        start(120);
        List<JsonNode> all = new ArrayList<>();
        String next = "/v1/cases?queue=review&limit=50";
        int pages = 0;
        while (next != null) {
            DeskClient.Answer page = as("audra").get(next);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.json().path("cases").forEach(all::add);
            next = page.json().path("next").isNull() ? null : page.json().path("next").asText();
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(all).hasSize(120);
        assertThat(all.stream().map(c -> c.path("caseId").asText()).distinct().count()).isEqualTo(120);
        // the 12 minors' cases come first (higher priority), then the rest, each group oldest first
        for (int i = 0; i < 12; i++) {
            assertThat(all.get(i).path("priority").asInt()).isGreaterThan(all.get(12).path("priority").asInt());
        }
        for (int i = 13; i < all.size(); i++) {
            assertThat(Instant.parse(all.get(i).path("openedAt").asText()))
                    .isAfterOrEqualTo(Instant.parse(all.get(i - 1).path("openedAt").asText()));
        }
        JsonNode c = all.get(0);
        assertThat(c.fieldNames()).toIterable().containsExactly("caseId", "decisionId", "submissionId", "queue", "state",
                "priority", "openedAt", "dueAt", "version");
        assertThat(c.path("queue").asText()).isEqualTo("review");
        assertThat(c.path("state").asText()).isEqualTo("open");

        DeskClient.Answer typo = as("ana").get("/v1/cases?queu=lead");
        assertThat(typo.status()).isEqualTo(400);
        assertThat(typo.json().path("errors").get(0).path("parameter").asText()).isEqualTo("queu");
        assertThat(as("ana").get("/v1/cases?limit=0").json().path("detail").asText()).startsWith("limit:");
        assertThat(as("ana").get("/v1/cases?state=pending").status()).isEqualTo(400);
    }

    @Test
    void next_claimsWithALease_readingTheCaseGivesItsHistory_then204WhenNoneIsLeft() throws Exception {
        start(2);
        DeskClient.Answer first = as("ana").post("/v1/cases/next?queue=review", null);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        JsonNode c = first.json();
        assertThat(c.path("state").asText()).isEqualTo("claimed");
        assertThat(c.path("claimedBy").asText()).isEqualTo("ana");
        assertThat(Instant.parse(c.path("leaseUntil").asText())).isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));
        assertThat(c.has("history")).as("claiming stays in memory").isFalse();
        JsonNode read = as("ana").get("/v1/cases/" + c.path("caseId").asText()).json();
        assertThat(read.path("history").get(0).path("type").asText()).isEqualTo("decision");
        assertThat(read.path("history").get(0).path("verdict").asText()).isEqualTo("ESCALATE");

        DeskClient.Answer second = as("bob").post("/v1/cases/next", null);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().path("caseId").asText()).isNotEqualTo(c.path("caseId").asText());
        DeskClient.Answer none = as("bob").post("/v1/cases/next", null);
        assertThat(none.status()).isEqualTo(204);
        assertThat(none.body()).isEmpty();

        String id = c.path("caseId").asText();
        DeskClient.Answer renewed = as("ana").post("/v1/cases/" + id + "/renew", null);
        assertThat(renewed.status()).isEqualTo(200);
        assertThat(as("bob").post("/v1/cases/" + id + "/renew", null).status()).as("not bob's claim").isEqualTo(409);
        DeskClient.Answer released = as("ana").post("/v1/cases/" + id + "/release", null);
        assertThat(released.json().path("state").asText()).isEqualTo("open");
        assertThat(released.json().has("claimedBy")).isFalse();
        assertThat(as("bob").post("/v1/cases/next", null).json().path("caseId").asText()).isEqualTo(id);
        assertThat(as("ana").get("/v1/cases/no-such-case").status()).isEqualTo(404);
        assertThat(as("ana").get("/v1/cases/" + id + "/nothing").status()).isEqualTo(404);
        assertThat(as("ana").get("/v1/cases/" + id + "/decision").status()).isEqualTo(405);
    }

    @Test
    void decision_fromSomeoneElseOrOnAStaleVersion_is409WithTheCurrentCase_andRecordsNothing() throws Exception {
        start(1);
        JsonNode c = as("ana").post("/v1/cases/next", null).json();
        String id = c.path("caseId").asText();
        long version = c.path("version").asLong();
        String path = "/v1/cases/" + id + "/decision";

        DeskClient.Answer notHolder = as("bob").post(path, DeskClient.decision("APPROVE", "PRG-3", null, null, version));
        assertThat(notHolder.status()).isEqualTo(409);
        assertThat(notHolder.json().path("case").path("claimedBy").asText()).isEqualTo("ana");
        DeskClient.Answer stale = as("ana").post(path, DeskClient.decision("APPROVE", "PRG-3", null, null, version - 1));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().path("case").path("version").asLong()).isEqualTo(version);
        assertThat(history(c.path("decisionId").asText())).as("nothing recorded").hasSize(1);

        DeskClient.Answer ok = as("ana").post(path, DeskClient.decision("REJECT", "PRG-3", "This work cannot be shared yet.",
                "looked at it twice", version));
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(ok.json().path("state").asText()).isEqualTo("closed");
        assertThat(ok.json().path("finalVerdict").asText()).isEqualTo("REJECT");
        assertThat(ok.json().has("history")).as("a decision answers without reading the log").isFalse();
        JsonNode review = as("audra").get("/v1/cases/" + id).json().path("history").get(1);
        assertThat(review.path("type").asText()).isEqualTo("review");
        assertThat(review.path("actor").asText()).isEqualTo("ana");
        assertThat(review.path("policy").asText()).isEqualTo("PRG-3");
        assertThat(review.path("note").asText()).isEqualTo("looked at it twice");

        DeskClient.Answer again = as("ana").post(path, DeskClient.decision("APPROVE", "PRG-3", null, null,
                ok.json().path("version").asLong()));
        assertThat(again.status()).as("a closed case").isEqualTo(409);
        assertThat(history(c.path("decisionId").asText())).hasSize(2);
    }

    @Test
    void badDecisions_areProblemsNamingTheField() throws Exception {
        start(1);
        JsonNode c = as("ana").post("/v1/cases/next", null).json();
        String path = "/v1/cases/" + c.path("caseId").asText() + "/decision";
        long version = c.path("version").asLong();

        DeskClient.Answer shape = as("ana").post(path, "{\"verdict\":\"MAYBE\",\"policy\":7,\"mood\":\"x\"}");
        assertThat(shape.status()).isEqualTo(400);
        assertThat(shape.json().path("errors").findValuesAsText("pointer"))
                .containsExactlyInAnyOrder("/mood", "/verdict", "/policy", "/version");
        assertThat(as("ana").post(path, "{\"verdict\":").status()).isEqualTo(400);
        assertThat(as("ana").post(path, "{\"verdict\":\"APPROVE\",\"verdict\":\"REJECT\",\"policy\":\"PRG-3\",\"version\":1}")
                .status()).as("duplicate member").isEqualTo(400);

        DeskClient.Answer unknownPolicy = as("ana").post(path, DeskClient.decision("APPROVE", "NOPE-9", null, null, version));
        assertThat(unknownPolicy.status()).isEqualTo(422);
        assertThat(unknownPolicy.json().path("errors").get(0).path("pointer").asText()).isEqualTo("/policy");
        assertThat(unknownPolicy.json().path("detail").asText()).startsWith("/policy: ").doesNotContain("policy: policy");
        DeskClient.Answer noMessage = as("ana").post(path, DeskClient.decision("REJECT", "PRG-3", null, null, version));
        assertThat(noMessage.status()).isEqualTo(422);
        assertThat(noMessage.json().path("errors").get(0).path("pointer").asText()).isEqualTo("/artistMessage");
        DeskClient.Answer control = as("ana").post(path, DeskClient.decision("REJECT", "PRG-3", "no\u0007bell", null, version));
        assertThat(control.status()).isEqualTo(422);
        assertThat(history(c.path("decisionId").asText())).as("nothing recorded").hasSize(1);
        assertThat(as("audra").post(path, DeskClient.decision("APPROVE", "PRG-3", null, null, version)).status()).isEqualTo(403);
    }

    @Test
    void aConditionalApproval_isDecidedWithConditionIds_andTheFulfilmentRouteIsNotTheDesks() throws Exception {
        start(1);
        JsonNode c = as("ana").post("/v1/cases/next", null).json();
        String path = "/v1/cases/" + c.path("caseId").asText() + "/decision";
        String decisionId = c.path("decisionId").asText();
        DeskClient.Answer unknown = as("ana").post(path, "{\"verdict\":\"APPROVE_WITH_CONDITIONS\",\"policy\":\"PRG-3\","
                + "\"version\":" + c.path("version").asLong() + ",\"conditions\":[\"wear-a-hat\"]}");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().path("errors").get(0).path("pointer").asText()).isEqualTo("/conditions");
        DeskClient.Answer none = as("ana").post(path, "{\"verdict\":\"APPROVE_WITH_CONDITIONS\",\"policy\":\"PRG-3\","
                + "\"version\":" + c.path("version").asLong() + "}");
        assertThat(none.status()).isEqualTo(422);
        assertThat(history(decisionId)).as("nothing recorded").hasSize(1);

        JsonNode decided = as("ana").post(path, "{\"verdict\":\"APPROVE_WITH_CONDITIONS\",\"policy\":\"PRG-3\","
                + "\"artistMessage\":\"Label it and share it.\",\"version\":" + c.path("version").asLong()
                + ",\"conditions\":[\"label-made-with-ai\"]}").json();
        assertThat(decided.path("state").asText()).isEqualTo("closed");
        assertThat(decided.path("finalVerdict").asText()).isEqualTo("APPROVE_WITH_CONDITIONS");

        // POST .../fulfilment goes to the fulfilment handler (service token), GET /v1/decisions/{id} to the desk
        DeskClient service = new DeskClient(server.uri(), DeskFixture.SERVICE_TOKEN);
        DeskClient.Answer met = service.post("/v1/decisions/" + decisionId + "/fulfilment",
                "{\"conditions\":[{\"id\":\"label-made-with-ai\",\"evidence\":\"https://example.org/post/1\"}]}");
        assertThat(met.status()).as(met.body()).isEqualTo(201);
        JsonNode view = as("audra").get("/v1/decisions/" + decisionId).json();
        assertThat(view.path("finalVerdict").asText()).isEqualTo("APPROVE_WITH_CONDITIONS");
        assertThat(view.path("history").findValuesAsText("type")).containsExactly("decision", "review", "fulfilment");
        assertThat(view.path("history").get(1).path("conditions").get(0).asText()).isEqualTo("label-made-with-ai");
    }

    @Test
    void escalation_goesToTheLeadQueue_aLeadOverturnsIt_andTheDecisionViewTellsItAll() throws Exception {
        start(1);
        JsonNode c = as("ana").post("/v1/cases/next", null).json();
        JsonNode escalated = as("ana").post("/v1/cases/" + c.path("caseId").asText() + "/decision",
                DeskClient.decision("ESCALATE", "PRG-3", null, "not sure: a lead please", c.path("version").asLong())).json();
        assertThat(escalated.path("queue").asText()).isEqualTo("lead");
        assertThat(escalated.path("state").asText()).isEqualTo("open");
        assertThat(as("bob").post("/v1/cases/next?queue=lead", null).status()).isEqualTo(403);

        JsonNode lead = as("lee").post("/v1/cases/next?queue=lead", null).json();
        assertThat(lead.path("caseId").asText()).isEqualTo(c.path("caseId").asText());
        // a lead may hand it to someone else, a reviewer may not
        assertThat(as("ana").post("/v1/cases/" + lead.path("caseId").asText() + "/reassign", "{\"to\":\"bob\"}").status())
                .isEqualTo(403);
        assertThat(as("lee").post("/v1/cases/" + lead.path("caseId").asText() + "/reassign", "{\"who\":\"bob\"}").status())
                .isEqualTo(400);
        JsonNode approved = as("lee").post("/v1/cases/" + lead.path("caseId").asText() + "/decision",
                DeskClient.decision("APPROVE", "PRG-3", "Your work may be shared.", null, lead.path("version").asLong())).json();
        assertThat(approved.path("finalVerdict").asText()).isEqualTo("APPROVE");

        DeskClient.Answer view = as("audra").get("/v1/decisions/" + c.path("decisionId").asText());
        assertThat(view.status()).isEqualTo(200);
        assertThat(view.json().path("decision").path("verdict").asText()).isEqualTo("ESCALATE");
        assertThat(view.json().path("submission").path("id").asText()).isEqualTo(c.path("submissionId").asText());
        assertThat(view.json().path("case").path("state").asText()).isEqualTo("closed");
        assertThat(view.json().path("history").findValuesAsText("type")).containsExactly("decision", "review", "review");
        assertThat(view.json().path("history").findValuesAsText("actor")).containsExactly("ana", "lee");
        assertThat(view.json().path("finalVerdict").asText()).isEqualTo("APPROVE");
        assertThat(as("audra").get("/v1/decisions/01a24934-0000-7000-8000-000000000000").status()).isEqualTo(404);
    }

    @Test
    void anExpiredLease_returnsTheCase_andTheFormerHoldersDecisionIsRefused() throws Exception {
        start(1);
        JsonNode c = as("ana").post("/v1/cases/next", null).json();
        assertThat(as("bob").post("/v1/cases/next", null).status()).isEqualTo(204);
        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        JsonNode taken = as("bob").post("/v1/cases/next", null).json();
        assertThat(taken.path("caseId").asText()).isEqualTo(c.path("caseId").asText());
        assertThat(taken.path("claimedBy").asText()).isEqualTo("bob");
        DeskClient.Answer late = as("ana").post("/v1/cases/" + c.path("caseId").asText() + "/decision",
                DeskClient.decision("APPROVE", "PRG-3", null, null, c.path("version").asLong()));
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.json().path("case").path("claimedBy").asText()).isEqualTo("bob");
    }

    @Test
    void queues_metrics_andTheApiDocument_showTheDesk() throws Exception {
        start(5);
        clock.advance(Duration.ofDays(2)); // past every default due time
        JsonNode c = as("ana").post("/v1/cases/next", null).json();
        as("ana").post("/v1/cases/" + c.path("caseId").asText() + "/decision",
                DeskClient.decision("APPROVE", "PRG-3", null, null, c.path("version").asLong()));
        as("bob").post("/v1/cases/next", null);

        JsonNode review = as("audra").get("/v1/queues").json().path("queues").get(0);
        assertThat(review.path("queue").asText()).isEqualTo("review");
        assertThat(review.path("open").asInt()).isEqualTo(3);
        assertThat(review.path("claimed").asInt()).isEqualTo(1);
        assertThat(review.path("pastDue").asInt()).isEqualTo(4);
        // the cases opened at the decisions' time, a little after the test's clock started
        assertThat(review.path("oldestAgeSeconds").asLong()).isGreaterThan(Duration.ofDays(2).minusMinutes(1).toSeconds());

        String metrics = new DeskClient(server.uri(), DeskFixture.SERVICE_TOKEN).get("/metrics").body();
        assertThat(metrics).contains("greenlight_desk_cases{queue=\"review\",state=\"open\"} 3.0")
                .contains("greenlight_desk_cases{queue=\"review\",state=\"claimed\"} 1.0")
                .contains("greenlight_desk_past_due{queue=\"review\"} 4.0")
                .contains("greenlight_desk_oldest_age_seconds{queue=\"review\"}")
                .contains("greenlight_desk_decisions_total{reviewer=\"ana\"} 1.0")
                .contains("greenlight_desk_decisions_total{reviewer=\"lee\"} 0.0")
                .contains("greenlight_desk_time_to_decision_seconds_count{queue=\"review\"} 1")
                .contains("greenlight_desk_lead_overturn_ratio")
                .contains("route=\"/v1/cases/{caseId}/decision\"");

        JsonNode api = as(null).get("/openapi.json").json();
        assertThat(api.path("paths").fieldNames()).toIterable().contains("/v1/cases", "/v1/cases/next", "/v1/cases/{caseId}",
                "/v1/cases/{caseId}/renew", "/v1/cases/{caseId}/release", "/v1/cases/{caseId}/reassign",
                "/v1/cases/{caseId}/decision", "/v1/decisions/{decisionId}", "/v1/queues");
    }

    private List<String> history(String decisionId) throws Exception {
        List<String> types = new ArrayList<>();
        as("audra").get("/v1/decisions/" + decisionId).json().path("history").forEach(h -> types.add(h.path("type").asText()));
        return types;
    }
}
