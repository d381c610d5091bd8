package dev.greenlight.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.json.ModelJson;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Fulfilment;
import dev.greenlight.model.ShadowVerdict;
import dev.greenlight.model.Submission;
import dev.greenlight.model.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The content of every record type, as the canonical member bytes the writer chains (the envelope,
 * {@code prev seq type v}, is the encoder's): a decision with its submission and shadow verdict, a
 * review, a fulfilment, a checkpoint. Redaction comes first, then the one canonical writer ({@link CanonicalJson})
 * writes each member once: a record with no redaction configured is written straight from the model
 * ({@link CanonicalModel}); otherwise the decision and submission are built as trees
 * ({@link ModelJson}, whose member order is the order in which a wildcard's matches are listed in
 * the record's {@code redactions}), redacted ({@link Redactor}), and the trees written.
 *
 * <p>Thread-safe (immutable): records are prepared in the callers' threads, and a batch's on other
 * cores.
 */
final class RecordContent {
    private static final byte[] ACTION = CanonicalJson.name("action");
    private static final byte[] APPEALED_AT = CanonicalJson.name("appealedAt");
    private static final byte[] ARTIST_MESSAGE = CanonicalJson.name("artistMessage");
    private static final byte[] CASE_ID = CanonicalJson.name("caseId");
    private static final byte[] CONDITIONS = CanonicalJson.name("conditions");
    private static final byte[] POLICY = CanonicalJson.name("policy");
    private static final byte[] QUEUE = CanonicalJson.name("queue");
    private static final byte[] TEXT = CanonicalJson.name("text");
    private static final byte[] POINTER = CanonicalJson.name("pointer");
    private static final byte[] DECISION = CanonicalJson.name("decision");
    private static final byte[] DECISION_ID = CanonicalJson.name("decisionId");
    private static final byte[] EVIDENCE = CanonicalJson.name("evidence");
    private static final byte[] FULFILLED_AT = CanonicalJson.name("fulfilledAt");
    private static final byte[] ID = CanonicalJson.name("id");
    private static final byte[] LOG = CanonicalJson.name("log");
    private static final byte[] HASH = CanonicalJson.name("hash");
    private static final byte[] NOTE = CanonicalJson.name("note");
    private static final byte[] PREVIOUS_VERDICT = CanonicalJson.name("previousVerdict");
    private static final byte[] REVIEWED_AT = CanonicalJson.name("reviewedAt");
    private static final byte[] REVIEWER = CanonicalJson.name("reviewer");
    private static final byte[] ROUND = CanonicalJson.name("round");
    private static final byte[] SEQ = CanonicalJson.name("seq");
    private static final byte[] SUBMISSION_ID = CanonicalJson.name("submissionId");
    private static final byte[] VERDICT = CanonicalJson.name("verdict");

    private final Redactor redactor;

    RecordContent(List<Redaction> redactions) {
        this.redactor = new Redactor(redactions);
    }

    /** A decision record: {@code decision}, {@code submission}, and {@code shadow} and {@code redactions} when there are any. */
    Pending.Entry decision(Decision decision, Submission submission, ShadowVerdict shadow) {
        TreeMap<String, byte[]> members = new TreeMap<>();
        if (shadow != null) {
            members.put("shadow", CanonicalModel.shadow(shadow));
        }
        Map<String, String> asides = Map.of();
        if (redactor.isEmpty()) { // the common case, written straight from the model
            members.put("decision", CanonicalModel.decision(decision));
            members.put("submission", CanonicalModel.submission(submission));
        } else {
            ObjectNode d = ModelJson.decision(decision);
            ObjectNode s = ModelJson.submission(submission);
            Redactor.Outcome red = redactor.apply(d, s);
            members.put("decision", CanonicalJson.of(d));
            members.put("submission", CanonicalJson.of(s));
            if (!red.applied().isEmpty()) {
                members.put("redactions", redactions(red.applied()));
            }
            asides = red.asides();
        }
        return new Pending.Entry(AuditRecordFormat.DECISION, members, asides, decision.decisionId(),
                decision.submissionId(), decision.verdict());
    }

    // each: action pointer
    private static byte[] redactions(List<Redactor.Applied> applied) {
        CanonicalJson j = new CanonicalJson().startArray();
        for (Redactor.Applied a : applied) {
            j.startObject().field(ACTION).string(a.action().name().toLowerCase(Locale.ROOT))
                    .field(POINTER).string(a.pointer()).endObject();
        }
        return j.endArray().toByteArray();
    }

    /**
     * A review record of the decision recorded as {@code decisionSeq} with hash {@code decisionHash}.
     * Keys, in canonical order: artistMessage? caseId? conditions? decision{hash log? seq} decisionId note
     * policy? previousVerdict queue? reviewedAt reviewer round submissionId verdict; the optional
     * ones ({@link ReviewDetails}) only when present, so a review without details is written as before.
     * {@code decisionLog} (the decision's log when it is another log: a shared review desk) is written
     * as {@code decision.log} only when not null, so a review of a decision in its own log is unchanged.
     */
    static Pending.Entry review(String decisionId, long decisionSeq, String decisionHash, String decisionLog,
                                String submissionId, String reviewer, Verdict verdict, Verdict previous, String note,
                                Instant at, int round, ReviewDetails details) {
        CanonicalJson j = new CanonicalJson().startObject();
        if (details.artistMessage() != null) {
            j.field(ARTIST_MESSAGE).string(details.artistMessage());
        }
        if (details.caseId() != null) {
            j.field(CASE_ID).string(details.caseId());
        }
        if (!details.conditions().isEmpty()) {
            j.field(CONDITIONS).startArray();
            for (String c : details.conditions()) {
                j.string(c);
            }
            j.endArray();
        }
        j.field(DECISION).startObject().field(HASH).string(decisionHash);
        if (decisionLog != null) {
            j.field(LOG).string(decisionLog);
        }
        j.field(SEQ).number(decisionSeq).endObject();
        j.field(DECISION_ID).string(decisionId);
        j.field(NOTE).string(note);
        if (details.policy() != null) {
            j.field(POLICY).string(details.policy());
        }
        j.field(PREVIOUS_VERDICT).string(previous.name());
        if (details.queue() != null) {
            j.field(QUEUE).string(details.queue());
        }
        j.field(REVIEWED_AT).string(at.toString());
        j.field(REVIEWER).string(reviewer);
        j.field(ROUND).number(round);
        j.field(SUBMISSION_ID).string(submissionId);
        j.field(VERDICT).string(verdict.name());
        TreeMap<String, byte[]> members = new TreeMap<>();
        members.put(AuditRecordFormat.REVIEW, j.endObject().toByteArray());
        return new Pending.Entry(AuditRecordFormat.REVIEW, members, Map.of(), decisionId, submissionId, verdict);
    }

    /**
     * A fulfilment record of conditions of the decision recorded as {@code decisionSeq} with hash
     * {@code decisionHash}. Keys: conditions[{evidence id}] decision{hash seq} decisionId fulfilledAt submissionId.
     */
    static Pending.Entry fulfilment(String decisionId, long decisionSeq, String decisionHash, String submissionId,
                                    List<Fulfilment> met, Instant at) {
        CanonicalJson j = new CanonicalJson().startObject();
        j.field(CONDITIONS).startArray();
        for (Fulfilment f : met) {
            j.startObject().field(EVIDENCE).string(f.evidence()).field(ID).string(f.id()).endObject();
        }
        j.endArray();
        j.field(DECISION).startObject().field(HASH).string(decisionHash).field(SEQ).number(decisionSeq).endObject();
        j.field(DECISION_ID).string(decisionId);
        j.field(FULFILLED_AT).string(at.toString());
        j.field(SUBMISSION_ID).string(submissionId);
        TreeMap<String, byte[]> members = new TreeMap<>();
        members.put(AuditRecordFormat.FULFILMENT, j.endObject().toByteArray());
        return new Pending.Entry(AuditRecordFormat.FULFILMENT, members, Map.of(), decisionId, submissionId, null);
    }

    /**
     * An appeal record against the decision recorded as {@code decisionSeq} with hash {@code decisionHash}.
     * Keys: appealedAt caseId? decision{hash seq} decisionId submissionId text.
     */
    static Pending.Entry appeal(String decisionId, long decisionSeq, String decisionHash, String submissionId,
                                String caseId, String text, Instant at) {
        CanonicalJson j = new CanonicalJson().startObject();
        j.field(APPEALED_AT).string(at.toString());
        if (caseId != null) {
            j.field(CASE_ID).string(caseId);
        }
        j.field(DECISION).startObject().field(HASH).string(decisionHash).field(SEQ).number(decisionSeq).endObject();
        j.field(DECISION_ID).string(decisionId);
        j.field(SUBMISSION_ID).string(submissionId);
        j.field(TEXT).string(text);
        TreeMap<String, byte[]> members = new TreeMap<>();
        members.put(AuditRecordFormat.APPEAL, j.endObject().toByteArray());
        // not a verdict: the decision index keeps the decision's verdict (see AuditLog.appeal)
        return new Pending.Entry(AuditRecordFormat.APPEAL, members, Map.of(), null, null, null);
    }

    /** A checkpoint record: the signed statement, with its signature, as its only member. */
    static Pending.Entry checkpoint(Checkpoint cp) {
        TreeMap<String, byte[]> members = new TreeMap<>();
        members.put(AuditRecordFormat.CHECKPOINT, cp.canonical(true));
        return new Pending.Entry(AuditRecordFormat.CHECKPOINT, members, Map.of(), null, null, null);
    }
}
