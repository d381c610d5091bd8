package dev.greenlight.audit;

import java.nio.file.Path;

/**
 * What opening a log found and did. When {@code tailCut} is true, a torn or zero-filled tail (a
 * write that never completed) was cut off {@code segment} at {@code offset}: {@code bytesCut} bytes,
 * copied first to {@code keptAt} for inspection. Nothing acknowledged is ever in such a tail: an
 * append returns only after its record is complete and durable. Immutable.
 *
 * @param records  records in the log after opening
 * @param lastSeq  the sequence number of the last record
 * @param segments how many segment files the log has
 * @param recordsRead how many records opening read: all of them, or those after the place its state
 *     file points at
 */
public record RecoveryReport(long records, long lastSeq, int segments, boolean tailCut, Path segment, long offset,
                             long bytesCut, Path keptAt, String problem, long recordsRead) {
    static RecoveryReport clean(long records, long lastSeq, int segments, long recordsRead) {
        return new RecoveryReport(records, lastSeq, segments, false, null, 0, 0, null, null, recordsRead);
    }

    /** One line for people. */
    public String describe() {
        if (!tailCut) {
            return "audit log opened: " + records + " records, last seq " + lastSeq + ", " + segments
                    + (segments == 1 ? " segment" : " segments") + ", " + recordsRead + " read";
        }
        return "audit log recovered: cut a torn tail of " + bytesCut + " bytes off " + segment + " at offset " + offset
                + " (" + problem + "); kept at " + keptAt + "; last seq " + lastSeq;
    }
}
