package dev.greenlight.desk;

import dev.greenlight.model.Decision;
import dev.greenlight.model.Submission;
import dev.greenlight.model.Verdict;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A decision with what humans did about it: its case (open, or the last one), its chained history
 * oldest first, and the final verdict (the engine's until a review decided otherwise; ESCALATE while
 * a case is open).
 *
 * @param decision       the decision as recorded
 * @param submission     the submission as recorded (values the log redacts may be redacted), or null when it cannot
 *                       be read back
 * @param openOrLastCase the decision's open case, else its last closed one, else empty (never escalated nor appealed)
 * @param history        the decision's records, oldest first (the decision record first)
 * @param finalVerdict   the verdict that stands now
 */
public record DecisionView(Decision decision, Submission submission, Optional<Case> openOrLastCase,
                           List<HistoryEntry> history, Verdict finalVerdict) {
    public DecisionView {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(openOrLastCase, "openOrLastCase");
        history = List.copyOf(history);
        Objects.requireNonNull(finalVerdict, "finalVerdict");
    }

    /** True when a human decided it (a review record exists). */
    public boolean reviewed() {
        return history.stream().anyMatch(h -> "review".equals(h.type()));
    }
}
