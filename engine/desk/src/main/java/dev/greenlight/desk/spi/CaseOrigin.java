package dev.greenlight.desk.spi;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Where the decision a case stands for is recorded: the chain (log id), its sequence number and
 * hash there, and optionally the record's exact bytes. A store shared by several servers keeps it
 * beside the case, so that any server can find and show a decision recorded in another server's log.
 * Immutable (the bytes are copied in and out).
 */
public final class CaseOrigin {
    private final String logId;
    private final long decisionSeq;
    private final String decisionHash;
    private final byte[] decisionLine;

    /**
     * @param logId        the log id of the chain holding the decision record (64 hex digits)
     * @param decisionSeq  the decision record's sequence number in that chain (1 or more)
     * @param decisionHash the decision record's hash (64 hex digits)
     * @param decisionLine the decision record's exact bytes, without the newline; null when not kept
     * @throws IllegalArgumentException naming the field that is missing or malformed
     */
    public CaseOrigin(String logId, long decisionSeq, String decisionHash, byte[] decisionLine) {
        this.logId = hex64("logId", logId);
        if (decisionSeq < 1) {
            throw new IllegalArgumentException("decisionSeq must be 1 or more, was " + decisionSeq);
        }
        this.decisionSeq = decisionSeq;
        this.decisionHash = hex64("decisionHash", decisionHash);
        this.decisionLine = decisionLine == null ? null : decisionLine.clone();
    }

    private static String hex64(String field, String value) {
        Objects.requireNonNull(value, field);
        if (value.length() != 64 || !value.chars().allMatch(HexFormat::isHexDigit)) {
            throw new IllegalArgumentException(field + " must be 64 hex digits, was \"" + value + "\"");
        }
        return value;
    }

    public String logId() {
        return logId;
    }

    public long decisionSeq() {
        return decisionSeq;
    }

    public String decisionHash() {
        return decisionHash;
    }

    /** A copy of the decision record's bytes, or null when they were not kept. */
    public byte[] decisionLine() {
        return decisionLine == null ? null : decisionLine.clone();
    }

    /** The same origin without the record's bytes. */
    public CaseOrigin withoutLine() {
        return decisionLine == null ? this : new CaseOrigin(logId, decisionSeq, decisionHash, null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CaseOrigin other && logId.equals(other.logId) && decisionSeq == other.decisionSeq
                && decisionHash.equals(other.decisionHash) && Arrays.equals(decisionLine, other.decisionLine);
    }

    @Override
    public int hashCode() {
        return Objects.hash(logId, decisionSeq, decisionHash) * 31 + Arrays.hashCode(decisionLine);
    }

    @Override
    public String toString() {
        return "CaseOrigin[log " + logId.substring(0, 12) + "…, seq " + decisionSeq + ", hash " + decisionHash.substring(0, 12)
                + "…" + (decisionLine == null ? "" : ", " + decisionLine.length + " bytes") + "]";
    }
}
