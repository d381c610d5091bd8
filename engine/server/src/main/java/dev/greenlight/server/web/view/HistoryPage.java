package dev.greenlight.server.web.view;

import java.util.List;

/** A decision's history: the decision, its case (null when it never had one), every chained record, the final verdict. */
public record HistoryPage(String decisionId, String submissionId, String decisionVerdict, String finalVerdict,
                          String decidedAt, List<Rows.ReasonView> reasons, Rows.CaseRow kase, List<Rows.EntryView> history) {
}
