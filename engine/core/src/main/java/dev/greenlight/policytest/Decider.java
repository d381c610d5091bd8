package dev.greenlight.policytest;

import dev.greenlight.model.Signal;
import dev.greenlight.model.Submission;
import java.util.List;

/**
 * Decides one case's submission with the case's injected signals (no plugin runs). The runner knows
 * nothing of the engine behind it: callers pass the engine's own method, e.g.
 * {@code dev.greenlight.engine.PolicyCases.decider(engine)}, which keeps this package free of the engine
 * (the engine runs policy cases before it swaps rules in, so the dependency may only point that way).
 * Implementations must return a non-null outcome and may throw only for a broken engine.
 */
@FunctionalInterface
public interface Decider {
    Outcome decide(Submission submission, List<Signal> signals);
}
