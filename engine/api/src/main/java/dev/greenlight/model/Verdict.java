package dev.greenlight.model;

/**
 * The outcome of a decision. Ordered by strength: when several rules vote, the strongest wins
 * ({@code REJECT} over {@code ESCALATE} over {@code APPROVE}).
 */
public enum Verdict {
    /** The work may be published. */
    APPROVE(0),
    /** A human reviewer must decide; also the fail-closed outcome of any error. */
    ESCALATE(1),
    /** The work may not be published. */
    REJECT(2);

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
        throw new IllegalArgumentException("verdict must be one of APPROVE, ESCALATE, REJECT, was: " + name);
    }
}
