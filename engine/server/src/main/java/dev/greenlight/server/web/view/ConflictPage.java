package dev.greenlight.server.web.view;

/** A decision refused because the form was stale or the claim was lost: why, and the case as it is now. */
public record ConflictPage(String reason, Rows.CaseRow current) {
}
