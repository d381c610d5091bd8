package dev.greenlight.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.greenlight.model.Decision;
import dev.greenlight.model.PluginRun;
import dev.greenlight.model.Reason;
import dev.greenlight.model.RulesetRef;
import dev.greenlight.model.Signal;
import dev.greenlight.model.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The one reader of record content: the model's decisions and signals, and reviews, parsed back from
 * a record's members as {@link RecordContent} wrote them (a decision as {@link CanonicalModel} or,
 * redacted, {@code ModelJson} shape it: the same members). Checkpoints read themselves
 * ({@link Checkpoint#fromJson}). Lenient: a member missing from an old or redacted record reads as
 * empty. Thread-safe (stateless).
 */
final class RecordedModel {
    private RecordedModel() {
    }

    static Decision decision(JsonNode d) {
        List<Reason> reasons = new ArrayList<>();
        for (JsonNode r : d.path("reasons")) {
            reasons.add(new Reason(r.path("rule").asText(), Verdict.parse(r.path("verdict").asText()),
                    r.path("message").asText(), r.hasNonNull("policy") ? r.get("policy").asText() : null));
        }
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
        return new Decision(d.path("decisionId").asText(), d.path("submissionId").asText(),
                Verdict.parse(d.path("verdict").asText()), reasons, signals,
                new RulesetRef(rs.path("id").asText(), rs.path("version").asText()), plugins,
                Instant.parse(d.path("decidedAt").asText()), d.path("elapsedMicros").asLong());
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

    static Review review(long seq, JsonNode r) {
        return new Review(seq, r.path("decisionId").asText(), r.path("decision").path("seq").asLong(),
                r.path("submissionId").asText(), r.path("reviewer").asText(), Verdict.parse(r.path("verdict").asText()),
                r.hasNonNull("previousVerdict") ? Verdict.parse(r.get("previousVerdict").asText()) : null,
                r.path("note").asText(""), Instant.parse(r.path("reviewedAt").asText()), r.path("round").asInt(1));
    }
}
