package dev.greenlight.audit;

/**
 * What {@link AuditVerifier} found. When {@code intact} is false, {@code badLine} (1-based),
 * {@code badSeq} (the sequence number the record should have had) and {@code problem} say where the
 * log first goes wrong; everything before that line is intact.
 *
 * @param records  the number of intact records read before the first problem (all, when intact)
 * @param lastSeq  the sequence number of the last intact record (0 when none)
 * @param lastHash the hash of the last intact record ({@link AuditRecordFormat#GENESIS} when none)
 * @param endOffset the byte offset just after the last intact record
 */
public record VerifyResult(boolean intact, long records, long lastSeq, String lastHash, long endOffset,
                           int badLine, long badSeq, String problem) {

    static VerifyResult ok(long records, long lastSeq, String lastHash, long endOffset) {
        return new VerifyResult(true, records, lastSeq, lastHash, endOffset, 0, 0, null);
    }

    /** One line for people: "intact: N records" or "line L (seq S): problem". */
    public String describe(String file) {
        if (intact) {
            return file + ": intact, " + records + " records, last seq " + lastSeq + ", head " + lastHash;
        }
        return file + ":" + badLine + ": record seq " + badSeq + ": " + problem + " (" + records
                + " records before it are intact)";
    }
}
