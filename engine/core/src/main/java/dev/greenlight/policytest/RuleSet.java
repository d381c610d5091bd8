package dev.greenlight.policytest;

import java.util.List;
import java.util.Set;

/**
 * What the runner needs to know of the rule set under test: the names of its rules (for coverage,
 * and to refuse a case that names a rule that does not exist) and the signal names a case may inject
 * (to refuse a misspelled signal; empty means the pack declares none, and names go unchecked), and
 * the rules no case can make fire (generated guards for values the submission reader already
 * refuses), which coverage does not count. Immutable.
 */
public record RuleSet(List<String> ruleNames, Set<String> signalNames, Set<String> unreachable) {
    public RuleSet {
        ruleNames = List.copyOf(ruleNames);
        signalNames = Set.copyOf(signalNames);
        unreachable = Set.copyOf(unreachable);
    }

    /** A rule set every rule of which a case can reach. */
    public RuleSet(List<String> ruleNames, Set<String> signalNames) {
        this(ruleNames, signalNames, Set.of());
    }

    /** The rules coverage counts. */
    public List<String> coverable() {
        return ruleNames.stream().filter(r -> !unreachable.contains(r)).toList();
    }
}
