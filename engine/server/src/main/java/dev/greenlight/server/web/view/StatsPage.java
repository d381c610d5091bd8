package dev.greenlight.server.web.view;

import java.util.List;

/** The stats page: each queue's figures, the desk's measures, and decisions per reviewer. */
public record StatsPage(List<Rows.QueueCard> queues, List<Rows.Field> measures, List<Rows.Field> perReviewer) {
}
