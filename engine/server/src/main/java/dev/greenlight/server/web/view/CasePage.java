package dev.greenlight.server.web.view;

import java.util.List;

/**
 * The case page: the case, the submission and its media, the decision with its signals and the
 * rules that fired, the policies behind them, the history, the submitter's earlier decisions, and —
 * when the signed-in account holds the claim and may decide — the decision form.
 *
 * @param mine        the signed-in account holds the claim (the form is shown and the lease renewed)
 * @param canDecide   the account's role may decide (an auditor may not)
 * @param explainNote how the rule detail was obtained, or why it is missing
 * @param verdicts    the verdicts the form offers, with their shortcut keys
 * @param form        the values to refill the form with (after a refused decision), never null
 * @param error       why the last decision was refused, or null
 */
public record CasePage(Rows.CaseRow kase, long version, boolean mine, boolean canDecide, String leaseUntil,
                       String decisionVerdict, String decidedAt, String ruleset, List<Rows.Field> fields,
                       List<MediaView> media, List<Rows.ReasonView> reasons, List<SignalView> signals,
                       List<FiringView> firings, String explainNote, List<Rows.PolicyView> policies,
                       List<Rows.PolicyView> policyOptions, List<Rows.EntryView> history, List<EarlierView> earlier,
                       List<VerdictOption> verdicts, FormValues form, String error) {

    /** One media item: {@code kind} is image, video, audio, or file (not shown inline); {@code url} null when the file is missing. */
    public record MediaView(int index, String kind, String url, String label, String frameId) {
    }

    /** One signal, as the plugin gave it. */
    public record SignalView(String source, String name, String value, String score, String media, String attributes) {
    }

    /** One rule firing as {@code greenlight explain} shows it. */
    public record FiringView(String rule, String policy, List<String> facts, List<String> bindings, List<String> votes) {
    }

    /** One earlier decision on the same submitter's work. */
    public record EarlierView(String decisionId, String submissionId, String verdict, String finalVerdict, String decidedAt) {
    }

    /** A verdict the form offers: its value, label, shortcut key and hint. */
    public record VerdictOption(String value, String label, String key, String hint) {
    }

    /** What the form holds. */
    public record FormValues(String verdict, String policy, String artistMessage, String note) {
        /** An empty form. */
        public static final FormValues EMPTY = new FormValues("", "", "", "");
    }
}
