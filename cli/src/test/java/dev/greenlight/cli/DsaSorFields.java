package dev.greenlight.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The EU DSA Transparency Database's statement fields and their allowed values, written down from
 * its API's validation rules (digital-services-act/transparency-database,
 * app/Http/Requests/StatementStoreRequest.php and app/Models/Statement.php, as of 2026-06): what a
 * statement must hold for {@code POST /api/v1/statement} to take it. Independent of the exporter,
 * so that the export is checked against the database's rules, not against itself.
 */
final class DsaSorFields {
    static final Set<String> DECISION_VISIBILITY = Set.of("DECISION_VISIBILITY_CONTENT_REMOVED",
            "DECISION_VISIBILITY_CONTENT_DISABLED", "DECISION_VISIBILITY_CONTENT_DEMOTED",
            "DECISION_VISIBILITY_CONTENT_AGE_RESTRICTED", "DECISION_VISIBILITY_CONTENT_INTERACTION_RESTRICTED",
            "DECISION_VISIBILITY_OTHER");
    static final Set<String> DECISION_GROUND = Set.of("DECISION_GROUND_ILLEGAL_CONTENT", "DECISION_GROUND_INCOMPATIBLE_CONTENT");
    static final Set<String> CONTENT_TYPE = Set.of("CONTENT_TYPE_APP", "CONTENT_TYPE_AUDIO", "CONTENT_TYPE_IMAGE",
            "CONTENT_TYPE_PRODUCT", "CONTENT_TYPE_SYNTHETIC_MEDIA", "CONTENT_TYPE_TEXT", "CONTENT_TYPE_VIDEO", "CONTENT_TYPE_OTHER");
    static final Set<String> CATEGORY = Set.of("STATEMENT_CATEGORY_ANIMAL_WELFARE", "STATEMENT_CATEGORY_CONSUMER_INFORMATION",
            "STATEMENT_CATEGORY_CYBER_VIOLENCE", "STATEMENT_CATEGORY_CYBER_VIOLENCE_AGAINST_WOMEN",
            "STATEMENT_CATEGORY_DATA_PROTECTION_AND_PRIVACY_VIOLATIONS", "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH",
            "STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS",
            "STATEMENT_CATEGORY_NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS", "STATEMENT_CATEGORY_NOT_SPECIFIED_NOTICE",
            "STATEMENT_CATEGORY_OTHER_VIOLATION_TC", "STATEMENT_CATEGORY_PROTECTION_OF_MINORS",
            "STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY", "STATEMENT_CATEGORY_SCAMS_AND_FRAUD", "STATEMENT_CATEGORY_SELF_HARM",
            "STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS", "STATEMENT_CATEGORY_VIOLENCE");
    static final Set<String> SOURCE_TYPE = Set.of("SOURCE_ARTICLE_16", "SOURCE_TRUSTED_FLAGGER", "SOURCE_TYPE_OTHER_NOTIFICATION",
            "SOURCE_VOLUNTARY");
    static final Set<String> AUTOMATED_DETECTION = Set.of("Yes", "No");
    static final Set<String> AUTOMATED_DECISION = Set.of("AUTOMATED_DECISION_FULLY", "AUTOMATED_DECISION_PARTIALLY",
            "AUTOMATED_DECISION_NOT_AUTOMATED");
    static final Set<String> YES_NO = Set.of("Yes", "No");
    /** Every field the API knows; anything else in a statement is refused here. */
    static final Set<String> KNOWN = Set.of("content_id", "content_id_ean", "decision_visibility", "decision_visibility_other",
            "decision_monetary", "decision_monetary_other", "decision_provision", "decision_account", "account_type",
            "category_specification", "category_specification_other", "decision_ground", "decision_ground_reference_url",
            "illegal_content_legal_ground", "illegal_content_explanation", "incompatible_content_ground",
            "incompatible_content_explanation", "incompatible_content_illegal", "content_type", "content_type_other", "category",
            "category_addition", "territorial_scope", "content_language", "content_date", "application_date",
            "end_date_account_restriction", "end_date_monetary_restriction", "end_date_service_restriction",
            "end_date_visibility_restriction", "decision_facts", "source_type", "source_identity", "automated_detection",
            "automated_decision", "puid");
    /** Text fields and their longest length. */
    static final Map<String, Integer> MAX = Map.of("decision_visibility_other", 500, "decision_ground_reference_url", 500,
            "illegal_content_legal_ground", 500, "illegal_content_explanation", 2000, "incompatible_content_ground", 500,
            "incompatible_content_explanation", 2000, "content_type_other", 500, "decision_facts", 5000, "source_identity", 500,
            "puid", 500);

    private DsaSorFields() {
    }

    /** Every problem of one statement, each naming its field; empty when the database would take it. */
    static List<String> problems(JsonNode s) {
        List<String> p = new ArrayList<>();
        for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!KNOWN.contains(f)) {
                p.add(f + ": not a statement field");
            }
        }
        // at least one kind of restriction
        if (!s.has("decision_visibility") && !s.has("decision_monetary") && !s.has("decision_provision") && !s.has("decision_account")) {
            p.add("decision_visibility: required when there is no other restriction");
        }
        if (s.has("decision_visibility")) {
            allIn(s, "decision_visibility", DECISION_VISIBILITY, p);
            if (contains(s.get("decision_visibility"), "DECISION_VISIBILITY_OTHER")) {
                required(s, "decision_visibility_other", p);
            }
        }
        oneOf(s, "decision_ground", DECISION_GROUND, true, p);
        if ("DECISION_GROUND_ILLEGAL_CONTENT".equals(s.path("decision_ground").asText())) {
            required(s, "illegal_content_legal_ground", p);
            required(s, "illegal_content_explanation", p);
        }
        if ("DECISION_GROUND_INCOMPATIBLE_CONTENT".equals(s.path("decision_ground").asText())) {
            required(s, "incompatible_content_ground", p);
            required(s, "incompatible_content_explanation", p);
            oneOf(s, "incompatible_content_illegal", YES_NO, false, p);
        }
        if (!s.path("content_type").isArray() || s.path("content_type").isEmpty()) {
            p.add("content_type: required, a non-empty array");
        } else {
            allIn(s, "content_type", CONTENT_TYPE, p);
            if (contains(s.get("content_type"), "CONTENT_TYPE_OTHER")) {
                required(s, "content_type_other", p);
            }
        }
        oneOf(s, "category", CATEGORY, true, p);
        date(s, "content_date", LocalDate.of(2000, 1, 1), p);
        date(s, "application_date", LocalDate.of(2020, 1, 1), p);
        required(s, "decision_facts", p);
        oneOf(s, "source_type", SOURCE_TYPE, true, p);
        if ("SOURCE_VOLUNTARY".equals(s.path("source_type").asText()) && s.has("source_identity")) {
            p.add("source_identity: excluded for own voluntary initiative");
        }
        oneOf(s, "automated_detection", AUTOMATED_DETECTION, true, p);
        oneOf(s, "automated_decision", AUTOMATED_DECISION, true, p);
        required(s, "puid", p);
        if (s.has("puid") && !s.get("puid").asText().matches("[a-zA-Z0-9_-]+")) {
            p.add("puid: must match [a-zA-Z0-9-_]+");
        }
        MAX.forEach((f, max) -> {
            if (s.has(f) && s.get(f).asText().length() > max) {
                p.add(f + ": longer than " + max);
            }
        });
        return p;
    }

    private static void required(JsonNode s, String f, List<String> p) {
        if (!s.hasNonNull(f) || s.get(f).asText().isBlank()) {
            p.add(f + ": required");
        }
    }

    private static void oneOf(JsonNode s, String f, Set<String> allowed, boolean required, List<String> p) {
        if (!s.hasNonNull(f)) {
            if (required) {
                p.add(f + ": required");
            }
            return;
        }
        if (!s.get(f).isTextual() || !allowed.contains(s.get(f).asText())) {
            p.add(f + ": " + s.get(f) + " is not one of " + allowed);
        }
    }

    private static void allIn(JsonNode s, String f, Set<String> allowed, List<String> p) {
        JsonNode a = s.get(f);
        if (!a.isArray()) {
            p.add(f + ": must be an array");
            return;
        }
        for (JsonNode v : a) {
            if (!allowed.contains(v.asText())) {
                p.add(f + ": " + v + " is not one of " + allowed);
            }
        }
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode v : array) {
            if (value.equals(v.asText())) {
                return true;
            }
        }
        return false;
    }

    private static void date(JsonNode s, String f, LocalDate from, List<String> p) {
        if (!s.hasNonNull(f)) {
            p.add(f + ": required");
            return;
        }
        String text = s.get(f).asText();
        try {
            if (!text.matches("\\d{4}-\\d{2}-\\d{2}")) {
                throw new DateTimeParseException("not YYYY-MM-DD", text, 0);
            }
            LocalDate d = LocalDate.parse(text);
            if (d.isBefore(from) || d.isAfter(LocalDate.of(2038, 1, 1))) {
                p.add(f + ": " + text + " is outside " + from + " … 2038-01-01");
            }
        } catch (DateTimeParseException e) {
            p.add(f + ": " + text + " is not YYYY-MM-DD");
        }
    }
}
