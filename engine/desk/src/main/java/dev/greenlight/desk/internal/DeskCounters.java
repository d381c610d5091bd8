package dev.greenlight.desk.internal;

import dev.greenlight.desk.DeskMetrics;
import dev.greenlight.desk.Queue;
import dev.greenlight.model.Verdict;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The desk's running figures ({@link DeskMetrics}): counted from the log on open and kept up with
 * each review. Time to decision keeps the last {@link #WINDOW} closings. Thread-safe.
 */
public final class DeskCounters {
    static final int WINDOW = 10_000;

    private final long[] closings = new long[WINDOW];
    private int filled;
    private int next;
    private long decided;
    private final Map<String, Long> byReviewer = new HashMap<>();
    private long leadDecisions;
    private long leadOverturns;
    private long appealDecisions;
    private long appealOverturns;

    /**
     * One review.
     *
     * @param queue         the queue it was decided in
     * @param verdict       the reviewer's verdict
     * @param appealed      for an appeal-queue review: the verdict that stood before (what was appealed)
     * @param earlierHuman  the last earlier human APPROVE or REJECT of the decision, or null
     * @param open          how long the case had been open, when this closed it; else null
     */
    public synchronized void reviewed(String reviewer, Queue queue, Verdict verdict, Verdict appealed,
                                      Verdict earlierHuman, Duration open) {
        byReviewer.merge(reviewer, 1L, Long::sum);
        if (verdict == Verdict.ESCALATE) {
            return;
        }
        if (open != null) {
            decided++;
            closings[next] = Math.max(0, open.toMillis());
            next = (next + 1) % WINDOW;
            filled = Math.min(filled + 1, WINDOW);
        }
        if (queue == Queue.LEAD && earlierHuman != null) {
            leadDecisions++;
            if (verdict != earlierHuman) {
                leadOverturns++;
            }
        }
        if (queue == Queue.APPEAL && appealed != null) {
            appealDecisions++;
            if (verdict != appealed) {
                appealOverturns++;
            }
        }
    }

    /** Writes every figure (for {@link DeskSnapshot}). */
    synchronized void save(java.io.DataOutputStream out) throws java.io.IOException {
        out.writeInt(filled);
        out.writeInt(next);
        for (int i = 0; i < filled; i++) {
            out.writeLong(closings[i]);
        }
        out.writeLong(decided);
        out.writeInt(byReviewer.size());
        for (Map.Entry<String, Long> e : new java.util.TreeMap<>(byReviewer).entrySet()) {
            out.writeUTF(e.getKey());
            out.writeLong(e.getValue());
        }
        out.writeLong(leadDecisions);
        out.writeLong(leadOverturns);
        out.writeLong(appealDecisions);
        out.writeLong(appealOverturns);
    }

    /** Reads what {@link #save} wrote, replacing every figure. */
    synchronized void load(java.io.DataInputStream in) throws java.io.IOException {
        int f = in.readInt();
        int n = in.readInt();
        if (f < 0 || f > WINDOW || n < 0 || n >= WINDOW) {
            throw new java.io.IOException("counters out of range");
        }
        filled = f;
        next = n;
        for (int i = 0; i < filled; i++) {
            closings[i] = in.readLong();
        }
        decided = in.readLong();
        byReviewer.clear();
        for (int i = in.readInt(); i > 0; i--) {
            byReviewer.put(in.readUTF(), in.readLong());
        }
        leadDecisions = in.readLong();
        leadOverturns = in.readLong();
        appealDecisions = in.readLong();
        appealOverturns = in.readLong();
    }

    public synchronized DeskMetrics snapshot() {
        long[] sorted = Arrays.copyOf(closings, filled);
        Arrays.sort(sorted);
        return new DeskMetrics(decided, percentile(sorted, 0.5), percentile(sorted, 0.9), byReviewer, leadDecisions,
                leadOverturns, appealDecisions, appealOverturns);
    }

    private static Duration percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Duration.ZERO;
        }
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return Duration.ofMillis(sorted[Math.max(0, Math.min(i, sorted.length - 1))]);
    }
}
