package dev.greenlight.server;

import dev.greenlight.server.http.JsonFields;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.audit.AuditException;
import dev.greenlight.audit.FulfilmentRecord;
import dev.greenlight.audit.Review;
import dev.greenlight.engine.Greenlight;
import dev.greenlight.engine.LoadedRules;
import dev.greenlight.engine.ReloadResult;
import dev.greenlight.ruleset.RuleProblem;
import dev.greenlight.json.BatchItem;
import dev.greenlight.json.InputProblem;
import dev.greenlight.json.InvalidSubmissionException;
import dev.greenlight.json.JsonLimits;
import dev.greenlight.json.ModelJson;
import dev.greenlight.json.SubmissionReader;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Fulfilment;
import dev.greenlight.model.RulesetRef;
import dev.greenlight.model.Submission;
import dev.greenlight.model.Verdict;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each route does, apart from HTTP plumbing: bodies in, {@link Reply}s out. Errors are RFC 9457
 * problem documents that name the field (JSON Pointer) where there is one. Thread-safe.
 */
final class Api {
    private static final Logger LOG = LoggerFactory.getLogger(Api.class);
    private static final Set<String> REVIEW_FIELDS = Set.of("decisionId", "reviewer", "verdict", "note");
    /** The submission parser's limits (JsonLimits) for the other bodies: depth, string length, duplicate keys. */
    private static final JsonFactory STRICT = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxDocumentLength(JsonLimits.MAX_DOCUMENT_BYTES)
                    .maxNestingDepth(JsonLimits.MAX_NESTING_DEPTH).maxStringLength(JsonLimits.MAX_STRING_CHARS)
                    .maxNumberLength(JsonLimits.MAX_NUMBER_CHARS).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();
    private static final ObjectMapper STRICT_MAPPER = new ObjectMapper(STRICT);

    private final Greenlight engine;
    private final SubmissionReader reader = new SubmissionReader();
    private final int maxBatch;
    private final Path mediaRoot;
    private final BooleanSupplier draining;
    private final MediaSpool spool;
    private final Health health;
    /** Status links handed out with decisions; null when status pages are off. */
    private final StatusLinks status;

    /**
     * {@code mediaRoot}: where media paths resolve (null for none); {@code spool}: the uploads under
     * it (null when uploads are off).
     */
    Api(Greenlight engine, int maxBatch, Path mediaRoot, MediaSpool spool, BooleanSupplier draining, java.time.Duration sinkLagLimit,
        java.util.function.Supplier<dev.greenlight.server.callback.CallbackDelivery> callbacks, StatusLinks status,
        java.util.Map<String, java.util.function.Supplier<java.time.Duration>> shipLags, dev.greenlight.desk.ReviewDesk desk) {
        this.status = status;
        this.engine = engine;
        this.maxBatch = maxBatch;
        this.mediaRoot = mediaRoot;
        this.spool = spool;
        this.draining = draining;
        this.health = new Health(engine, draining, sinkLagLimit, callbacks, shipLags, desk);
    }

    // ---- POST /v1/decisions

    /** One submission (a JSON object), or a batch (a JSON array, or JSON Lines with {@code lines}). */
    Reply decisions(byte[] body, boolean lines) {
        int first = firstByte(body);
        if (first < 0) {
            throw new Reply.Failure(400, "invalid-submission", "The submission is invalid", "the request body is empty");
        }
        if (first == '[' || lines) {
            return batch(body);
        }
        if (body.length > JsonLimits.MAX_DOCUMENT_BYTES) {
            throw new Reply.Failure(413, "too-large", "The request is too large", "a submission is " + body.length
                    + " bytes; the limit is " + JsonLimits.MAX_DOCUMENT_BYTES);
        }
        Submission s;
        try {
            s = reader.parse(body, "request");
        } catch (InvalidSubmissionException e) {
            throw new Reply.Failure(invalid(e.problems()));
        }
        List<InputProblem> refs = uploadProblems(s, "request", 0);
        if (!refs.isEmpty()) {
            throw new Reply.Failure(invalid(refs));
        }
        return Reply.json(200, withStatus(ModelJson.decision(decide(s))));
    }

    /**
     * A media item whose path names an upload ({@code uploads/<sha256>}) must declare the same
     * {@code sha256}, and the upload must be in the spool: a reference that would only make the
     * plugins report the file unreadable is refused here, naming the field.
     */
    private List<InputProblem> uploadProblems(Submission s, String source, int line) {
        List<InputProblem> problems = new ArrayList<>();
        String prefix = MediaSpool.DIRECTORY + "/";
        for (int i = 0; i < s.getMedia().size(); i++) {
            var m = s.getMedia().get(i);
            String path = m.getPath() == null ? "" : m.getPath().replace('\\', '/');
            if (!path.startsWith(prefix)) {
                continue;
            }
            String at = "/media/" + i;
            String named = path.substring(prefix.length());
            if (spool == null) {
                problems.add(new InputProblem(source, line, at + "/path",
                        "names an upload, but this server takes no uploads (it has no media root)"));
            } else if (!MediaSpool.isSha256(named)) {
                problems.add(new InputProblem(source, line, at + "/path",
                        "an upload is named uploads/<sha256, 64 lower-case hex digits>, not " + m.getPath()));
            } else if (!named.equals(m.getSha256())) {
                problems.add(new InputProblem(source, line, at + "/sha256", m.getSha256().isEmpty()
                        ? "is required for an upload, and must be " + named
                        : "must be the SHA-256 the upload is named by (" + named + "), was " + m.getSha256()));
            } else if (!spool.contains(named)) {
                problems.add(new InputProblem(source, line, at + "/path",
                        "no upload " + named + " (PUT it to /v1/media/" + named + " first; uploads are kept "
                                + spool.retention() + ")"));
            }
        }
        return problems;
    }

    private Decision decide(Submission s) {
        try {
            return engine.decide(s, mediaRoot);
        } catch (AuditException e) {
            LOG.error("decision for submission {} could not be recorded; not acknowledged", s.getId(), e);
            throw new Reply.Failure(503, "not-recorded", "The decision could not be recorded",
                    "the audit log cannot record decisions, so none is given: " + e.getMessage());
        }
    }

    private Reply batch(byte[] body) {
        List<BatchItem> items = new ArrayList<>();
        try {
            reader.readBatch(new ByteArrayInputStream(body), "request", items::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (items.size() > maxBatch) {
            throw new Reply.Failure(413, "too-large", "The batch is too large",
                    "the batch has " + items.size() + " items; the limit is " + maxBatch);
        }
        // the valid items are decided with decideAll: their records are committed together, with one fsync
        List<Submission> valid = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof BatchItem.Valid v) {
                List<InputProblem> refs = uploadProblems(v.submission(), "request", i + 1);
                if (refs.isEmpty()) {
                    valid.add(v.submission());
                } else {
                    items.set(i, new BatchItem.Invalid(i + 1, refs));
                }
            }
        }
        List<Decision> decisions = List.of();
        ObjectNode failure = null;
        if (!valid.isEmpty()) {
            try {
                decisions = engine.decideAll(valid, mediaRoot);
            } catch (AuditException e) {
                LOG.error("a batch of {} decisions could not be recorded; none is acknowledged", valid.size(), e);
                failure = Reply.problem(503, "not-recorded", "The decision could not be recorded", e.getMessage());
            } catch (RuntimeException e) {
                LOG.error("deciding a batch of {} submissions failed", valid.size(), e);
                failure = Reply.problem(500, "internal", "Deciding failed", e.toString());
            }
        }
        ObjectNode out = Reply.F.objectNode();
        ArrayNode list = out.putArray("results");
        int decided = 0;
        int invalid = 0;
        int failed = 0;
        int next = 0;
        for (int i = 0; i < items.size(); i++) {
            ObjectNode r = list.addObject().put("index", i);
            if (items.get(i) instanceof BatchItem.Invalid bad) {
                r.set("problem", invalid(bad.problems()));
                invalid++;
            } else if (failure != null) {
                r.set("problem", failure.deepCopy());
                failed++;
            } else {
                r.set("decision", withStatus(ModelJson.decision(decisions.get(next++))));
                decided++;
            }
        }
        out.put("decided", decided).put("invalid", invalid).put("failed", failed);
        return Reply.json(200, out);
    }

    /**
     * The decision as answered to the integrator: with its {@code statusToken} (the artist's
     * capability for the status page) and {@code statusUrl} when a public base URL is configured.
     * Neither is in the audit log.
     */
    private ObjectNode withStatus(ObjectNode decision) {
        if (status != null) {
            status.link(decision.path("decisionId").asText(), decision);
        }
        return decision;
    }

    /** The problem document of an invalid submission: every problem, each naming its field. */
    static ObjectNode invalid(List<InputProblem> problems) {
        InputProblem first = problems.get(0);
        String detail = (first.pointer().isEmpty() ? "" : first.pointer() + ": ") + first.message()
                + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "");
        ObjectNode p = Reply.problem(400, "invalid-submission", "The submission is invalid", detail);
        ArrayNode errors = Reply.errors(p);
        for (InputProblem ip : problems) {
            errors.addObject().put("pointer", ip.pointer()).put("detail", ip.message());
        }
        return p;
    }

    private static int firstByte(byte[] body) {
        int i = 0;
        if (body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF) {
            i = 3;
        }
        for (; i < body.length; i++) {
            byte b = body[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return b;
            }
        }
        return -1;
    }

    // ---- POST /v1/reviews

    Reply review(byte[] body) {
        ObjectNode in = strictObject(body);
        ObjectNode problem = Reply.problem(400, "invalid-review", "The review is invalid", null);
        ArrayNode errors = Reply.errors(problem);
        in.fieldNames().forEachRemaining(name -> {
            if (!REVIEW_FIELDS.contains(name)) {
                errors.addObject().put("pointer", "/" + name).put("detail", "unknown field (expected one of " + REVIEW_FIELDS + ")");
            }
        });
        String decisionId = JsonFields.text(in, "decisionId", true, errors);
        String reviewer = JsonFields.text(in, "reviewer", true, errors);
        String verdictText = JsonFields.text(in, "verdict", true, errors);
        String note = JsonFields.text(in, "note", false, errors);
        Verdict verdict = null;
        if (verdictText != null) {
            try {
                verdict = Verdict.parse(verdictText);
                if (verdict == Verdict.APPROVE_WITH_CONDITIONS) {
                    errors.addObject().put("pointer", "/verdict").put("detail", Greenlight.NO_REVIEWED_CONDITIONS);
                }
            } catch (IllegalArgumentException e) {
                errors.addObject().put("pointer", "/verdict").put("detail", "must be APPROVE, REJECT or ESCALATE");
            }
        }
        if (!errors.isEmpty()) {
            problem.put("detail", errors.get(0).path("pointer").asText() + ": " + errors.get(0).path("detail").asText());
            throw new Reply.Failure(problem);
        }
        Review r;
        try {
            r = engine.review(decisionId, reviewer, verdict, note);
        } catch (IllegalStateException e) {
            throw new Reply.Failure(409, "no-audit-log", "Reviews need an audit log", e.getMessage());
        } catch (IllegalArgumentException e) {
            boolean unknown = String.valueOf(e.getMessage()).contains("holds no decision");
            throw new Reply.Failure(unknown ? 404 : 400, unknown ? "unknown-decision" : "invalid-review",
                    unknown ? "No such decision" : "The review is invalid", e.getMessage());
        } catch (AuditException e) {
            throw new Reply.Failure(503, "not-recorded", "The review could not be recorded", e.getMessage());
        }
        ObjectNode out = Reply.F.objectNode();
        out.put("seq", r.seq()).put("decisionId", r.decisionId()).put("decisionSeq", r.decisionSeq())
                .put("submissionId", r.submissionId()).put("reviewer", r.reviewer()).put("verdict", r.verdict().name())
                .put("previousVerdict", r.previousVerdict() == null ? null : r.previousVerdict().name())
                .put("note", r.note()).put("reviewedAt", r.reviewedAt().toString()).put("round", r.round());
        return Reply.json(201, out);
    }

    // ---- POST /v1/decisions/{decisionId}/fulfilment

    /** Records that conditions of a conditional approval were met: body {@code {"conditions":[{"id","evidence"}]}}. */
    Reply fulfilment(String decisionId, byte[] body) {
        ObjectNode in = strictObject(body);
        ObjectNode problem = Reply.problem(400, "invalid-fulfilment", "The fulfilment is invalid", null);
        ArrayNode errors = Reply.errors(problem);
        in.fieldNames().forEachRemaining(name -> {
            if (!name.equals("conditions")) {
                errors.addObject().put("pointer", "/" + name).put("detail", "unknown field (expected conditions)");
            }
        });
        List<Fulfilment> met = new ArrayList<>();
        JsonNode conditions = in.get("conditions");
        if (conditions == null || conditions.isNull()) {
            errors.addObject().put("pointer", "/conditions").put("detail", "is required");
        } else if (!conditions.isArray() || conditions.isEmpty()) {
            errors.addObject().put("pointer", "/conditions").put("detail", "must be a non-empty array of {id, evidence}");
        } else {
            for (int i = 0; i < conditions.size(); i++) {
                JsonNode c = conditions.get(i);
                String at = "/conditions/" + i;
                if (!c.isObject()) {
                    errors.addObject().put("pointer", at).put("detail", "must be an object {id, evidence}");
                    continue;
                }
                c.fieldNames().forEachRemaining(name -> {
                    if (!name.equals("id") && !name.equals("evidence")) {
                        errors.addObject().put("pointer", at + "/" + name).put("detail", "unknown field (expected id, evidence)");
                    }
                });
                String id = member(c, at, "id", errors);
                String evidence = member(c, at, "evidence", errors);
                if (id != null && evidence != null) {
                    met.add(new Fulfilment(id, evidence));
                }
            }
        }
        if (!errors.isEmpty()) {
            problem.put("detail", errors.get(0).path("pointer").asText() + ": " + errors.get(0).path("detail").asText());
            throw new Reply.Failure(problem);
        }
        FulfilmentRecord f;
        try {
            f = engine.fulfil(decisionId, met);
        } catch (IllegalStateException e) {
            throw new Reply.Failure(409, "no-audit-log", "Fulfilments need an audit log", e.getMessage());
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("holds no decision")) {
                throw new Reply.Failure(404, "unknown-decision", "No such decision", message);
            }
            // the engine names the condition as conditions/N/...: point at it
            ObjectNode p = Reply.problem(409, "fulfilment-refused", "The fulfilment does not fit the decision", message);
            if (message.startsWith("conditions/")) {
                Reply.errors(p).addObject().put("pointer", "/" + message.substring(0, message.indexOf(':')))
                        .put("detail", message.substring(message.indexOf(':') + 1).strip());
            }
            throw new Reply.Failure(p);
        } catch (AuditException e) {
            throw new Reply.Failure(503, "not-recorded", "The fulfilment could not be recorded", e.getMessage());
        }
        ObjectNode out = Reply.F.objectNode();
        out.put("seq", f.seq()).put("decisionId", f.decisionId()).put("decisionSeq", f.decisionSeq())
                .put("submissionId", f.submissionId());
        ArrayNode list = out.putArray("conditions");
        f.conditions().forEach(c -> list.addObject().put("id", c.id()).put("evidence", c.evidence()));
        out.put("fulfilledAt", f.fulfilledAt().toString());
        return Reply.json(201, out);
    }

    private static String member(JsonNode c, String at, String field, ArrayNode errors) {
        JsonNode v = c.get(field);
        if (v == null || v.isNull()) {
            errors.addObject().put("pointer", at + "/" + field).put("detail", "is required");
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            errors.addObject().put("pointer", at + "/" + field).put("detail", "must be a non-empty string");
            return null;
        }
        return v.asText();
    }

    /** A JSON object read with the submission parser's limits: no duplicate keys, no trailing content. */
    private static ObjectNode strictObject(byte[] body) {
        if (body.length > JsonLimits.MAX_DOCUMENT_BYTES) {
            throw new Reply.Failure(413, "too-large", "The request is too large", "a request body is at most "
                    + JsonLimits.MAX_DOCUMENT_BYTES + " bytes");
        }
        try (JsonParser p = STRICT.createParser(body)) {
            com.fasterxml.jackson.databind.JsonNode n = STRICT_MAPPER.readTree(p);
            if (p.nextToken() != null) {
                throw new Reply.Failure(400, "malformed-json", "The body is not one JSON value", "trailing content after the JSON value");
            }
            if (n == null || !n.isObject()) {
                throw new Reply.Failure(400, "malformed-json", "The body must be a JSON object", null);
            }
            return (ObjectNode) n;
        } catch (IOException e) {
            throw new Reply.Failure(400, "malformed-json", "The body is not valid JSON", e.getMessage());
        }
    }


    // ---- POST /v1/status-tokens/revoke

    /**
     * Revokes every status token of a decision ({@code {"decisionId"}}), durably, and answers its
     * next one, which the integrator may hand out instead.
     */
    Reply revokeStatus(byte[] body) {
        if (status == null) {
            throw new Reply.Failure(404, "status-off", "This server hands out no status links",
                    "status pages need an audit log and a review desk (greenlight serve --audit FILE --users FILE)");
        }
        ObjectNode in = strictObject(body);
        ObjectNode problem = Reply.problem(400, "invalid-revocation", "The revocation is invalid", null);
        ArrayNode errors = Reply.errors(problem);
        in.fieldNames().forEachRemaining(name -> {
            if (!name.equals("decisionId")) {
                errors.addObject().put("pointer", "/" + name).put("detail", "unknown field (expected decisionId)");
            }
        });
        String decisionId = JsonFields.text(in, "decisionId", true, errors);
        if (decisionId != null && (decisionId.isEmpty() || decisionId.length() > 200 || decisionId.chars().anyMatch(Character::isISOControl))) {
            errors.addObject().put("pointer", "/decisionId").put("detail", "must be 1 to 200 characters, no control characters");
        }
        if (!errors.isEmpty()) {
            problem.put("detail", errors.get(0).path("pointer").asText() + ": " + errors.get(0).path("detail").asText());
            throw new Reply.Failure(problem);
        }
        String next;
        try {
            next = status.tokens().revoke(decisionId);
        } catch (IOException e) {
            throw new Reply.Failure(503, "not-recorded", "The revocation could not be recorded", e.getMessage());
        }
        ObjectNode out = Reply.F.objectNode().put("decisionId", decisionId).put("revoked", true);
        status.link(decisionId, out);
        if (!next.equals(out.path("statusToken").asText())) {
            throw new IllegalStateException("the next status token was not the one issued");
        }
        return Reply.json(200, out);
    }

    // ---- GET /v1/ruleset, POST /v1/ruleset/reload

    Reply ruleset() {
        ObjectNode out = rules(engine.loadedRules());
        engine.shadowRules().ifPresentOrElse(s -> out.set("shadow", rules(s)), () -> out.putNull("shadow"));
        return Reply.json(200, out);
    }

    private static ObjectNode rules(LoadedRules r) {
        ObjectNode o = Reply.F.objectNode();
        o.put("id", r.ref().id()).put("version", r.ref().version()).put("loadedAt", r.loadedAt().toString());
        r.ruleNames().forEach(o.putArray("rules")::add);
        ArrayNode w = o.putArray("warnings");
        r.warnings().forEach(p -> w.add(p.toString()));
        return o;
    }

    Reply reload() {
        ReloadResult r = engine.reloadRules();
        if (r.status() == ReloadResult.Status.REJECTED) {
            ObjectNode p = Reply.problem(422, "rules-rejected", "The candidate rules were rejected; the current rules still serve",
                    r.summary());
            putRef(p, "active", r.active());
            putRef(p, "candidate", r.candidate());
            ArrayNode errors = Reply.errors(p);
            for (RuleProblem rp : r.errors()) {
                errors.addObject().put("file", rp.file()).put("line", rp.line()).put("column", rp.column())
                        .put("detail", rp.message());
            }
            r.testFailures().forEach(p.putArray("testFailures")::add);
            throw new Reply.Failure(p);
        }
        ObjectNode out = Reply.F.objectNode();
        out.put("status", r.status().name().toLowerCase(Locale.ROOT));
        putRef(out, "active", r.active());
        putRef(out, "previous", r.previous());
        out.put("loadedAt", engine.loadedRules().loadedAt().toString());
        out.put("tookMillis", r.took().toMillis());
        ArrayNode w = out.putArray("warnings");
        r.problems().forEach(p -> w.add(p.toString()));
        return Reply.json(200, out);
    }

    private static void putRef(ObjectNode o, String name, RulesetRef ref) {
        if (ref == null) {
            o.putNull(name);
        } else {
            o.putObject(name).put("id", ref.id()).put("version", ref.version());
        }
    }

    // ---- health

    Reply live() {
        return Reply.json(200, Reply.F.objectNode().put("status", "UP"));
    }

    /** Ready while nothing degrades decisions; see {@link Health}. */
    Reply ready() {
        return health.ready();
    }
}
