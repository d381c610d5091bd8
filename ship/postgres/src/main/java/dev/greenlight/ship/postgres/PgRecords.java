package dev.greenlight.ship.postgres;

import dev.greenlight.audit.AuditRecord;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Consumer;

/**
 * Reads records back out of PostgreSQL as {@link AuditRecord}s, so the tools that read a log file
 * ({@code audit show}, {@code audit stats}, {@code replay}) read the shipped logs of every node the
 * same way. Each record is checked on its own (hash against bytes, {@link AuditRecord#fromLine});
 * its place in its chain is what {@link PgChainVerifier} checks. Its {@code place()} is
 * {@code postgres/LOGID:SEQ}. Streams with a cursor, so memory stays bounded. Stateless.
 */
public final class PgRecords {
    private static final int FETCH = 2_000;

    private PgRecords() {
    }

    /** Every record of every log: log by log (by node), each in sequence order. */
    public static void readAll(PgSettings db, Consumer<AuditRecord> each) throws SQLException {
        query(db, "SELECT r.log_id, r.seq, r.line FROM greenlight_records r JOIN greenlight_logs l USING (log_id) "
                + "ORDER BY l.node, r.log_id, r.seq", null, each);
    }

    /**
     * One decision's records on every log: its decision record and every review of it, whichever
     * node's chain holds them (through the {@code decision_id} index), oldest first.
     */
    public static void readDecision(PgSettings db, String decisionId, Consumer<AuditRecord> each) throws SQLException {
        query(db, "SELECT log_id, seq, line FROM greenlight_records WHERE decision_id = ? ORDER BY recorded_at, log_id, seq",
                decisionId, each);
    }

    private static void query(PgSettings db, String sql, String arg, Consumer<AuditRecord> each) throws SQLException {
        try (Connection c = db.connect()) {
            c.setAutoCommit(false); // a cursor (fetch size) needs a transaction
            c.setReadOnly(true);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setFetchSize(FETCH);
                if (arg != null) {
                    ps.setString(1, arg);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        each.accept(AuditRecord.fromLine(rs.getBytes(3), source(rs.getString(1)), rs.getLong(2)));
                    }
                }
            }
            c.commit();
        }
    }

    /** How a shipped log is named in records' places: {@code postgres/} and its id's first 16 hex digits. */
    static Path source(String logId) {
        return Path.of("postgres", logId.substring(0, Math.min(16, logId.length())));
    }
}
