package dev.greenlight.audit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reads a stretch of one segment's whole lines (a run the index by time names, or what an index
 * does not cover yet) for {@link TimeRangeReader} and {@link LogIndex}: each record it parses is
 * checked, and so is the chain between consecutive records it parses. Stateless.
 */
final class RunReader {
    private RunReader() {
    }

    /**
     * Reads the whole lines of one run, checking each record and the chain between consecutive
     * records it reads; the wanted ones go to {@code out}. A line {@code skip} says cannot be wanted
     * (found from its bytes: {@link QuickLook}) is passed over unparsed and unchecked, and the chain
     * check starts again after it. With {@code tail} (the uncovered end of the last segment), a bad
     * line with no sound record after it ends the reading quietly (being written, or torn).
     *
     * @throws AuditException at a record that is not sound or does not follow the one before
     */
    static void read(Path seg, SegmentIndex.Run run, Predicate<byte[]> skip, Predicate<AuditRecord> wanted,
                     List<AuditRecord> out, boolean tail) throws IOException {
        if (run.offset() >= java.nio.file.Files.size(seg)) {
            return;
        }
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(seg)) {
            in.skipNBytes(run.offset());
            dev.greenlight.json.BoundedLineReader reader = new dev.greenlight.json.BoundedLineReader(in, LogScan.MAX_RECORD_BYTES);
            reader.startAt(run.offset(), (int) run.linesBefore());
            AuditRecord before = null;
            String bad = null;
            byte[] line;
            while ((line = reader.next()) != null) {
                if (reader.lineOffset() >= run.end()) {
                    break;
                }
                if (!reader.terminated()) {
                    break; // a record being written: not one yet
                }
                if (!reader.overlong() && skip.test(line)) {
                    before = null;
                    continue;
                }
                AuditRecord rec = reader.overlong() ? null : LogIndex.record(seg, line, reader.lineOffset(), reader.lineNumber());
                String problem = rec == null ? "not a sound record (its hash does not match, or it does not parse)"
                        : before != null && rec.seq() != before.seq() + 1 ? "seq " + rec.seq() + " does not follow " + before.seq()
                        : before != null && !before.hash().equals(rec.tree().path("prev").asText()) ? "prev is not the hash of record "
                                + before.seq() : null;
                if (problem != null && bad == null) {
                    bad = seg + ":" + reader.lineNumber() + " (offset " + reader.lineOffset() + "): " + problem;
                    if (!tail) {
                        throw new AuditException("audit log is damaged: " + bad);
                    }
                    continue;
                }
                if (bad != null && rec != null) {
                    throw new AuditException("audit log is damaged: " + bad + "; sound records follow it");
                }
                if (rec != null) {
                    before = rec;
                    if (wanted.test(rec)) {
                        out.add(rec);
                    }
                }
            }
        }
    }

}
