package dev.greenlight.audit;

/**
 * Counters of an open log since it was opened, for metrics. {@code records / syncs} is how many
 * records shared each fsync (group commit at work). Immutable.
 *
 * @param records     records appended (decisions, reviews and checkpoints)
 * @param syncs       fsyncs of the segment files
 * @param batches     write batches (one write call each)
 * @param checkpoints checkpoints written
 * @param segments    segments created
 */
public record AuditStats(long records, long syncs, long batches, long checkpoints, long segments) {
    /** Records per fsync, or 0 before any. */
    public double recordsPerSync() {
        return syncs == 0 ? 0 : (double) records / syncs;
    }
}
