package dev.greenlight.host;

import dev.greenlight.model.Decision;
import dev.greenlight.model.Submission;

/** Hears about each decision after it is recorded (decision sinks). Never throws, never blocks long. */
public interface DecisionListener {
    DecisionListener NONE = (decision, submission) -> { };

    void recorded(Decision decision, Submission submission);
}
