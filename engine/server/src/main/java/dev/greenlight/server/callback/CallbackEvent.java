package dev.greenlight.server.callback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.audit.AuditRecord;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Reason;
import dev.greenlight.model.Verdict;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * One final verdict to announce, read from one audit record, and its body:
 * {@code {decisionId, submissionId, finalVerdict, messages, decidedBy, at}}. The idempotency key is
 * the record's hash, the same on every retry and after a restart, different for every record.
 */
record CallbackEvent(String key, long seq, String decisionId, String submissionId, Verdict finalVerdict,
                     List<String> messages, String decidedBy, String at) {
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
                    "reviewer", review.path("reviewedAt").asText()));
        }
        if (automatic && rec.isDecision() && rec.verdict() != Verdict.ESCALATE) {
            Decision d = rec.decision();
            List<String> messages = d.reasons().stream().filter(r -> r.verdict() == d.verdict())
                    .map(Reason::message).distinct().toList();
            return Optional.of(new CallbackEvent(rec.hash(), rec.seq(), d.decisionId(), d.submissionId(), d.verdict(),
                    messages, "rules", d.decidedAt().toString()));
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
        try {
            return JSON.writeValueAsBytes(o);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
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
