package dev.greenlight.model;

import java.util.List;
import java.util.Objects;

/**
 * What a shadow rule set decided beside a live decision, with the same submission and the same
 * signals. Recorded beside the live verdict (in the audit record's {@code shadow} member), never
 * enforced. Immutable and thread-safe; {@code ruleset} and {@code reasons} are never {@code null}
 * (the constructor throws {@link NullPointerException} for either).
 *
 * @param ruleset       the shadow rules
 * @param verdict       the shadow's verdict; {@code null} when evaluating the shadow failed
 * @param reasons       the shadow's reasons, as a decision lists them
 * @param elapsedMicros how long the shadow evaluation took
 * @param error         why the shadow could not decide, or {@code null}
 */
public record ShadowVerdict(RulesetRef ruleset, Verdict verdict, List<Reason> reasons, long elapsedMicros, String error) {
    public ShadowVerdict {
        Objects.requireNonNull(ruleset, "ruleset");
        reasons = List.copyOf(reasons);
    }

    /**
     * True when the shadow reached the live decision's verdict and, for a conditional approval, asked
     * for the same conditions (a change of conditions is a change).
     */
    public boolean agrees(Decision live) {
        return verdict == live.verdict() && conditionIds().equals(live.conditionIds());
    }

    /** The ids of the conditions the shadow would have set, in order; empty unless its verdict is conditional. */
    public List<String> conditionIds() {
        return verdict == Verdict.APPROVE_WITH_CONDITIONS
                ? Decision.conditionsOf(reasons).stream().map(Condition::id).toList() : List.of();
    }
}
