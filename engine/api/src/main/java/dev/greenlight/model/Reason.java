package dev.greenlight.model;

import java.util.Objects;

/**
 * One vote that contributed to a decision: the rule that voted, its verdict, the message written for
 * the submitter, and the policy id from the rule's {@code @policy} metadata ({@code null} when the
 * rule has none). Reasons produced by the engine itself (an error, a limit, the default verdict) use
 * rule names starting with {@code greenlight.}.
 */
public record Reason(String rule, Verdict verdict, String message, String policy) {
    public Reason {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(message, "message");
    }
}
