package dev.greenlight.server.testplugins;

import dev.greenlight.model.Decision;
import dev.greenlight.model.Submission;
import dev.greenlight.spi.DecisionSink;

/** A decision sink that is down: every delivery fails, so it lags further behind the audit log. */
public class FailingSink implements DecisionSink {
    @Override
    public void accept(Decision decision, Submission submission) {
        throw new IllegalStateException("the sink's destination is down");
    }
}
