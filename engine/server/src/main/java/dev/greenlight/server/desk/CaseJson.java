package dev.greenlight.server.desk;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.desk.Case;
import dev.greenlight.desk.DecisionView;
import dev.greenlight.desk.HistoryEntry;
import dev.greenlight.desk.QueueStats;
import dev.greenlight.json.ModelJson;
import java.time.Instant;
import java.util.List;

/**
 * The desk's JSON shapes, exactly as docs/contract.md §7 names them: a case's members in the
 * contract's order ({@code claimedBy} and {@code leaseUntil} only while claimed, {@code finalVerdict}
 * only once closed), a history entry's members only when they say something.
 */
final class CaseJson {
    private CaseJson() {
    }

    /** A case without its history (as in lists). */
    static ObjectNode of(Case c) {
        ObjectNode o = Problems.F.objectNode();
        o.put("caseId", c.caseId());
        o.put("decisionId", c.decisionId());
        o.put("submissionId", c.submissionId());
        o.put("queue", c.queue().id());
        o.put("state", c.state().id());
        o.put("priority", c.priority());
        o.put("openedAt", time(c.openedAt()));
        o.put("dueAt", time(c.dueAt()));
        o.put("version", c.version());
        if (c.claimedBy() != null) {
            o.put("claimedBy", c.claimedBy());
        }
        if (c.leaseUntil() != null) {
            o.put("leaseUntil", time(c.leaseUntil()));
        }
        if (c.finalVerdict() != null) {
            o.put("finalVerdict", c.finalVerdict().name());
        }
        return o;
    }

    /** A case with {@code history}, the chained records of its decision, oldest first. */
    static ObjectNode of(Case c, List<HistoryEntry> history) {
        ObjectNode o = of(c);
        o.set("history", history(history));
        return o;
    }

    static ArrayNode history(List<HistoryEntry> history) {
        ArrayNode a = Problems.F.arrayNode();
        for (HistoryEntry h : history) {
            ObjectNode e = a.addObject();
            e.put("seq", h.seq());
            e.put("type", h.type());
            e.put("at", time(h.at()));
            if (h.verdict() != null) {
                e.put("verdict", h.verdict().name());
            }
            if (h.queue() != null) {
                e.put("queue", h.queue().id());
            }
            putText(e, "actor", h.actor());
            putText(e, "policy", h.policy());
            putText(e, "artistMessage", h.artistMessage());
            putText(e, "note", h.note());
            if (h.conditions() != null && !h.conditions().isEmpty()) {
                h.conditions().forEach(e.putArray("conditions")::add);
            }
        }
        return a;
    }

    /** {@code GET /v1/decisions/{id}}: the decision and submission as recorded, its case, history and final verdict. */
    static ObjectNode of(DecisionView v) {
        ObjectNode o = Problems.F.objectNode();
        o.set("decision", ModelJson.decision(v.decision()));
        if (v.submission() != null) {
            o.set("submission", ModelJson.submission(v.submission()));
        } else {
            o.putNull("submission");
        }
        v.openOrLastCase().ifPresentOrElse(c -> o.set("case", of(c)), () -> o.putNull("case"));
        o.set("history", history(v.history()));
        o.put("finalVerdict", v.finalVerdict() == null ? null : v.finalVerdict().name());
        return o;
    }

    /** One queue's counts; the oldest age in whole seconds. */
    static ObjectNode of(QueueStats s) {
        ObjectNode o = Problems.F.objectNode();
        o.put("queue", s.queue().id());
        o.put("open", s.open());
        o.put("claimed", s.claimed());
        o.put("oldestAgeSeconds", s.oldestAge() == null ? 0 : s.oldestAge().toSeconds());
        o.put("pastDue", s.pastDue());
        return o;
    }

    private static void putText(ObjectNode o, String name, String value) {
        if (value != null && !value.isEmpty()) {
            o.put(name, value);
        }
    }

    private static String time(Instant t) {
        return t == null ? null : t.toString();
    }
}
