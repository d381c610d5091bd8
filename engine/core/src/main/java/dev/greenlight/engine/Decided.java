package dev.greenlight.engine;

import dev.greenlight.model.Decision;
import dev.greenlight.model.ShadowVerdict;
import dev.greenlight.model.Submission;

/**
 * A decision as the pipeline made it, before anything was recorded: the decision, the submission
 * it decided, what the shadow rules made of it (null without a shadow), and the ticker reading when
 * deciding began (for the time metrics, which count recording too).
 */
record Decided(Decision decision, Submission submission, ShadowVerdict shadow, long startNanos) {
}
