package dev.greenlight.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.greenlight.model.Condition;
import dev.greenlight.model.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The conditions of the conditional approvals in a log and what became of them, read from the log
 * alone (the log is the system of record; the pack may have changed since): each decision that
 * carries conditions, its final verdict after reviews, and the fulfilment records that met them.
 * Reads while the writer appends (an incomplete last line is where reading stops). Holds only
 * decisions with conditions. Not thread-safe; each read makes a new one.
 */
public final class ConditionLedger {
    /** One logged decision, as a fulfilment needs it. */
    static final class Tracked {
        final long seq;
        final String hash;
        final String decisionId;
        final String submissionId;
        final Instant decidedAt;
        /** The rules' conditions, or those of the last review that named some (a reviewer's conditional approval). */
        List<Condition> conditions;
        Verdict verdict;
        /** Fulfilment record seq and time by condition id. */
        final Map<String, long[]> fulfilled = new LinkedHashMap<>();
        final Map<String, Instant> fulfilledAt = new LinkedHashMap<>();

        Tracked(long seq, String hash, String decisionId, String submissionId, Instant decidedAt,
                List<Condition> conditions, Verdict verdict) {
            this.seq = seq;
            this.hash = hash;
            this.decisionId = decisionId;
            this.submissionId = submissionId;
            this.decidedAt = decidedAt;
            this.conditions = conditions;
            this.verdict = verdict;
        }

        List<String> conditionIds() {
            return conditions.stream().map(Condition::id).toList();
        }
    }

    private final Map<String, Tracked> decisions = new LinkedHashMap<>();

    private ConditionLedger() {
    }

    /** Every conditional approval in the log at {@code file} and the state of each of its conditions. */
    public static ConditionLedger read(Path file) throws IOException {
        return scan(file, null);
    }

    /** The one decision {@code decisionId} (with or without conditions); unchecked I/O errors for the fulfilment path. */
    static Tracked find(Path file, String decisionId) {
        try {
            // through the log's index: a fulfilment costs a lookup, not a read of the whole log
            ConditionLedger ledger = new ConditionLedger();
            for (AuditRecord rec : AuditReader.find(file, decisionId)) {
                ledger.take(rec, decisionId);
            }
            return ledger.decisions.get(decisionId);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read audit log " + file + ": " + e.getMessage(), e);
        }
    }

    private static ConditionLedger scan(Path file, String only) throws IOException {
        ConditionLedger ledger = new ConditionLedger();
        LogScan.scan(file, rec -> {
            ledger.take(rec, only);
            return null;
        });
        return ledger;
    }

    /** Takes one record into the ledger ({@code only}: the one decision wanted, or null for all). */
    private void take(AuditRecord rec, String only) {
        String id = rec.decisionId();
        if (id == null || (only != null && !only.equals(id))) {
            return;
        }
        if (rec.isDecision()) {
            JsonNode d = rec.tree().path("decision");
            JsonNode c = d.path("conditions");
            if (only != null || (c.isArray() && !c.isEmpty())) {
                decisions.put(id, new Tracked(rec.seq(), rec.hash(), id, RecordedModel.submissionId(d),
                        RecordedModel.decidedAt(d), RecordedModel.conditions(c), RecordedModel.verdict(d)));
            }
            return;
        }
        Tracked t = decisions.get(id);
        if (rec.isReview()) {
            JsonNode r = rec.tree().path("review");
            ReviewDetails details = RecordedModel.reviewDetails(r);
            Verdict v = RecordedModel.verdict(r);
            if (v == Verdict.APPROVE_WITH_CONDITIONS && !details.conditions().isEmpty()) {
                // a reviewer's conditional approval: its conditions replace any the rules set, and count
                // from the review (the record holds their ids; text and deadline are the pack's)
                List<Condition> set = details.conditions().stream()
                        .map(c -> new Condition(c, "", details.policy(), "review", null)).toList();
                if (t == null) {
                    t = new Tracked(r.path("decision").path("seq").asLong(), r.path("decision").path("hash").asText(),
                            id, r.path("submissionId").asText(), Instant.parse(r.path("reviewedAt").asText()), set, v);
                    decisions.put(id, t);
                } else {
                    t.conditions = set;
                }
            }
            if (t != null) {
                t.verdict = v;
            }
            return;
        }
        if (t == null) {
            return;
        }
        if (rec.isFulfilment()) {
            Tracked m = t;
            FulfilmentRecord f = rec.fulfilment();
            f.conditions().forEach(x -> {
                m.fulfilled.putIfAbsent(x.id(), new long[] {f.seq()});
                m.fulfilledAt.putIfAbsent(x.id(), f.fulfilledAt());
            });
        }
    }

    /** Every condition of every conditional approval in the log, in log order. */
    public List<ConditionState> states() {
        List<ConditionState> out = new ArrayList<>();
        for (Tracked t : decisions.values()) {
            for (Condition c : t.conditions) {
                long[] seq = t.fulfilled.get(c.id());
                out.add(new ConditionState(t.decisionId, t.submissionId, t.decidedAt, c, t.verdict,
                        seq == null ? 0 : seq[0], t.fulfilledAt.get(c.id())));
            }
        }
        return out;
    }
}
