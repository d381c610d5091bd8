package dev.greenlight.audit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the records of a time range through the index by time beside each segment
 * ({@link SegmentIndex#runs}) and what the indexes do not cover yet: {@link AuditReader#readTimeRange}.
 * Stateless.
 */
final class TimeRangeReader {
    private static final Logger LOG = LoggerFactory.getLogger("greenlight.audit");

    private TimeRangeReader() {
    }

    /**
     * Every sound record whose time ({@link RecordTime}) is at or after {@code since} and before
     * {@code until} (null: unbounded), in log order, read from the blocks of each segment that the
     * index by time says may hold one, and from what the index does not cover yet. Each record read
     * is checked: its hash, and within a stretch read in one go, that its {@code seq} and {@code prev}
     * follow the record before. A stretch that does not hold sound records where the index says it
     * starts is read again after the segment's index is built anew; when that does not help, the
     * log is damaged ({@link AuditException}). An incomplete or garbled end of the last segment with
     * nothing sound after it (a record being written, a torn tail) ends the reading quietly.
     */
    static void read(Path base, java.time.Instant since, java.time.Instant until,
                            java.util.function.Consumer<AuditRecord> each) throws IOException {
        long fromMs = since == null ? Long.MIN_VALUE : RecordTime.millis(since);
        long toMs = until == null ? Long.MAX_VALUE : RecordTime.millis(until);
        if (since != null && fromMs == RecordTime.UNKNOWN) {
            fromMs = Long.MIN_VALUE; // beyond a long of milliseconds: read all, filter exactly below
        }
        if (until != null && toMs == RecordTime.UNKNOWN) {
            toMs = Long.MAX_VALUE;
        }
        Predicate<AuditRecord> inRange = rec -> {
            java.time.Instant at = RecordTime.of(rec);
            return at != null && (since == null || !at.isBefore(since)) && (until == null || at.isBefore(until));
        };
        List<Path> segments = Segments.list(base);
        for (int i = 0; i < segments.size(); i++) {
            Path seg = segments.get(i);
            boolean last = i == segments.size() - 1;
            List<AuditRecord> found = new ArrayList<>();
            SegmentIndex idx = LogIndex.current(seg, !last);
            if (readRuns(seg, idx, fromMs, toMs, inRange, found) != null) {
                LOG.info("audit index {} does not match its segment; building it again", SegmentIndex.file(seg));
                found.clear();
                idx = LogIndex.save(seg, SegmentIndex.build(seg));
                String problem = readRuns(seg, idx, fromMs, toMs, inRange, found);
                if (problem != null) {
                    throw new AuditException(problem + " (run 'greenlight audit verify')");
                }
            }
            long from = fromMs;
            long to = toMs;
            RunReader.read(seg, new SegmentIndex.Run(idx.covered(), idx.lines(), Long.MAX_VALUE),
                    line -> outside(QuickLook.timeMs(line), from, to), inRange, found, last);
            found.forEach(each);
        }
    }

    /** Reads the index's runs for the range; the problem when a run does not hold sound, chained records, else null. */
    private static String readRuns(Path seg, SegmentIndex idx, long fromMs, long toMs, Predicate<AuditRecord> inRange,
                                    List<AuditRecord> out) throws IOException {
        for (SegmentIndex.Run run : idx.runs(fromMs, toMs)) {
            if (run.offset() > 0 && RecordAt.lineEndingAt(seg, run.offset()) == null) {
                return "audit log is damaged: " + seg + ": no whole line ends at offset " + run.offset()
                        + ", where the index by time says a stretch of records starts";
            }
            try {
                RunReader.read(seg, run, line -> outside(QuickLook.timeMs(line), fromMs, toMs), inRange, out, false);
            } catch (AuditException e) {
                return e.getMessage();
            }
        }
        return null;
    }

    private static boolean outside(long ms, long fromMs, long toMs) {
        return ms != RecordTime.UNKNOWN && (ms < fromMs || ms > toMs);
    }

}
