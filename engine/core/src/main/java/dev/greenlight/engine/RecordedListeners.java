package dev.greenlight.engine;

import dev.greenlight.model.Decision;
import dev.greenlight.model.Submission;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's {@link RecordedDecisionListener}s: added and removed while decisions run (the review
 * desk subscribes after the engine is built), told in turn; what one throws is logged, not passed on.
 * Thread-safe.
 */
final class RecordedListeners {
    private static final Logger LOG = LoggerFactory.getLogger(RecordedListeners.class);

    private final List<RecordedDecisionListener> all = new CopyOnWriteArrayList<>();

    void add(RecordedDecisionListener l) {
        all.add(l);
    }

    void remove(RecordedDecisionListener l) {
        all.remove(l);
    }

    void recorded(long seq, Decision decision, Submission submission) {
        for (RecordedDecisionListener l : all) {
            try {
                l.recorded(seq, decision, submission);
            } catch (RuntimeException e) {
                LOG.warn("recorded-decision listener {} failed for decision {}", l.getClass().getName(),
                        decision.decisionId(), e);
            }
        }
    }
}
