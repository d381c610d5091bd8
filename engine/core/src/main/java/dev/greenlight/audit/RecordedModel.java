package dev.greenlight.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.greenlight.model.Condition;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Fulfilment;
import dev.greenlight.model.PluginRun;
import dev.greenlight.model.Reason;
import dev.greenlight.model.RulesetRef;
import dev.greenlight.model.ShadowVerdict;
import dev.greenlight.model.Signal;
import dev.greenlight.model.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The one reader of record content: the model's decisions and signals, reviews and fulfilments, parsed back from
 * a record's members as {@link RecordContent} wrote them (a decision as {@link CanonicalModel} or,
 * redacted, {@code ModelJson} shape it: the same members). Checkpoints read themselves
 * ({@link Checkpoint#fromJson}). Lenient: a member missing from an old or redacted record reads as
 * empty. Thread-safe (stateless).
 */
final class RecordedModel {
    /** Stands for a condition id a redaction removed from a conditional vote. */
    static final String REDACTED = "(redacted)";

    private RecordedModel() {
    }

    static Decision decision(JsonNode d) {
        List<Reason> reasons = reasons(d.path("reasons"));
        List<Signal> signals = new ArrayList<>();
        for (JsonNode s : d.path("signals")) {
            signals.add(signal(s));
        }
        List<PluginRun> plugins = new ArrayList<>();
        for (JsonNode p : d.path("plugins")) {
            plugins.add(new PluginRun(p.path("id").asText(), p.path("version").asText(), p.path("elapsedMicros").asLong(),
                    p.path("failed").asBoolean(false)));
        }
        JsonNode rs = d.path("ruleset");
        Verdict verdict = verdict(d);
        List<Condition> conditions = conditions(d.path("conditions"));
        if (conditions.isEmpty() && verdict == Verdict.APPROVE_WITH_CONDITIONS) {
            conditions = Decision.conditionsOf(reasons); // the member redacted away: what the votes asked for
        }
        return new Decision(decisionId(d), submissionId(d), verdict, reasons, signals,
                new RulesetRef(rs.path("id").asText(), rs.path("version").asText()), plugins, decidedAt(d),
                d.path("elapsedMicros").asLong(), conditions);
    }

    /** A decision's {@code conditions} member; empty when absent (every decision but a conditional approval). */
    static List<Condition> conditions(JsonNode array) {
        List<Condition> out = new ArrayList<>();
        for (JsonNode c : array) {
            out.add(new Condition(c.path("id").asText(), c.path("message").asText(), text(c, "policy"),
                    c.path("rule").asText(), c.hasNonNull("dueAt") ? Instant.parse(c.get("dueAt").asText()) : null));
        }
        return out;
    }

    private static String text(JsonNode n, String member) {
        return n.hasNonNull(member) ? n.get(member).asText() : null;
    }

    /** A decision record's {@code shadow} member: the shadow rules' verdict (null when they failed), votes and error. */
    static ShadowVerdict shadow(JsonNode s) {
        JsonNode rs = s.path("ruleset");
        return new ShadowVerdict(new RulesetRef(rs.path("id").asText(), rs.path("version").asText()),
                s.hasNonNull("verdict") ? Verdict.parse(s.get("verdict").asText()) : null, reasons(s.path("reasons")),
                s.path("elapsedMicros").asLong(), s.hasNonNull("error") ? s.get("error").asText() : null);
    }

    private static List<Reason> reasons(JsonNode array) {
        List<Reason> reasons = new ArrayList<>();
        for (JsonNode r : array) {
            Verdict v = Verdict.parse(r.path("verdict").asText());
            String condition = text(r, "condition");
            if (v == Verdict.APPROVE_WITH_CONDITIONS && condition == null) {
                condition = REDACTED; // a conditional vote always names one; a redaction may have removed it
            }
            reasons.add(new Reason(r.path("rule").asText(), v, r.path("message").asText(), text(r, "policy"),
                    v == Verdict.APPROVE_WITH_CONDITIONS ? condition : null));
        }
        return reasons;
    }

    /** A decision's (or a review's) decision id. */
    static String decisionId(JsonNode decisionOrReview) {
        return decisionOrReview.path("decisionId").asText();
    }

    /** A decision's (or a review's) submission id. */
    static String submissionId(JsonNode decisionOrReview) {
        return decisionOrReview.path("submissionId").asText();
    }

    /** A decision's (or a review's) verdict, without parsing the rest. */
    static Verdict verdict(JsonNode d) {
        return Verdict.parse(d.path("verdict").asText());
    }

    /** A decision's time. */
    static Instant decidedAt(JsonNode d) {
        return Instant.parse(d.path("decidedAt").asText());
    }

    /** A record's {@code redactions} member, each as {@code action:pointer}; empty when none. */
    static List<String> redactions(JsonNode redactions) {
        List<String> out = new ArrayList<>();
        for (JsonNode r : redactions) {
            out.add(r.path("action").asText() + ":" + r.path("pointer").asText());
        }
        return out;
    }

    static Signal signal(JsonNode s) {
        Signal.Builder b = Signal.builder(s.path("name").asText()).source(s.path("source").asText(""))
                .category(s.path("category").asText("")).value(s.path("value").asText(""));
        if (s.hasNonNull("score")) {
            b.score(s.get("score").asDouble());
        }
        if (s.hasNonNull("mediaIndex")) {
            b.mediaIndex(s.get("mediaIndex").asInt());
        }
        s.path("attributes").properties().forEach(e -> b.attribute(e.getKey(), e.getValue().asText()));
        return b.build();
    }

    /** A review record's desk members ({@link ReviewDetails}); absent ones read as null (conditions: empty). */
    static ReviewDetails reviewDetails(JsonNode r) {
        List<String> conditions = new ArrayList<>();
        for (JsonNode c : r.path("conditions")) {
            conditions.add(c.asText());
        }
        return new ReviewDetails(text(r, "caseId"), text(r, "queue"), text(r, "policy"), text(r, "artistMessage"), conditions);
    }

    static Appeal appeal(long seq, JsonNode a) {
        return new Appeal(seq, a.path("decisionId").asText(), a.path("decision").path("seq").asLong(),
                a.path("submissionId").asText(), text(a, "caseId"), a.path("text").asText(),
                Instant.parse(a.path("appealedAt").asText()));
    }

    static Review review(long seq, JsonNode r) {
        return new Review(seq, r.path("decisionId").asText(), r.path("decision").path("seq").asLong(),
                r.path("submissionId").asText(), r.path("reviewer").asText(), Verdict.parse(r.path("verdict").asText()),
                r.hasNonNull("previousVerdict") ? Verdict.parse(r.get("previousVerdict").asText()) : null,
                r.path("note").asText(""), Instant.parse(r.path("reviewedAt").asText()), r.path("round").asInt(1),
                text(r.path("decision"), "log"));
    }

    static FulfilmentRecord fulfilment(long seq, JsonNode f) {
        List<Fulfilment> met = new ArrayList<>();
        for (JsonNode c : f.path("conditions")) {
            met.add(new Fulfilment(c.path("id").asText(), c.path("evidence").asText()));
        }
        return new FulfilmentRecord(seq, f.path("decisionId").asText(), f.path("decision").path("seq").asLong(),
                f.path("submissionId").asText(), met, Instant.parse(f.path("fulfilledAt").asText()));
    }
}
