package dev.greenlight.engine;

import dev.greenlight.engine.internal.RuleTrace;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Reason;
import java.util.ArrayList;
import java.util.List;

/**
 * Why a decision came out as it did: the decision itself, and every rule that fired, in firing
 * order, with the facts it matched, its bound values, and the votes it cast (none for a rule that
 * only classifies). Immutable.
 */
public record Explanation(Decision decision, List<Firing> firings) {
    /** One rule firing. {@code votes} are the reasons this firing added to the decision. */
    public record Firing(String rule, String policy, List<String> facts, List<String> bindings, List<Reason> votes) {
        public Firing {
            facts = List.copyOf(facts);
            bindings = List.copyOf(bindings);
            votes = List.copyOf(votes);
        }
    }

    public Explanation {
        firings = List.copyOf(firings);
    }

    /** The names of every rule that fired, voting or not. */
    public List<String> firedRules() {
        return firings.stream().map(Firing::rule).distinct().toList();
    }

    static Explanation of(Decision d, RuleTrace trace) {
        List<Firing> out = new ArrayList<>();
        for (RuleTrace.Firing f : trace.firings()) {
            out.add(new Firing(f.rule(), f.policy(), f.facts(), f.bindings(), f.votes()));
        }
        return new Explanation(d, out);
    }
}
