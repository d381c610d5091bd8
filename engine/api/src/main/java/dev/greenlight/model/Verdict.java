package dev.greenlight.model;

/**
 * The outcome of a decision. Ordered by strength: when several rules vote, the strongest wins
 * ({@code REJECT} over {@code ESCALATE} over {@code APPROVE_WITH_CONDITIONS} over {@code APPROVE};
 * docs/contract.md §8). A conditional approval is its own verdict, not a kind of {@code APPROVE}, so a
 * consumer that only knows {@code APPROVE} never takes it for a plain one.
 */
public enum Verdict {
    /** The work may be published. */
    APPROVE(0),
    /**
     * The work may be published only as the decision's {@link Decision#conditions() conditions} say
     * (with a label, crediting the model, not for sale, …).
     */
    APPROVE_WITH_CONDITIONS(1),
    /** A human reviewer must decide; also the fail-closed outcome of any error. */
    ESCALATE(2),
    /** The work may not be published. */
    REJECT(3);

    private final int strength;

    Verdict(int strength) {
        this.strength = strength;
    }

    /** The stronger of this verdict and {@code other}; {@code null} counts as no vote. */
    public Verdict strongest(Verdict other) {
        if (other == null) {
            return this;
        }
        return other.strength > strength ? other : this;
    }

    /**
     * Parses a verdict name case-insensitively.
     *
     * @throws IllegalArgumentException naming the accepted values when {@code name} is not one
     */
    public static Verdict parse(String name) {
        if (name != null) {
            for (Verdict v : values()) {
                if (v.name().equalsIgnoreCase(name.trim())) {
                    return v;
                }
            }
        }
        throw new IllegalArgumentException("verdict must be one of APPROVE, APPROVE_WITH_CONDITIONS, ESCALATE, REJECT, was: " + name);
    }
}
