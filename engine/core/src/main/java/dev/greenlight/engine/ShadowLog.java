package dev.greenlight.engine;

import dev.greenlight.model.Decision;
import dev.greenlight.model.Reason;
import dev.greenlight.model.ShadowVerdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells operators on the {@value #LOGGER} logger when a shadow verdict differs from the live one (INFO)
 * or the shadow failed (WARN). The shadow's audit record member is written by the audit log itself,
 * from the {@link ShadowVerdict}. Thread-safe (stateless).
 */
final class ShadowLog {
    /** Logger on which every difference between the shadow and the live verdict is logged (INFO). */
    static final String LOGGER = "greenlight.shadow";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    private ShadowLog() {
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
