package dev.greenlight.engine;

import dev.greenlight.host.DecisionListener;
import dev.greenlight.json.ModelJson;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Reason;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells everyone who hears about decisions, once a decision is final (recorded, when the engine
 * records): the decision sinks, the {@code greenlight.decisions} logger, the shadow logger when a
 * shadow disagrees, and the listeners (metrics). Never throws for a listener's sake: sinks and
 * listeners are written not to.
 */
final class Publisher {
    private static final Logger DECISIONS = LoggerFactory.getLogger(Greenlight.DECISIONS_LOGGER);

    private final DecisionListener sinks;
    private final GreenlightListener listeners;
    private final LongSupplier ticker;

    Publisher(DecisionListener sinks, GreenlightListener listeners, LongSupplier ticker) {
        this.sinks = sinks;
        this.listeners = listeners;
        this.ticker = ticker;
    }

    GreenlightListener listeners() {
        return listeners;
    }

    void publish(Decided d) {
        sinks.recorded(d.decision(), d.submission());
        log(d.decision());
        if (d.shadow() != null) {
            ShadowLog.log(d.decision(), d.shadow());
            listeners.shadowDecided(d.decision(), d.shadow());
        }
        listeners.decided(d.decision(), ticker.getAsLong() - d.startNanos());
    }

    private static void log(Decision d) {
        if (DECISIONS.isInfoEnabled()) {
            DECISIONS.info("decision {} submission {} verdict {} rules {}", d.decisionId(), d.submissionId(),
                    d.verdict(), d.reasons().stream().map(Reason::rule).collect(Collectors.joining(",")));
        }
        if (DECISIONS.isDebugEnabled()) {
            DECISIONS.debug("{}", ModelJson.toJson(d));
        }
    }
}
