package dev.greenlight.server.status;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Locale;

/** The JSON of {@code GET /v1/status/{token}}: the {@link StatusView}, member for member (docs/contract.md §7). */
final class StatusJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private StatusJson() {
    }

    static ObjectNode of(StatusView v, String token) {
        ObjectNode o = F.objectNode();
        o.put("decisionId", v.decisionId()).put("submissionId", v.submissionId()).put("verdict", v.verdict().name());
        time(o, "decidedAt", v.decidedAt());
        ArrayNode reasons = o.putArray("reasons");
        for (StatusView.StatusReason r : v.reasons()) {
            ObjectNode n = reasons.addObject().put("message", r.message()).put("policy", r.policy());
            if (r.policy() != null) {
                n.put("policyTitle", r.policyTitle()).put("policyUrl", "/policies/" + r.policy());
            }
        }
        ObjectNode review = o.putObject("review").put("state", name(v.review().state()));
        time(review, "dueAt", v.review().dueAt());
        time(review, "reviewedAt", v.review().reviewedAt());
        review.put("verdict", v.review().verdict() == null ? null : v.review().verdict().name()).put("message", v.review().message());
        StatusView.Appeal a = v.appeal();
        ObjectNode appeal = o.putObject("appeal").put("state", name(a.state()));
        if (a.state() == StatusView.AppealState.AVAILABLE) {
            appeal.put("url", "/v1/status/" + token + "/appeal").put("maxChars", StatusView.APPEAL_MAX_CHARS);
        }
        time(appeal, "appealedAt", a.appealedAt());
        appeal.put("text", a.text());
        time(appeal, "dueAt", a.dueAt());
        time(appeal, "decidedAt", a.decidedAt());
        if (a.state() == StatusView.AppealState.DECIDED) {
            appeal.put("outcome", a.overturned() ? "overturned" : "upheld").put("verdict", a.verdict().name());
        }
        appeal.put("message", a.message());
        o.put("pending", v.pending());
        o.put("finalVerdict", v.pending() ? null : v.finalVerdict().name());
        ArrayNode m = o.putArray("finalMessages");
        if (!v.pending()) {
            v.finalMessages().forEach(m::add);
        }
        return o;
    }

    private static void time(ObjectNode o, String name, Instant at) {
        o.put(name, at == null ? null : at.toString());
    }

    private static String name(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
