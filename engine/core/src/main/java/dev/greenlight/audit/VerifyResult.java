package dev.greenlight.audit;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link AuditVerifier} found. When {@code intact} is false, {@code file}, {@code badLine}
 * (1-based, 0 when the problem is the log's end), {@code offset}, {@code badSeq} (the sequence
 * number the record has or should have had) and {@code problem} say where the log first goes
 * wrong; everything before that is intact. Immutable.
 *
 * @param records          decision, review and fulfilment records read intact (checkpoints are counted apart)
 * @param checkpoints      checkpoint records read intact
 * @param signedCheckpoints of which signed
 * @param lastSeq          the sequence number of the last intact record (0 when none)
 * @param lastHash         the hash of the last intact record ({@link AuditRecordFormat#GENESIS} when none)
 * @param segments         segment files
 * @param tornTail         the problem is a torn last record that opening the log for writing cuts off
 * @param notes            what was and was not checked, for people
 */
public record VerifyResult(boolean intact, long records, long decisions, long reviews, long checkpoints,
                           long signedCheckpoints, long lastSeq, String lastHash, int segments, Path file, long badLine,
                           long offset, long badSeq, String problem, boolean tornTail, List<String> notes) {
    public VerifyResult {
        notes = List.copyOf(notes);
    }

    /** One line for people: "NAME: intact, …" or "FILE:LINE: record seq S (offset O): problem". */
    public String describe(String name) {
        if (intact) {
            return name + ": intact, " + records + " records (" + decisions + " decisions, " + reviews + " reviews) and "
                    + checkpoints + " checkpoints (" + signedCheckpoints + " signed), " + segments
                    + (segments == 1 ? " segment" : " segments") + ", last seq " + lastSeq + ", head " + lastHash;
        }
        String where = badLine > 0 ? file + ":" + badLine + ": record seq " + badSeq + " (offset " + offset + ")"
                : file + ": end of log (offset " + offset + ")";
        return where + ": " + problem + " (" + records + " records before it are intact)";
    }
}
