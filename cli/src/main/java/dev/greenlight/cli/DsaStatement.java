package dev.greenlight.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Reason;
import dev.greenlight.model.Verdict;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One statement of reasons in the field set of the EU DSA Transparency Database's API
 * ({@code POST /api/v1/statement}; its validation rules are the reference), made from one logged
 * decision and the review that settled it. Only decisions whose final verdict restricts the work
 * (REJECT: it is not made available) have one. Nothing personal goes in: no submitter, prompt,
 * title, description, reviewer or note; the facts are the reasons in the plain words the artist got.
 *
 * <p>Mapping (cli/README.md, "audit export"): {@code decision_visibility} DISABLED (publication
 * refused); {@code decision_ground} INCOMPATIBLE_CONTENT with the policy ids as the contractual
 * ground; {@code content_type} SYNTHETIC_MEDIA plus the media's types; {@code category} from the
 * deciding policy's area; {@code automated_detection} Yes unless the rules approved and a reviewer
 * did not; {@code automated_decision} FULLY when the rules' verdict stands, PARTIALLY when a reviewer
 * decided; {@code puid} the decision id; {@code content_date} the submission date;
 * {@code application_date} the date of the final verdict.
 */
final class DsaStatement {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    static final int FACTS_MAX = 5000;
    static final int GROUND_MAX = 500;
    static final int EXPLANATION_MAX = 2000;

    /** Policy id prefixes (the pack's areas) and the DSA category each falls under; anything else is a T&C violation. */
    private static final Map<String, String> CATEGORIES = Map.ofEntries(
            Map.entry("MIN", "STATEMENT_CATEGORY_PROTECTION_OF_MINORS"),
            Map.entry("SH", "STATEMENT_CATEGORY_SELF_HARM"),
            Map.entry("VIO", "STATEMENT_CATEGORY_VIOLENCE"),
            Map.entry("EXT", "STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY"),
            Map.entry("IP", "STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS"),
            Map.entry("LIK", "STATEMENT_CATEGORY_DATA_PROTECTION_AND_PRIVACY_VIOLATIONS"),
            Map.entry("DR", "STATEMENT_CATEGORY_NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS"));
    static final String CATEGORY_OTHER = "STATEMENT_CATEGORY_OTHER_VIOLATION_TC";
    /** When several policies carried a verdict, the category of the gravest area is reported. */
    private static final List<String> GRAVITY = List.of("MIN", "SH", "EXT", "VIO", "LIK", "DR", "IP");

    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "image", "CONTENT_TYPE_IMAGE", "video", "CONTENT_TYPE_VIDEO", "audio", "CONTENT_TYPE_AUDIO");

    /** The review that settled a decision: its verdict and when, with the desk's policy and artist message when recorded. */
    record Settled(Verdict verdict, Instant at, String policy, String artistMessage) {
    }

    private DsaStatement() {
    }

    /**
     * The statement for {@code decision} (its submission's JSON as recorded, and the final review if
     * any), or empty when its final verdict restricts nothing.
     *
     * @param policyUrl where the policies' public pages are ({@code <policyUrl>policies/<id>}), or null
     */
    static Optional<ObjectNode> of(Decision decision, JsonNode submission, Settled review, String policyUrl) {
        Verdict fin = review == null ? decision.verdict() : review.verdict();
        if (fin != Verdict.REJECT) {
            return Optional.empty();
        }
        boolean byReviewer = review != null;
        List<String> policies = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        if (byReviewer && review.policy() != null && !review.policy().isEmpty()) {
            policies.add(review.policy());
        }
        if (byReviewer && review.artistMessage() != null && !review.artistMessage().isEmpty()) {
            messages.add(review.artistMessage());
        }
        for (Reason r : decision.reasons()) {
            if (r.verdict() == Verdict.REJECT || byReviewer && r.verdict() == decision.verdict()) {
                if (r.policy() != null && !r.policy().isEmpty() && !policies.contains(r.policy())) {
                    policies.add(r.policy());
                }
                if (!messages.contains(r.message())) {
                    messages.add(r.message());
                }
            }
        }
        ObjectNode s = F.objectNode();
        s.putArray("decision_visibility").add("DECISION_VISIBILITY_CONTENT_DISABLED");
        s.put("decision_ground", "DECISION_GROUND_INCOMPATIBLE_CONTENT");
        s.put("incompatible_content_ground", cut("The programme's publication policy"
                + (policies.isEmpty() ? "" : ": " + String.join(", ", policies)), GROUND_MAX));
        s.put("incompatible_content_explanation", cut(messages.isEmpty()
                ? "The work does not meet the programme's publication policy." : String.join(" ", messages), EXPLANATION_MAX));
        if (policyUrl != null && !policies.isEmpty()) {
            s.put("decision_ground_reference_url", policyUrl + "policies/" + policies.get(0));
        }
        ArrayNode types = s.putArray("content_type");
        contentTypes(submission).forEach(types::add);
        s.put("category", category(policies));
        s.put("content_date", contentDate(submission, decision.decidedAt()));
        s.put("application_date", day(byReviewer ? review.at() : decision.decidedAt()));
        s.put("decision_facts", cut(facts(decision, messages, byReviewer), FACTS_MAX));
        s.put("source_type", "SOURCE_VOLUNTARY");
        s.put("automated_detection", decision.verdict() != Verdict.APPROVE ? "Yes" : "No");
        s.put("automated_decision", byReviewer ? "AUTOMATED_DECISION_PARTIALLY" : "AUTOMATED_DECISION_FULLY");
        s.put("puid", puid(decision.decisionId()));
        return Optional.of(s);
    }

    private static String facts(Decision decision, List<String> messages, boolean byReviewer) {
        StringBuilder b = new StringBuilder();
        b.append("The work was submitted for publication and checked automatically against the programme's publication policy");
        b.append(byReviewer ? "; a reviewer then decided that it cannot be published. " : ", which found that it cannot be published. ");
        b.append(String.join(" ", messages));
        return b.toString().strip();
    }

    static String category(List<String> policies) {
        String best = null;
        int rank = Integer.MAX_VALUE;
        for (String p : policies) {
            String area = p.contains("-") ? p.substring(0, p.indexOf('-')) : p;
            int r = GRAVITY.indexOf(area);
            if (r >= 0 && r < rank) {
                rank = r;
                best = CATEGORIES.get(area);
            }
        }
        return best == null ? CATEGORY_OTHER : best;
    }

    /** Synthetic media always (every work here is AI-made), and each media type the submission declares. */
    private static Set<String> contentTypes(JsonNode submission) {
        Set<String> out = new LinkedHashSet<>();
        out.add("CONTENT_TYPE_SYNTHETIC_MEDIA");
        for (JsonNode m : submission.path("media")) {
            String t = CONTENT_TYPES.get(m.path("type").asText());
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    private static String contentDate(JsonNode submission, Instant fallback) {
        String at = submission.path("submittedAt").asText("");
        try {
            LocalDate d = Instant.parse(at).atZone(ZoneOffset.UTC).toLocalDate();
            // the database takes content dates from 2000 on
            return d.getYear() >= 2000 ? d.toString() : day(fallback);
        } catch (DateTimeParseException e) {
            return day(fallback);
        }
    }

    private static String day(Instant at) {
        return at.atZone(ZoneOffset.UTC).toLocalDate().toString();
    }

    /** The decision id when the database's puid pattern allows it (UUIDs do), else a hash of it: unique either way. */
    static String puid(String decisionId) {
        if (decisionId.matches("[a-zA-Z0-9_-]{1,500}")) {
            return decisionId;
        }
        try {
            return "gl-" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(decisionId.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** At most {@code max} characters (the database's limits), cut at a code point with an ellipsis. */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isLowSurrogate(text.charAt(end))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }
}
