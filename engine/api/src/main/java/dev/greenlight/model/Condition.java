package dev.greenlight.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One condition a conditionally approved work must meet to be published (docs/contract.md §8): the
 * condition's id from the pack's vocabulary, the message the artist reads, the policy id and the rule
 * that asked for it, and when it falls due ({@code null} when the vocabulary gives no deadline).
 * Immutable.
 */
public record Condition(String id, String message, String policy, String rule, Instant dueAt) {
    public Condition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(rule, "rule");
    }

    /** The condition a reason asks for, without a deadline. */
    public static Condition of(Reason r) {
        if (r.condition() == null) {
            throw new IllegalArgumentException("rule " + r.rule() + " voted " + r.verdict() + ", not a condition");
        }
        return new Condition(r.condition(), r.message(), r.policy(), r.rule(), null);
    }
}
