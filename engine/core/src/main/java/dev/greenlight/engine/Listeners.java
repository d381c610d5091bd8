package dev.greenlight.engine;

import dev.greenlight.audit.FulfilmentRecord;
import dev.greenlight.model.Decision;
import dev.greenlight.model.ShadowVerdict;
import dev.greenlight.model.Submission;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tells every registered listener, one after the other; what a listener throws is logged, not passed on. */
final class Listeners implements GreenlightListener {
    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    private final List<GreenlightListener> all;

    private Listeners(List<GreenlightListener> all) {
        this.all = List.copyOf(all);
    }

    static GreenlightListener of(List<GreenlightListener> listeners) {
        return listeners.isEmpty() ? GreenlightListener.NONE : new Listeners(listeners);
    }

    private interface Call {
        void on(GreenlightListener l);
    }

    private void each(String what, Call call) {
        for (GreenlightListener l : all) {
            try {
                call.on(l);
            } catch (RuntimeException e) {
                LOG.warn("listener {} failed in {}", l.getClass().getName(), what, e);
            }
        }
    }

    @Override
    public void engineStarted(Greenlight engine) {
        each("engineStarted", l -> l.engineStarted(engine));
    }

    @Override
    public void decided(Decision decision, long nanos) {
        each("decided", l -> l.decided(decision, nanos));
    }

    @Override
    public void decisionFailed(Submission submission, RuntimeException error) {
        each("decisionFailed", l -> l.decisionFailed(submission, error));
    }

    @Override
    public void shadowDecided(Decision live, ShadowVerdict shadow) {
        each("shadowDecided", l -> l.shadowDecided(live, shadow));
    }

    @Override
    public void auditAppended(long nanos) {
        each("auditAppended", l -> l.auditAppended(nanos));
    }

    @Override
    public void rulesReloaded(ReloadResult result, boolean shadow) {
        each("rulesReloaded", l -> l.rulesReloaded(result, shadow));
    }

    @Override
    public void conditionsFulfilled(FulfilmentRecord fulfilment) {
        each("conditionsFulfilled", l -> l.conditionsFulfilled(fulfilment));
    }

    @Override
    public void pluginsReloaded(PluginReloadResult result) {
        each("pluginsReloaded", l -> l.pluginsReloaded(result));
    }
}
