package dev.greenlight.server.callback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.audit.AuditRecord;
import dev.greenlight.model.Condition;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Reason;
import dev.greenlight.model.Verdict;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * One final verdict to announce, read from one audit record, and its body:
 * {@code {decisionId, submissionId, finalVerdict, messages, decidedBy, at, conditions?}} ({@code conditions}
 * only with APPROVE_WITH_CONDITIONS, docs/contract.md §8). The idempotency key is
 * the record's hash, the same on every retry and after a restart, different for every record.
 */
record CallbackEvent(String key, long seq, String decisionId, String submissionId, Verdict finalVerdict,
                     List<String> messages, String decidedBy, String at, List<Condition> conditions) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The final verdict a record announces, if any: a review record deciding APPROVE or REJECT (a
     * first review or an appeal's outcome; ESCALATE to a lead is not final); with {@code automatic},
     * also a decision record the rules decided without a human (anything but ESCALATE).
     */
    static Optional<CallbackEvent> of(AuditRecord rec, boolean automatic) {
        if (rec.isReview()) {
            JsonNode review = tree(rec.member("review"));
            Verdict v = verdict(review.path("verdict").asText());
            if (v == null || v == Verdict.ESCALATE) {
                return Optional.empty();
            }
            // the message written for the artist only: a reviewer's note is internal and never leaves
            String message = review.path("artistMessage").asText("");
            return Optional.of(new CallbackEvent(rec.hash(), rec.seq(), review.path("decisionId").asText(),
                    review.path("submissionId").asText(), v, message.isEmpty() ? List.of() : List.of(message),
                    "reviewer", review.path("reviewedAt").asText(), reviewConditions(review, v)));
        }
        if (automatic && rec.isDecision() && rec.verdict() != Verdict.ESCALATE) {
            Decision d = rec.decision();
            List<String> messages = d.reasons().stream().filter(r -> r.verdict() == d.verdict())
                    .map(Reason::message).distinct().toList();
            return Optional.of(new CallbackEvent(rec.hash(), rec.seq(), d.decisionId(), d.submissionId(), d.verdict(),
                    messages, "rules", d.decidedAt().toString(), d.conditions()));
        }
        return Optional.empty();
    }

    /** The JSON body, the bytes that are signed. */
    byte[] body() {
        ObjectNode o = JSON.createObjectNode();
        o.put("decisionId", decisionId).put("submissionId", submissionId).put("finalVerdict", finalVerdict.name());
        ArrayNode m = o.putArray("messages");
        messages.forEach(m::add);
        o.put("decidedBy", decidedBy).put("at", at);
        if (!conditions.isEmpty()) { // other bodies keep exactly their members
            ArrayNode cs = o.putArray("conditions");
            for (Condition c : conditions) {
                ObjectNode n = cs.addObject().put("id", c.id());
                if (!c.message().isEmpty()) {
                    n.put("message", c.message());
                }
                if (c.dueAt() != null) {
                    n.put("dueAt", c.dueAt().toString());
                }
            }
        }
        try {
            return JSON.writeValueAsBytes(o);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A reviewer's conditions: the ids the review record holds (their text is the pack's). */
    private static List<Condition> reviewConditions(JsonNode review, Verdict v) {
        if (v != Verdict.APPROVE_WITH_CONDITIONS) {
            return List.of();
        }
        List<Condition> out = new java.util.ArrayList<>();
        String policy = review.path("policy").asText(null);
        for (JsonNode id : review.path("conditions")) {
            out.add(new Condition(id.asText(), "", policy, "review", null));
        }
        return out;
    }

    private static JsonNode tree(String text) {
        try {
            return text == null ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Verdict verdict(String text) {
        try {
            return Verdict.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
