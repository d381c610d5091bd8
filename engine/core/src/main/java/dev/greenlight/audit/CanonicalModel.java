package dev.greenlight.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Media;
import dev.greenlight.model.PluginRun;
import dev.greenlight.model.Reason;
import dev.greenlight.model.Signal;
import dev.greenlight.model.Submission;
import dev.greenlight.model.Submitter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Canonical JSON of a decision and a submission written straight from the model, without building
 * and sorting a tree: the bytes {@code AuditRecordFormat.canonical(ModelJson.decision(d))} gives (and
 * the same for submissions), in about a fifth of the time. Each object's members are written here in
 * sorted key order by hand, so this class must change with {@code ModelJson}; the test
 * {@code CanonicalModelTest} holds the two to the same bytes over the corpus and edge cases.
 *
 * <p>Used for records without redactions; a record with redactions is redacted as a tree first.
 * Thread-safe (stateless).
 */
final class CanonicalModel {
    private CanonicalModel() {
    }

    static byte[] decision(Decision d) {
        return write(g -> decision(g, d));
    }

    static byte[] submission(Submission s) {
        return write(g -> submission(g, s));
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] write(Body body) {
        try (ByteArrayBuilder out = new ByteArrayBuilder(1024);
             JsonGenerator g = AuditRecordFormat.MAPPER.getFactory().createGenerator(out)) {
            body.write(g);
            g.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise audit record", e);
        }
    }

    // keys: decidedAt decisionId elapsedMicros plugins reasons ruleset signals submissionId verdict
    private static void decision(JsonGenerator g, Decision d) throws IOException {
        g.writeStartObject();
        g.writeStringField("decidedAt", d.decidedAt().toString());
        g.writeStringField("decisionId", d.decisionId());
        g.writeNumberField("elapsedMicros", d.elapsedMicros());
        g.writeArrayFieldStart("plugins");
        for (PluginRun p : d.plugins()) {
            // elapsedMicros failed id version
            g.writeStartObject();
            g.writeNumberField("elapsedMicros", p.elapsedMicros());
            if (p.failed()) {
                g.writeBooleanField("failed", true);
            }
            g.writeStringField("id", p.id());
            g.writeStringField("version", p.version());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("reasons");
        for (Reason r : d.reasons()) {
            // message policy rule verdict
            g.writeStartObject();
            g.writeStringField("message", r.message());
            if (r.policy() != null) {
                g.writeStringField("policy", r.policy());
            }
            g.writeStringField("rule", r.rule());
            g.writeStringField("verdict", r.verdict().name());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeObjectFieldStart("ruleset");
        g.writeStringField("id", d.ruleset().id());
        g.writeStringField("version", d.ruleset().version());
        g.writeEndObject();
        g.writeArrayFieldStart("signals");
        for (Signal s : d.signals()) {
            signal(g, s);
        }
        g.writeEndArray();
        g.writeStringField("submissionId", d.submissionId());
        g.writeStringField("verdict", d.verdict().name());
        g.writeEndObject();
    }

    // keys: attributes category mediaIndex name score source value
    private static void signal(JsonGenerator g, Signal s) throws IOException {
        g.writeStartObject();
        if (!s.getAttributes().isEmpty()) {
            g.writeObjectFieldStart("attributes");
            Map<String, String> attributes = s.getAttributes();
            for (String k : sortedKeys(attributes)) {
                g.writeStringField(k, attributes.get(k));
            }
            g.writeEndObject();
        }
        stringIfNotEmpty(g, "category", s.getCategory());
        if (s.getMediaIndex() != null) {
            g.writeNumberField("mediaIndex", s.getMediaIndex().intValue());
        }
        g.writeStringField("name", s.getName());
        if (s.getScore() != null) {
            g.writeNumberField("score", s.getScore().doubleValue());
        }
        g.writeStringField("source", s.getSource());
        stringIfNotEmpty(g, "value", s.getValue());
        g.writeEndObject();
    }

    // keys: attributes description id intendedUse media model prompt provenance submittedAt submitter tags title
    private static void submission(JsonGenerator g, Submission s) throws IOException {
        g.writeStartObject();
        if (!s.getAttributes().isEmpty()) {
            attributes(g, s.getAttributes());
        }
        stringIfNotEmpty(g, "description", s.getDescription());
        g.writeStringField("id", s.getId());
        g.writeStringField("intendedUse", s.getIntendedUse());
        g.writeArrayFieldStart("media");
        for (Media m : s.getMedia()) {
            media(g, m);
        }
        g.writeEndArray();
        if (!s.getModel().getName().isEmpty() || !s.getModel().getVersion().isEmpty()) {
            g.writeObjectFieldStart("model");
            stringIfNotEmpty(g, "name", s.getModel().getName());
            stringIfNotEmpty(g, "version", s.getModel().getVersion());
            g.writeEndObject();
        }
        stringIfNotEmpty(g, "prompt", s.getPrompt());
        g.writeObjectFieldStart("provenance");
        g.writeBooleanField("c2pa", s.getProvenance().isC2pa());
        g.writeBooleanField("watermark", s.getProvenance().isWatermark());
        g.writeEndObject();
        g.writeStringField("submittedAt", s.getSubmittedAt().toString());
        submitter(g, s.getSubmitter());
        if (!s.getTags().isEmpty()) {
            strings(g, "tags", s.getTags());
        }
        stringIfNotEmpty(g, "title", s.getTitle());
        g.writeEndObject();
    }

    // keys: id program roles verified
    private static void submitter(JsonGenerator g, Submitter s) throws IOException {
        g.writeObjectFieldStart("submitter");
        g.writeStringField("id", s.getId());
        stringIfNotEmpty(g, "program", s.getProgram());
        if (!s.getRoles().isEmpty()) {
            strings(g, "roles", s.getRoles());
        }
        g.writeBooleanField("verified", s.isVerified());
        g.writeEndObject();
    }

    // keys: bytes durationSeconds frameRate height mimeType path sha256 type width
    private static void media(JsonGenerator g, Media m) throws IOException {
        g.writeStartObject();
        if (m.getBytes() != null) {
            g.writeNumberField("bytes", m.getBytes().longValue());
        }
        if (m.getDurationSeconds() != null) {
            g.writeNumberField("durationSeconds", m.getDurationSeconds().doubleValue());
        }
        if (m.getFrameRate() != null) {
            g.writeNumberField("frameRate", m.getFrameRate().doubleValue());
        }
        if (m.getHeight() != null) {
            g.writeNumberField("height", m.getHeight().intValue());
        }
        stringIfNotEmpty(g, "mimeType", m.getMimeType());
        stringIfNotEmpty(g, "path", m.getPath());
        stringIfNotEmpty(g, "sha256", m.getSha256());
        g.writeStringField("type", m.getType());
        if (m.getWidth() != null) {
            g.writeNumberField("width", m.getWidth().intValue());
        }
        g.writeEndObject();
    }

    /** As {@code ModelJson}: String, Long, Double and Boolean values; any other kind is left out. */
    private static void attributes(JsonGenerator g, Map<String, Object> attributes) throws IOException {
        g.writeObjectFieldStart("attributes");
        for (String k : sortedKeys(attributes)) {
            Object v = attributes.get(k);
            if (v instanceof String str) {
                g.writeStringField(k, str);
            } else if (v instanceof Long l) {
                g.writeNumberField(k, l.longValue());
            } else if (v instanceof Double dbl) {
                g.writeNumberField(k, dbl.doubleValue());
            } else if (v instanceof Boolean b) {
                g.writeBooleanField(k, b);
            }
        }
        g.writeEndObject();
    }

    private static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static void stringIfNotEmpty(JsonGenerator g, String field, String value) throws IOException {
        if (value != null && !value.isEmpty()) {
            g.writeStringField(field, value);
        }
    }

    /** Keys in the canonical order: by UTF-16 code unit, as {@link String#compareTo}. */
    private static String[] sortedKeys(Map<String, ?> map) {
        String[] keys = map.keySet().toArray(new String[0]);
        Arrays.sort(keys);
        return keys;
    }
}
