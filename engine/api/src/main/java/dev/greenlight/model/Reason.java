package dev.greenlight.model;

import java.util.Objects;

/**
 * One vote that contributed to a decision: the rule that voted, its verdict, the message written for
 * the submitter, and the policy id from the rule's {@code @policy} metadata ({@code null} when the
 * rule has none). Reasons produced by the engine itself (an error, a limit, the default verdict) use
 * rule names starting with {@code greenlight.}. A vote {@code APPROVE_WITH_CONDITIONS} names its
 * {@code condition} (an id from the pack's condition vocabulary); every other vote has none.
 */
public record Reason(String rule, Verdict verdict, String message, String policy, String condition) {
    public Reason {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(message, "message");
        if ((verdict == Verdict.APPROVE_WITH_CONDITIONS) != (condition != null)) {
            throw new IllegalArgumentException("a reason names a condition exactly when its verdict is "
                    + "APPROVE_WITH_CONDITIONS; rule " + rule + " voted " + verdict + " with condition " + condition);
        }
    }

    /** A vote without a condition (any verdict but {@code APPROVE_WITH_CONDITIONS}). */
    public Reason(String rule, Verdict verdict, String message, String policy) {
        this(rule, verdict, message, policy, null);
    }
}
