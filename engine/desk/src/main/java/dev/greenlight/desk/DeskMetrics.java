package dev.greenlight.desk;

import java.time.Duration;
import java.util.Map;

/**
 * How the desk has been doing, counted over the whole audit log (rebuilt on open) and kept up since.
 *
 * @param decided            reviews that closed a case
 * @param timeToDecisionP50  median time from a case opening to its closing; zero before any
 * @param timeToDecisionP90  90th percentile of the same
 * @param decisionsByReviewer reviews recorded per account (every verdict, escalations included)
 * @param leadDecisions      lead-queue decisions that followed an earlier human verdict of APPROVE or REJECT on the
 *                           same decision (an appeal escalated to a lead)
 * @param leadOverturns      of those, the ones whose verdict differs from that earlier human verdict
 * @param appealDecisions    appeal-queue decisions (APPROVE or REJECT)
 * @param appealOverturns    of those, the ones that changed the verdict appealed against
 */
public record DeskMetrics(long decided, Duration timeToDecisionP50, Duration timeToDecisionP90,
                          Map<String, Long> decisionsByReviewer, long leadDecisions, long leadOverturns,
                          long appealDecisions, long appealOverturns) {
    public DeskMetrics {
        decisionsByReviewer = Map.copyOf(decisionsByReviewer);
    }

    /** Lead overturns over lead decisions; 0 when there were none. */
    public double leadOverturnRate() {
        return leadDecisions == 0 ? 0 : (double) leadOverturns / leadDecisions;
    }

    /** Appeal overturns over appeal decisions; 0 when there were none. */
    public double appealOverturnRate() {
        return appealDecisions == 0 ? 0 : (double) appealOverturns / appealDecisions;
    }
}
