package dev.greenlight.audit;

import dev.greenlight.model.Condition;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Media;
import dev.greenlight.model.PluginRun;
import dev.greenlight.model.Reason;
import dev.greenlight.model.RulesetRef;
import dev.greenlight.model.ShadowVerdict;
import dev.greenlight.model.Signal;
import dev.greenlight.model.Submission;
import dev.greenlight.model.Submitter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The audit record's members that come from the model — a decision, a submission, a shadow verdict —
 * written straight to canonical bytes with {@link CanonicalJson}, members in sorted key order by hand,
 * without building and sorting a tree (several times faster). The shape is the one {@code ModelJson}
 * gives the same objects (a redacted record is built with {@code ModelJson} and redacted as a tree),
 * so this class changes with it; {@code CanonicalModelTest} holds the two to the same bytes over the
 * corpus and edge cases. Used by {@link RecordContent}. Thread-safe (stateless).
 */
final class CanonicalModel {
    private static final byte[] ATTRIBUTES = CanonicalJson.name("attributes");
    private static final byte[] BYTES = CanonicalJson.name("bytes");
    private static final byte[] C2PA = CanonicalJson.name("c2pa");
    private static final byte[] CATEGORY = CanonicalJson.name("category");
    private static final byte[] CONDITION = CanonicalJson.name("condition");
    private static final byte[] CONDITIONS = CanonicalJson.name("conditions");
    private static final byte[] DUE_AT = CanonicalJson.name("dueAt");
    private static final byte[] DECIDED_AT = CanonicalJson.name("decidedAt");
    private static final byte[] DECISION_ID = CanonicalJson.name("decisionId");
    private static final byte[] DESCRIPTION = CanonicalJson.name("description");
    private static final byte[] DURATION_SECONDS = CanonicalJson.name("durationSeconds");
    private static final byte[] ELAPSED_MICROS = CanonicalJson.name("elapsedMicros");
    private static final byte[] ERROR = CanonicalJson.name("error");
    private static final byte[] FAILED = CanonicalJson.name("failed");
    private static final byte[] FRAME_RATE = CanonicalJson.name("frameRate");
    private static final byte[] HEIGHT = CanonicalJson.name("height");
    private static final byte[] ID = CanonicalJson.name("id");
    private static final byte[] INTENDED_USE = CanonicalJson.name("intendedUse");
    private static final byte[] MEDIA = CanonicalJson.name("media");
    private static final byte[] MEDIA_INDEX = CanonicalJson.name("mediaIndex");
    private static final byte[] MESSAGE = CanonicalJson.name("message");
    private static final byte[] MIME_TYPE = CanonicalJson.name("mimeType");
    private static final byte[] MODEL = CanonicalJson.name("model");
    private static final byte[] NAME = CanonicalJson.name("name");
    private static final byte[] PATH = CanonicalJson.name("path");
    private static final byte[] PLUGINS = CanonicalJson.name("plugins");
    private static final byte[] POLICY = CanonicalJson.name("policy");
    private static final byte[] PROGRAM = CanonicalJson.name("program");
    private static final byte[] PROMPT = CanonicalJson.name("prompt");
    private static final byte[] PROVENANCE = CanonicalJson.name("provenance");
    private static final byte[] REASONS = CanonicalJson.name("reasons");
    private static final byte[] ROLES = CanonicalJson.name("roles");
    private static final byte[] RULE = CanonicalJson.name("rule");
    private static final byte[] RULESET = CanonicalJson.name("ruleset");
    private static final byte[] SCORE = CanonicalJson.name("score");
    private static final byte[] SHA256 = CanonicalJson.name("sha256");
    private static final byte[] SIGNALS = CanonicalJson.name("signals");
    private static final byte[] SOURCE = CanonicalJson.name("source");
    private static final byte[] SUBMISSION_ID = CanonicalJson.name("submissionId");
    private static final byte[] SUBMITTED_AT = CanonicalJson.name("submittedAt");
    private static final byte[] SUBMITTER = CanonicalJson.name("submitter");
    private static final byte[] TAGS = CanonicalJson.name("tags");
    private static final byte[] TITLE = CanonicalJson.name("title");
    private static final byte[] TYPE = CanonicalJson.name("type");
    private static final byte[] VALUE = CanonicalJson.name("value");
    private static final byte[] VERDICT = CanonicalJson.name("verdict");
    private static final byte[] VERIFIED = CanonicalJson.name("verified");
    private static final byte[] VERSION = CanonicalJson.name("version");
    private static final byte[] WATERMARK = CanonicalJson.name("watermark");
    private static final byte[] WIDTH = CanonicalJson.name("width");

    private CanonicalModel() {
    }

    // keys: conditions (only when there are any, so other decisions keep their bytes) decidedAt decisionId
    // elapsedMicros plugins reasons ruleset signals submissionId verdict
    static byte[] decision(Decision d) {
        CanonicalJson j = new CanonicalJson().startObject();
        if (!d.conditions().isEmpty()) {
            j.field(CONDITIONS).startArray();
            for (Condition c : d.conditions()) {
                // dueAt id message policy rule
                j.startObject();
                if (c.dueAt() != null) {
                    j.field(DUE_AT).string(c.dueAt().toString());
                }
                j.field(ID).string(c.id()).field(MESSAGE).string(c.message());
                if (c.policy() != null) {
                    j.field(POLICY).string(c.policy());
                }
                j.field(RULE).string(c.rule()).endObject();
            }
            j.endArray();
        }
        j.field(DECIDED_AT).string(d.decidedAt().toString());
        j.field(DECISION_ID).string(d.decisionId());
        j.field(ELAPSED_MICROS).number(d.elapsedMicros());
        j.field(PLUGINS).startArray();
        for (PluginRun p : d.plugins()) {
            // elapsedMicros failed id version
            j.startObject().field(ELAPSED_MICROS).number(p.elapsedMicros());
            if (p.failed()) {
                j.field(FAILED).bool(true);
            }
            j.field(ID).string(p.id()).field(VERSION).string(p.version()).endObject();
        }
        j.endArray();
        reasons(j, d.reasons());
        ruleset(j, d.ruleset());
        j.field(SIGNALS).startArray();
        for (Signal s : d.signals()) {
            signal(j, s);
        }
        j.endArray();
        j.field(SUBMISSION_ID).string(d.submissionId());
        j.field(VERDICT).string(d.verdict().name());
        return j.endObject().toByteArray();
    }

    // keys: elapsedMicros error reasons ruleset verdict
    static byte[] shadow(ShadowVerdict s) {
        CanonicalJson j = new CanonicalJson().startObject();
        j.field(ELAPSED_MICROS).number(s.elapsedMicros());
        if (s.error() != null) {
            j.field(ERROR).string(s.error());
        }
        reasons(j, s.reasons());
        ruleset(j, s.ruleset());
        if (s.verdict() != null) {
            j.field(VERDICT).string(s.verdict().name());
        }
        return j.endObject().toByteArray();
    }

    private static void reasons(CanonicalJson j, List<Reason> reasons) {
        j.field(REASONS).startArray();
        for (Reason r : reasons) {
            // condition message policy rule verdict
            j.startObject();
            if (r.condition() != null) {
                j.field(CONDITION).string(r.condition());
            }
            j.field(MESSAGE).string(r.message());
            if (r.policy() != null) {
                j.field(POLICY).string(r.policy());
            }
            j.field(RULE).string(r.rule()).field(VERDICT).string(r.verdict().name()).endObject();
        }
        j.endArray();
    }

    private static void ruleset(CanonicalJson j, RulesetRef ruleset) {
        j.field(RULESET).startObject().field(ID).string(ruleset.id()).field(VERSION).string(ruleset.version()).endObject();
    }

    // keys: attributes category mediaIndex name score source value
    private static void signal(CanonicalJson j, Signal s) {
        j.startObject();
        if (!s.getAttributes().isEmpty()) {
            j.field(ATTRIBUTES).startObject();
            Map<String, String> attributes = s.getAttributes();
            for (String k : sortedKeys(attributes)) {
                j.field(k).string(attributes.get(k));
            }
            j.endObject();
        }
        stringIfNotEmpty(j, CATEGORY, s.getCategory());
        if (s.getMediaIndex() != null) {
            j.field(MEDIA_INDEX).number(s.getMediaIndex().intValue());
        }
        j.field(NAME).string(s.getName());
        if (s.getScore() != null) {
            j.field(SCORE).number(s.getScore().doubleValue());
        }
        j.field(SOURCE).string(s.getSource());
        stringIfNotEmpty(j, VALUE, s.getValue());
        j.endObject();
    }

    // keys: attributes description id intendedUse media model prompt provenance submittedAt submitter tags title
    static byte[] submission(Submission s) {
        CanonicalJson j = new CanonicalJson().startObject();
        if (!s.getAttributes().isEmpty()) {
            attributes(j, s.getAttributes());
        }
        stringIfNotEmpty(j, DESCRIPTION, s.getDescription());
        j.field(ID).string(s.getId());
        j.field(INTENDED_USE).string(s.getIntendedUse());
        j.field(MEDIA).startArray();
        for (Media m : s.getMedia()) {
            media(j, m);
        }
        j.endArray();
        if (!s.getModel().getName().isEmpty() || !s.getModel().getVersion().isEmpty()) {
            j.field(MODEL).startObject();
            stringIfNotEmpty(j, NAME, s.getModel().getName());
            stringIfNotEmpty(j, VERSION, s.getModel().getVersion());
            j.endObject();
        }
        stringIfNotEmpty(j, PROMPT, s.getPrompt());
        j.field(PROVENANCE).startObject().field(C2PA).bool(s.getProvenance().isC2pa())
                .field(WATERMARK).bool(s.getProvenance().isWatermark()).endObject();
        j.field(SUBMITTED_AT).string(s.getSubmittedAt().toString());
        submitter(j, s.getSubmitter());
        if (!s.getTags().isEmpty()) {
            strings(j, TAGS, s.getTags());
        }
        stringIfNotEmpty(j, TITLE, s.getTitle());
        return j.endObject().toByteArray();
    }

    // keys: id program roles verified
    private static void submitter(CanonicalJson j, Submitter s) {
        j.field(SUBMITTER).startObject();
        j.field(ID).string(s.getId());
        stringIfNotEmpty(j, PROGRAM, s.getProgram());
        if (!s.getRoles().isEmpty()) {
            strings(j, ROLES, s.getRoles());
        }
        j.field(VERIFIED).bool(s.isVerified());
        j.endObject();
    }

    // keys: bytes durationSeconds frameRate height mimeType path sha256 type width
    private static void media(CanonicalJson j, Media m) {
        j.startObject();
        if (m.getBytes() != null) {
            j.field(BYTES).number(m.getBytes().longValue());
        }
        if (m.getDurationSeconds() != null) {
            j.field(DURATION_SECONDS).number(m.getDurationSeconds().doubleValue());
        }
        if (m.getFrameRate() != null) {
            j.field(FRAME_RATE).number(m.getFrameRate().doubleValue());
        }
        if (m.getHeight() != null) {
            j.field(HEIGHT).number(m.getHeight().intValue());
        }
        stringIfNotEmpty(j, MIME_TYPE, m.getMimeType());
        stringIfNotEmpty(j, PATH, m.getPath());
        stringIfNotEmpty(j, SHA256, m.getSha256());
        j.field(TYPE).string(m.getType());
        if (m.getWidth() != null) {
            j.field(WIDTH).number(m.getWidth().intValue());
        }
        j.endObject();
    }

    /** As {@code ModelJson}: String, Long, Double and Boolean values; any other kind is left out. */
    private static void attributes(CanonicalJson j, Map<String, Object> attributes) {
        j.field(ATTRIBUTES).startObject();
        for (String k : sortedKeys(attributes)) {
            Object v = attributes.get(k);
            if (v instanceof String str) {
                j.field(k).string(str);
            } else if (v instanceof Long l) {
                j.field(k).number(l.longValue());
            } else if (v instanceof Double dbl) {
                j.field(k).number(dbl.doubleValue());
            } else if (v instanceof Boolean b) {
                j.field(k).bool(b);
            }
        }
        j.endObject();
    }

    private static void strings(CanonicalJson j, byte[] field, List<String> values) {
        j.field(field).startArray();
        for (String v : values) {
            j.string(v);
        }
        j.endArray();
    }

    private static void stringIfNotEmpty(CanonicalJson j, byte[] field, String value) {
        if (value != null && !value.isEmpty()) {
            j.field(field).string(value);
        }
    }

    /** Keys in the canonical order: by UTF-16 code unit, as {@link String#compareTo}. */
    private static String[] sortedKeys(Map<String, ?> map) {
        String[] keys = map.keySet().toArray(new String[0]);
        Arrays.sort(keys);
        return keys;
    }
}
