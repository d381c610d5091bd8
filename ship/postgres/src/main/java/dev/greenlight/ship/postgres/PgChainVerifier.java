package dev.greenlight.ship.postgres;

import dev.greenlight.audit.ChainVerifier;
import dev.greenlight.audit.VerifyOptions;
import dev.greenlight.audit.VerifyResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks every log's chain inside PostgreSQL with the audit log's own per-record checks
 * ({@link ChainVerifier}): each stored line's hash recomputed from its bytes, sequence and
 * {@code prev} without gaps (a deleted row is a gap), checkpoints against the chain and, with keys,
 * their signatures; the indexed columns {@code seq} and {@code hash} against the line; and the log's
 * rows against what the shipper recorded storing ({@code shipped_seq}: rows cut from the end). Reads
 * each log in sequence order with a cursor, so memory stays bounded. Stateless.
 */
public final class PgChainVerifier {
    private static final int FETCH = 2_000;

    private PgChainVerifier() {
    }

    /** What one log's check found. */
    public record LogResult(String logId, String node, VerifyResult result) {
        /** One line for people. */
        public String describe() {
            String name = "log " + logId.substring(0, 16) + "… (node " + node + ")";
            if (result.intact()) {
                return name + ": intact, " + result.records() + " records (" + result.decisions() + " decisions, "
                        + result.reviews() + " reviews) and " + result.checkpoints() + " checkpoints ("
                        + result.signedCheckpoints() + " signed), last seq " + result.lastSeq() + ", head " + result.lastHash();
            }
            return name + ": record seq " + result.badSeq() + ": " + result.problem() + " (" + result.records()
                    + " records before it are intact)";
        }
    }

    /**
     * Checks every log in the database. Saved checkpoints in {@code options} are applied to the log
     * they name only.
     */
    public static List<LogResult> verifyAll(PgSettings db, VerifyOptions options) throws SQLException {
        List<LogResult> out = new ArrayList<>();
        try (Connection c = db.connect()) {
            c.setAutoCommit(false); // a cursor (fetch size) needs a transaction
            c.setReadOnly(true);
            List<String[]> logs = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT log_id, node, shipped_seq FROM greenlight_logs ORDER BY node, log_id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    logs.add(new String[] {rs.getString(1), rs.getString(2), Long.toString(rs.getLong(3))});
                }
            }
            for (String[] log : logs) {
                out.add(new LogResult(log[0], log[1], verify(c, log[0], Long.parseLong(log[2]), forLog(options, log[0]))));
            }
            c.commit();
        }
        return out;
    }

    private static VerifyOptions forLog(VerifyOptions options, String logId) {
        return new VerifyOptions(options.keys(), options.checkpoints().stream()
                .filter(s -> s.checkpoint().log().equals(logId)).toList(), false, options.strict(), options.chainOnly());
    }

    private static VerifyResult verify(Connection c, String logId, long shippedSeq, VerifyOptions options) throws SQLException {
        ChainVerifier v = new ChainVerifier(options);
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT seq, hash, line FROM greenlight_records WHERE log_id = ? ORDER BY seq")) {
            ps.setFetchSize(FETCH);
            // binary results from the first execution: the lines arrive as bytes, not as hex to decode
            ps.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(-1);
            ps.setString(1, logId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long seq = rs.getLong(1);
                    String hash = rs.getString(2);
                    if (!v.accept(rs.getBytes(3))) {
                        break;
                    }
                    if (seq != v.lastSeq() || !hash.equals(v.lastHash())) {
                        return failed(v, seq, "the row's seq and hash columns (" + seq + ", " + hash
                                + ") do not match its stored record (the row was changed)");
                    }
                }
            }
        }
        if (v.problem() == null && v.lastSeq() < shippedSeq) {
            return failed(v, v.lastSeq() + 1, "the log's rows end at seq " + v.lastSeq() + " but seq " + shippedSeq
                    + " was shipped: rows were deleted from its end");
        }
        if (v.problem() == null && v.logId() != null && !v.logId().equals(logId)) {
            return failed(v, 1, "record 1 has hash " + v.logId() + ", not the log id its rows are stored under");
        }
        return v.finish();
    }

    private static VerifyResult failed(ChainVerifier v, long seq, String problem) {
        VerifyResult r = v.finish();
        return new VerifyResult(false, r.records(), r.decisions(), r.reviews(), r.checkpoints(), r.signedCheckpoints(),
                r.lastSeq(), r.lastHash(), 0, null, seq, 0, seq, problem, false, List.of());
    }
}
