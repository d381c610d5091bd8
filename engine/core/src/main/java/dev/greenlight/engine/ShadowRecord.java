package dev.greenlight.engine;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.json.ModelJson;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a shadow verdict is recorded: the audit record's {@code shadow} member, beside the decision
 * ({@code {"ruleset":{"id","version"},"verdict","reasons":[…],"elapsedMicros"}}, or {@code "error"}
 * instead of a verdict when the shadow failed), and one line on the {@value #LOGGER} logger when the
 * shadow's verdict differs from the live one.
 */
final class ShadowRecord {
    /** Logger on which every difference between the shadow and the live verdict is logged (INFO). */
    static final String LOGGER = "greenlight.shadow";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    private ShadowRecord() {
    }

    static ObjectNode json(ShadowVerdict s) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.putObject("ruleset").put("id", s.ruleset().id()).put("version", s.ruleset().version());
        if (s.verdict() != null) {
            o.put("verdict", s.verdict().name());
        }
        ArrayNode reasons = o.putArray("reasons");
        for (Reason r : s.reasons()) {
            reasons.add(ModelJson.reason(r));
        }
        o.put("elapsedMicros", s.elapsedMicros());
        if (s.error() != null) {
            o.put("error", s.error());
        }
        return o;
    }

    static void log(Decision live, ShadowVerdict s) {
        if (s.error() != null) {
            LOG.warn("shadow {} failed on decision {} (submission {}): {}", s.ruleset().version(), live.decisionId(),
                    live.submissionId(), s.error());
        } else if (!s.agrees(live) && LOG.isInfoEnabled()) {
            LOG.info("shadow differs: decision {} submission {} live {} shadow {} (shadow rules {})", live.decisionId(),
                    live.submissionId(), live.verdict(), s.verdict(),
                    s.reasons().stream().filter(r -> r.verdict() == s.verdict()).map(Reason::rule).toList());
        }
    }
}
