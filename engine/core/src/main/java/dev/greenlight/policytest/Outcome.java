package dev.greenlight.policytest;

import dev.greenlight.model.Decision;
import java.util.List;
import java.util.Objects;

/**
 * What deciding one case gave: the decision, and every rule that fired, voting or not (decision-table
 * rows only classify, so coverage needs the firings and not just the votes). Immutable.
 *
 * @param decision   the decision; never null
 * @param firedRules the names of the rules that fired, in any order; never null
 */
public record Outcome(Decision decision, List<String> firedRules) {
    public Outcome {
        Objects.requireNonNull(decision, "decision");
        firedRules = List.copyOf(firedRules);
    }
}
