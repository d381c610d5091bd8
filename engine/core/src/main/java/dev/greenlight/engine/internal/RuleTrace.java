package dev.greenlight.engine.internal;

import dev.greenlight.model.Reason;
import java.util.ArrayList;
import java.util.List;

/**
 * Records every rule that fired in one evaluation, with the facts it matched, the values of its
 * bound variables and the votes it cast. Only made when an explanation is asked for, so plain
 * decisions pay nothing. Used by one thread.
 */
public final class RuleTrace {
    /** One firing: the rule, its policy id, the facts matched, the bindings ({@code $max = 20.0}), its votes. */
    public record Firing(String rule, String policy, List<String> facts, List<String> bindings, List<Reason> votes) {
    }

    private final List<Firing> firings = new ArrayList<>();

    void fired(String rule, String policy, List<String> facts, List<String> bindings) {
        firings.add(new Firing(rule, policy, List.copyOf(facts), List.copyOf(bindings), new ArrayList<>()));
    }

    /** A vote cast by the rule firing now. */
    void voted(Reason reason) {
        if (!firings.isEmpty()) {
            firings.get(firings.size() - 1).votes().add(reason);
        }
    }

    public List<Firing> firings() {
        return firings;
    }
}
