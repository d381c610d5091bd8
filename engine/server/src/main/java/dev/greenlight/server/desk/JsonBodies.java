package dev.greenlight.server.desk;

import dev.greenlight.server.http.JsonFields;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.desk.ReviewRequest;
import dev.greenlight.json.JsonLimits;
import dev.greenlight.model.Verdict;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The desk's request bodies, read with the submission parser's limits (no duplicate keys, bounded
 * depth and strings, nothing after the value) and checked for shape: every unknown member, missing
 * member and wrong type is reported at once, each naming its field. What the values mean (a policy
 * id of the pack, a message required for REJECT, control characters) is the desk's to judge.
 */
final class JsonBodies {
    private static final JsonFactory STRICT = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxDocumentLength(JsonLimits.MAX_DOCUMENT_BYTES)
                    .maxNestingDepth(JsonLimits.MAX_NESTING_DEPTH).maxStringLength(JsonLimits.MAX_STRING_CHARS)
                    .maxNumberLength(JsonLimits.MAX_NUMBER_CHARS).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();
    private static final ObjectMapper MAPPER = new ObjectMapper(STRICT);
    private static final Set<String> DECISION = Set.of("verdict", "policy", "artistMessage", "note", "version", "conditions");
    private static final Set<String> REASSIGN = Set.of("to");
    /** More conditions than this is a mistake, not a decision. */
    private static final int MAX_CONDITIONS = 64;

    private JsonBodies() {
    }

    /** {@code POST /v1/cases/{id}/decision}: {@code {verdict, policy, artistMessage?, note?, version, conditions?}}. */
    static ReviewRequest decision(byte[] body) {
        ObjectNode in = object(body);
        ArrayNode errors = Problems.F.arrayNode();
        unknown(in, DECISION, errors);
        String verdictText = JsonFields.text(in, "verdict", true, errors);
        String policy = JsonFields.text(in, "policy", true, errors);
        String artistMessage = JsonFields.text(in, "artistMessage", false, errors);
        String note = JsonFields.text(in, "note", false, errors);
        long version = 0;
        JsonNode v = in.get("version");
        if (v == null || v.isNull()) {
            errors.addObject().put("pointer", "/version").put("detail", "is required (the case's version as you saw it)");
        } else if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0) {
            errors.addObject().put("pointer", "/version").put("detail", "must be a non-negative integer");
        } else {
            version = v.asLong();
        }
        List<String> conditions = new ArrayList<>();
        JsonNode c = in.get("conditions");
        if (c != null && !c.isNull()) {
            if (!c.isArray()) {
                errors.addObject().put("pointer", "/conditions").put("detail", "must be an array of condition ids");
            } else if (c.size() > MAX_CONDITIONS) {
                errors.addObject().put("pointer", "/conditions").put("detail", "at most " + MAX_CONDITIONS + " conditions");
            } else {
                for (int i = 0; i < c.size(); i++) {
                    if (c.get(i).isTextual()) {
                        conditions.add(c.get(i).asText());
                    } else {
                        errors.addObject().put("pointer", "/conditions/" + i).put("detail", "must be a string");
                    }
                }
            }
        }
        Verdict verdict = null;
        if (verdictText != null) {
            try {
                verdict = Verdict.parse(verdictText);
            } catch (IllegalArgumentException e) {
                errors.addObject().put("pointer", "/verdict").put("detail", "must be APPROVE, APPROVE_WITH_CONDITIONS, REJECT or ESCALATE, was " + verdictText);
            }
        }
        if (!errors.isEmpty()) {
            throw Problems.fields(400, "invalid-review", "The decision is invalid", errors);
        }
        return new ReviewRequest(verdict, policy, artistMessage, note, version, List.copyOf(conditions));
    }

    /** {@code POST /v1/cases/{id}/reassign}: {@code {to}}, the account to hand the case to. */
    static String reassign(byte[] body) {
        ObjectNode in = object(body);
        ArrayNode errors = Problems.F.arrayNode();
        unknown(in, REASSIGN, errors);
        String to = JsonFields.text(in, "to", true, errors);
        if (!errors.isEmpty()) {
            throw Problems.fields(400, "invalid-reassign", "The reassignment is invalid", errors);
        }
        return to;
    }

    private static ObjectNode object(byte[] body) {
        if (body.length > JsonLimits.MAX_DOCUMENT_BYTES) {
            throw Problems.of(413, "too-large", "The request is too large", "a desk request is at most "
                    + JsonLimits.MAX_DOCUMENT_BYTES + " bytes");
        }
        try (JsonParser p = STRICT.createParser(body)) {
            JsonNode n = MAPPER.readTree(p);
            if (n == null || n.isMissingNode()) {
                throw Problems.of(400, "malformed-json", "The body must be a JSON object", "the body is empty");
            }
            if (p.nextToken() != null) {
                throw Problems.of(400, "malformed-json", "The body is not one JSON value", "trailing content after the JSON value");
            }
            if (!n.isObject()) {
                throw Problems.of(400, "malformed-json", "The body must be a JSON object", null);
            }
            return (ObjectNode) n;
        } catch (IOException e) {
            throw Problems.of(400, "malformed-json", "The body is not valid JSON",
                    e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage());
        }
    }

    private static void unknown(ObjectNode in, Set<String> known, ArrayNode errors) {
        in.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                errors.addObject().put("pointer", "/" + name).put("detail", "unknown field (expected one of " + new TreeSet<>(known) + ")");
            }
        });
    }

}
