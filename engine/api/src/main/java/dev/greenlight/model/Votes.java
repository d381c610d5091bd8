package dev.greenlight.model;

/**
 * The {@code verdict} global through which rules vote. Each call records a {@link Reason} naming
 * the rule that is firing; the engine combines all votes into the decision's verdict.
 *
 * <p>One instance serves one evaluation on one thread; rules must not keep it. Messages are shown to
 * the submitter: plain words, no internal jargon. A {@code null} or blank message is replaced by a
 * generic one, and the policy check flags the rule.
 */
public interface Votes {
    /** Votes that the work may not be published. */
    void reject(String message);

    /** Votes that a human reviewer must decide. */
    void escalate(String message);

    /** Votes that the work may be published (weaker than any other vote). */
    void approve(String message);

    /**
     * Votes that the work may be published on a condition: {@code condition} is an id from the pack's
     * condition vocabulary ({@code conditions.yaml}), {@code message} tells the artist what to do.
     * Stronger than {@link #approve}, weaker than {@link #escalate}. A condition the vocabulary does
     * not define counts as an escalation naming it, never as an approval (docs/contract.md §8).
     */
    void approveWith(String condition, String message);
}
