package dev.greenlight.audit;

import dev.greenlight.model.Condition;
import dev.greenlight.model.Verdict;
import java.time.Instant;
import java.util.Objects;

/**
 * Where one condition of a logged conditional approval stands, read from the log: the decision, the
 * condition, the decision's final verdict (a later review may have replaced the conditional
 * approval), and its fulfilment, if one was recorded. Immutable.
 *
 * @param decisionId    the decision
 * @param submissionId  its submission
 * @param decidedAt     when it was decided
 * @param condition     the condition, with its deadline
 * @param finalVerdict  the decision's verdict after any reviews
 * @param fulfilmentSeq the sequence number of the fulfilment record, or 0 while unfulfilled
 * @param fulfilledAt   when it was fulfilled, or {@code null}
 */
public record ConditionState(String decisionId, String submissionId, Instant decidedAt, Condition condition,
                             Verdict finalVerdict, long fulfilmentSeq, Instant fulfilledAt) {
    public ConditionState {
        Objects.requireNonNull(decisionId, "decisionId");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(finalVerdict, "finalVerdict");
    }

    /** Still to be met: unfulfilled, and the decision is still a conditional approval. */
    public boolean open() {
        return fulfilledAt == null && finalVerdict == Verdict.APPROVE_WITH_CONDITIONS;
    }

    /** Open past its deadline at {@code now}; never for a condition without one. */
    public boolean overdue(Instant now) {
        return open() && condition.dueAt() != null && condition.dueAt().isBefore(now);
    }
}
