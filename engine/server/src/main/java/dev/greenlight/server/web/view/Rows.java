package dev.greenlight.server.web.view;

/** Rows several pages show, already formatted for reading. */
public final class Rows {
    private Rows() {
    }

    /** One queue's figures; {@code mayStart} when the signed-in account may claim from it. */
    public record QueueCard(String id, String label, String about, int open, int claimed, String oldest, int pastDue,
                            boolean mayStart) {
    }

    /** One case in a list or at the head of a page. */
    public record CaseRow(String caseId, String decisionId, String submissionId, String queue, String state, int priority,
                          String area, String opened, String due, boolean pastDue, String claimedBy, String finalVerdict) {
    }

    /** A label and its value. */
    public record Field(String label, String value) {
    }

    /** One vote of a rule: what the artist reads, and the policy behind it. */
    public record ReasonView(String rule, String verdict, String message, String policy) {
    }

    /** One chained record of a decision's history. */
    public record EntryView(long seq, String type, String at, String verdict, String queue, String actor, String policy,
                            String artistMessage, String note, String conditions) {
    }

    /** A policy of the pack's catalogue: its id, title, area and the text behind it. */
    public record PolicyView(String id, String title, String area, String text) {
    }

}
