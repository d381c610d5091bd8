package dev.greenlight.ship.postgres;

import dev.greenlight.audit.ShipTarget;
import dev.greenlight.audit.ShippedRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Stores a log's records in PostgreSQL ({@code greenlight_records}): exact line bytes, indexed
 * columns and jsonb, one transaction per batch (one multi-row INSERT). Idempotent by (log id, seq):
 * {@code INSERT … ON CONFLICT DO NOTHING}, then every row of the batch is read back and its hash
 * compared, so a record offered again after a crash is stored once, and a different record under the
 * same (log id, seq) is refused ({@link ShipConflictException}), never overwritten. Records are
 * stored in order: a batch that would leave a gap after the log's last stored record is refused.
 *
 * <p>Holds one connection, reopened after a failure. Used by one shipper thread.
 */
public final class PgShipTarget implements ShipTarget {
    private static final String INSERT = "INSERT INTO greenlight_records (log_id, seq, type, hash, line, decision_id, "
            + "submission_id, submitter, verdict, recorded_at, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb) "
            + "ON CONFLICT (log_id, seq) DO NOTHING";

    private final PgSettings db;
    private final String node;
    private Connection connection;
    private boolean migrated;

    /**
     * @param db   the database (its schema is brought up to date, {@link PgSchema#migrate}, on first contact)
     * @param node a name for this node, stored beside its log id for people (e.g. the host name)
     */
    public PgShipTarget(PgSettings db, String node) {
        this.db = Objects.requireNonNull(db, "db");
        this.node = Objects.requireNonNull(node, "node");
    }

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public void write(String logId, List<ShippedRecord> batch) throws SQLException, ShipConflictException {
        if (batch.isEmpty()) {
            return;
        }
        Connection c = connection();
        boolean done = false;
        try {
            long shipped = lockLog(c, logId);
            long first = batch.get(0).seq();
            if (first > shipped + 1) {
                throw new ShipConflictException("log " + logId + ": PostgreSQL holds records up to seq " + shipped
                        + " but the next batch starts at seq " + first + " (records would be missing)");
            }
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                for (ShippedRecord r : batch) {
                    if (r.seq() <= shipped) {
                        continue; // stored before; checked below
                    }
                    RecordRow row = RecordRow.of(r.record(), r.line());
                    ps.setString(1, logId);
                    ps.setLong(2, r.seq());
                    ps.setString(3, r.type());
                    ps.setString(4, r.hash());
                    ps.setBytes(5, r.line());
                    ps.setString(6, row.decisionId());
                    ps.setString(7, row.submissionId());
                    ps.setString(8, row.submitter());
                    ps.setString(9, row.verdict());
                    if (row.recordedAt() == null) {
                        ps.setNull(10, Types.TIMESTAMP_WITH_TIMEZONE);
                    } else {
                        ps.setObject(10, OffsetDateTime.ofInstant(row.recordedAt(), ZoneOffset.UTC));
                    }
                    ps.setString(11, row.jsonb());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            checkStored(c, logId, batch);
            ShippedRecord last = batch.get(batch.size() - 1);
            try (PreparedStatement ps = c.prepareStatement("UPDATE greenlight_logs SET shipped_seq = ?, shipped_hash = ?, "
                    + "updated_at = now() WHERE log_id = ? AND shipped_seq < ?")) {
                ps.setLong(1, last.seq());
                ps.setString(2, last.hash());
                ps.setString(3, logId);
                ps.setLong(4, last.seq());
                ps.executeUpdate();
            }
            c.commit();
            done = true;
        } finally {
            if (!done) {
                rollbackAndDrop();
            }
        }
    }

    /** Registers the log when new and locks its row for this transaction; returns its highest stored seq. */
    private long lockLog(Connection c, String logId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO greenlight_logs (log_id, node) VALUES (?, ?) ON CONFLICT (log_id) DO NOTHING")) {
            ps.setString(1, logId);
            ps.setString(2, node);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT shipped_seq FROM greenlight_logs WHERE log_id = ? FOR UPDATE")) {
            ps.setString(1, logId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Every record of the batch is stored with the same hash (those stored before included). */
    private static void checkStored(Connection c, String logId, List<ShippedRecord> batch)
            throws SQLException, ShipConflictException {
        Map<Long, String> stored = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT seq, hash FROM greenlight_records WHERE log_id = ? AND seq BETWEEN ? AND ?")) {
            ps.setString(1, logId);
            ps.setLong(2, batch.get(0).seq());
            ps.setLong(3, batch.get(batch.size() - 1).seq());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.put(rs.getLong(1), rs.getString(2));
                }
            }
        }
        for (ShippedRecord r : batch) {
            String h = stored.get(r.seq());
            if (h == null) {
                throw new ShipConflictException("log " + logId + " seq " + r.seq() + " was not stored");
            }
            if (!h.equals(r.hash())) {
                throw new ShipConflictException("log " + logId + " seq " + r.seq() + ": PostgreSQL holds a record with hash "
                        + h + " but the log's record has hash " + r.hash() + " (the copy and the log disagree)");
            }
        }
    }

    private Connection connection() throws SQLException {
        if (!migrated) {
            // here, not at start: a node whose PostgreSQL is down starts, decides and ships later
            try {
                PgSchema.migrate(db);
            } catch (RuntimeException e) {
                throw new SQLException("cannot bring the schema of " + db + " up to date: " + e.getMessage(), e);
            }
            migrated = true;
        }
        if (connection == null) {
            connection = db.connect();
            connection.setAutoCommit(false);
        }
        return connection;
    }

    private void rollbackAndDrop() {
        Connection c = connection;
        connection = null;
        if (c == null) {
            return;
        }
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is dropped anyway; the transaction dies with it
        }
        try {
            c.close();
        } catch (SQLException ignored) {
            // already broken
        }
    }

    @Override
    public void close() throws SQLException {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }
}
