package dev.greenlight.server.web.view;

import java.util.List;

/** The queues page: each queue's figures, and the open and claimed cases, highest priority and oldest first. */
public record QueuesPage(List<Rows.QueueCard> queues, List<Rows.CaseRow> cases, boolean canDecide) {
}
