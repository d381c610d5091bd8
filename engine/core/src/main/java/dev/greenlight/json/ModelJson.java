package dev.greenlight.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.model.Condition;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Media;
import dev.greenlight.model.PluginRun;
import dev.greenlight.model.Reason;
import dev.greenlight.model.Signal;
import dev.greenlight.model.Submission;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The JSON form of decisions and of submissions as decided, as trees with members in the documented
 * output order; absent optional values are left out. Its job is output: what the CLI and the server
 * print and answer. It writes no hashed bytes: the audit log writes its records with its own
 * canonical writer. The audit log does build a record's trees here when it must redact them (a
 * redaction edits a tree), and then a wildcard's matches are listed in this class's member order, so
 * the members and their order are held to the log's bytes by the audit tests. Thread-safe
 * (stateless); arguments must not be {@code null}.
 */
public final class ModelJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ModelJson() {
    }

    /** A decision as one compact JSON line (no newline). */
    public static String toJson(Decision d) {
        return write(decision(d));
    }

    /** Compact JSON text of a tree. */
    public static String write(ObjectNode tree) {
        try {
            return MAPPER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectNode decision(Decision d) {
        ObjectNode o = F.objectNode();
        o.put("decisionId", d.decisionId());
        o.put("submissionId", d.submissionId());
        o.put("verdict", d.verdict().name());
        if (!d.conditions().isEmpty()) { // only on a conditional approval: other decisions keep their shape
            ArrayNode conditions = o.putArray("conditions");
            for (Condition c : d.conditions()) {
                conditions.add(condition(c));
            }
        }
        ArrayNode reasons = o.putArray("reasons");
        for (Reason r : d.reasons()) {
            reasons.add(reason(r));
        }
        ArrayNode signals = o.putArray("signals");
        for (Signal s : d.signals()) {
            signals.add(signal(s));
        }
        ObjectNode ruleset = o.putObject("ruleset");
        ruleset.put("id", d.ruleset().id());
        ruleset.put("version", d.ruleset().version());
        ArrayNode plugins = o.putArray("plugins");
        for (PluginRun p : d.plugins()) {
            ObjectNode n = plugins.addObject();
            n.put("id", p.id());
            n.put("version", p.version());
            n.put("elapsedMicros", p.elapsedMicros());
            if (p.failed()) {
                n.put("failed", true);
            }
        }
        o.put("decidedAt", d.decidedAt().toString());
        o.put("elapsedMicros", d.elapsedMicros());
        return o;
    }

    public static ObjectNode reason(Reason r) {
        ObjectNode n = F.objectNode();
        n.put("rule", r.rule());
        n.put("verdict", r.verdict().name());
        n.put("message", r.message());
        if (r.policy() != null) {
            n.put("policy", r.policy());
        }
        if (r.condition() != null) {
            n.put("condition", r.condition());
        }
        return n;
    }

    /** A condition of a conditional approval: {@code {id, message, policy?, rule, dueAt?}}. */
    public static ObjectNode condition(Condition c) {
        ObjectNode n = F.objectNode();
        n.put("id", c.id());
        n.put("message", c.message());
        if (c.policy() != null) {
            n.put("policy", c.policy());
        }
        n.put("rule", c.rule());
        if (c.dueAt() != null) {
            n.put("dueAt", c.dueAt().toString());
        }
        return n;
    }

    public static ObjectNode signal(Signal s) {
        ObjectNode n = F.objectNode();
        n.put("source", s.getSource());
        n.put("name", s.getName());
        putIfNotEmpty(n, "category", s.getCategory());
        putIfNotEmpty(n, "value", s.getValue());
        if (s.getScore() != null) {
            n.put("score", s.getScore());
        }
        if (s.getMediaIndex() != null) {
            n.put("mediaIndex", s.getMediaIndex());
        }
        if (!s.getAttributes().isEmpty()) {
            ObjectNode a = n.putObject("attributes");
            s.getAttributes().forEach(a::put);
        }
        return n;
    }

    /** The submission in its contract form; parsing the result gives an equal submission. */
    public static ObjectNode submission(Submission s) {
        ObjectNode o = F.objectNode();
        o.put("id", s.getId());
        o.put("submittedAt", s.getSubmittedAt().toString());
        ObjectNode sub = o.putObject("submitter");
        sub.put("id", s.getSubmitter().getId());
        putIfNotEmpty(sub, "program", s.getSubmitter().getProgram());
        sub.put("verified", s.getSubmitter().isVerified());
        if (!s.getSubmitter().getRoles().isEmpty()) {
            s.getSubmitter().getRoles().forEach(sub.putArray("roles")::add);
        }
        if (!s.getModel().getName().isEmpty() || !s.getModel().getVersion().isEmpty()) {
            ObjectNode m = o.putObject("model");
            putIfNotEmpty(m, "name", s.getModel().getName());
            putIfNotEmpty(m, "version", s.getModel().getVersion());
        }
        putIfNotEmpty(o, "prompt", s.getPrompt());
        putIfNotEmpty(o, "title", s.getTitle());
        putIfNotEmpty(o, "description", s.getDescription());
        o.put("intendedUse", s.getIntendedUse());
        if (!s.getTags().isEmpty()) {
            s.getTags().forEach(o.putArray("tags")::add);
        }
        ArrayNode media = o.putArray("media");
        for (Media m : s.getMedia()) {
            media.add(media(m));
        }
        ObjectNode prov = o.putObject("provenance");
        prov.put("c2pa", s.getProvenance().isC2pa());
        prov.put("watermark", s.getProvenance().isWatermark());
        if (!s.getAttributes().isEmpty()) {
            ObjectNode a = o.putObject("attributes");
            for (Map.Entry<String, Object> e : s.getAttributes().entrySet()) {
                Object v = e.getValue();
                if (v instanceof String str) {
                    a.put(e.getKey(), str);
                } else if (v instanceof Long l) {
                    a.put(e.getKey(), l);
                } else if (v instanceof Double dbl) {
                    a.put(e.getKey(), dbl);
                } else if (v instanceof Boolean b) {
                    a.put(e.getKey(), b);
                }
            }
        }
        return o;
    }

    private static ObjectNode media(Media m) {
        ObjectNode n = F.objectNode();
        n.put("type", m.getType());
        putIfNotEmpty(n, "mimeType", m.getMimeType());
        putIfNotEmpty(n, "path", m.getPath());
        putIfNotEmpty(n, "sha256", m.getSha256());
        if (m.getBytes() != null) {
            n.put("bytes", m.getBytes());
        }
        if (m.getWidth() != null) {
            n.put("width", m.getWidth());
        }
        if (m.getHeight() != null) {
            n.put("height", m.getHeight());
        }
        if (m.getDurationSeconds() != null) {
            n.put("durationSeconds", m.getDurationSeconds());
        }
        if (m.getFrameRate() != null) {
            n.put("frameRate", m.getFrameRate());
        }
        return n;
    }

    private static void putIfNotEmpty(ObjectNode n, String field, String value) {
        if (value != null && !value.isEmpty()) {
            n.put(field, value);
        }
    }
}
