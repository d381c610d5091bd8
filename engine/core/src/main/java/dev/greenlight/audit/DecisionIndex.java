package dev.greenlight.audit;

import dev.greenlight.model.Verdict;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Recent decisions by id, so that a review finds the record it links to without reading the log:
 * bounded (least recently used are dropped; a review of an older decision reads the log instead).
 * Thread-safe.
 */
final class DecisionIndex {
    static final int CAPACITY = 100_000;

    /** What a review needs of a decision: its record, and its verdict and review count so far. */
    record Entry(long seq, String hash, String submissionId, Verdict verdict, int reviews) {
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>(1024, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > CAPACITY;
        }
    };

    synchronized Entry get(String decisionId) {
        return entries.get(decisionId);
    }

    synchronized void put(String decisionId, Entry e) {
        entries.put(decisionId, e);
    }
}
