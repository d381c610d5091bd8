package dev.greenlight.ship.postgres;

import dev.greenlight.audit.ShipTarget;
import dev.greenlight.audit.ShippedRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.HexFormat;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Stores a log's records in PostgreSQL ({@code greenlight_records}): exact line bytes, indexed
 * columns and, with {@link BodyStorage#STORED}, jsonb (else the view {@code greenlight_records_json}
 * makes it when queried), one transaction per batch, in order: a batch that would leave a gap after the
 * log's last stored record is refused. Idempotent by (log id, seq), two ways:
 * <ul>
 * <li>A batch that starts right after the log's last stored record (the usual case; checked with the
 *     log's row locked, so no other writer can interleave) cannot conflict with a stored row: it is
 *     {@code COPY}ed in binary straight into the table, and the row count {@code COPY} reports must be
 *     the batch's.</li>
 * <li>A batch offered again (after a crash between storing it and saving the cursor), or one the
 *     direct {@code COPY} refused (a record jsonb cannot hold, a row already there), goes the careful
 *     way: {@code COPY} into a temporary table, {@code INSERT … ON CONFLICT DO NOTHING}, then every row
 *     of the batch is read back and its hash compared, so a record offered again is stored once and a
 *     different record under the same (log id, seq) is refused ({@link ShipConflictException}), never
 *     overwritten.</li>
 * </ul>
 *
 * <p>Holds one connection, reopened after a failure. Used by one shipper thread.
 */
public final class PgShipTarget implements ShipTarget {
    private static final HexFormat HEX = HexFormat.of();
    private static final String COLUMNS = "log_id, seq, type, hash, line, decision_id, submission_id, submitter, verdict, recorded_at";
    /** Per connection: where COPY puts a batch before it joins the table (emptied at each commit). */
    private static final String STAGING = "CREATE TEMP TABLE IF NOT EXISTS greenlight_staging (log_id char(64), seq bigint, "
            + "type text, hash char(64), line bytea, decision_id text, submission_id text, submitter text, verdict text, "
            + "recorded_at timestamptz) ON COMMIT DELETE ROWS";
    /** The batch joins the table; with {@link BodyStorage#STORED}, jsonb made from the stored bytes (greenlight_body, V4). */
    private static final String MOVE_STORED = "INSERT INTO greenlight_records (" + COLUMNS + ", body) SELECT " + COLUMNS
            + ", greenlight_body(line) FROM greenlight_staging ORDER BY seq ON CONFLICT (log_id, seq) DO NOTHING";
    /** The batch joins the table, body NULL: the view greenlight_records_json makes it when queried. */
    private static final String MOVE_VIEW = "INSERT INTO greenlight_records (" + COLUMNS + ") SELECT " + COLUMNS
            + " FROM greenlight_staging ORDER BY seq ON CONFLICT (log_id, seq) DO NOTHING";

    /** The direct path: the batch straight into the table, binary; body only when stored. */
    private static final String DIRECT_STORED = "COPY greenlight_records (" + COLUMNS + ", body) FROM STDIN (FORMAT binary)";
    private static final String DIRECT_VIEW = "COPY greenlight_records (" + COLUMNS + ") FROM STDIN (FORMAT binary)";

    private final BinaryCopy copyBuffer = new BinaryCopy();
    private final PgSettings db;
    private final String node;
    private final BodyStorage body;
    private Connection connection;
    private boolean migrated;

    /**
     * A target that leaves {@code body} to the view ({@link BodyStorage#DEFAULT}).
     *
     * @param db   the database (its schema is brought up to date, {@link PgSchema#migrate}, on first contact)
     * @param node a name for this node, stored beside its log id for people (e.g. the host name)
     */
    public PgShipTarget(PgSettings db, String node) {
        this(db, node, BodyStorage.DEFAULT);
    }

    /**
     * @param db   the database (its schema is brought up to date, {@link PgSchema#migrate}, on first contact)
     * @param node a name for this node, stored beside its log id for people (e.g. the host name)
     * @param body whether each record's jsonb is stored as it ships or made by the view when queried
     */
    public PgShipTarget(PgSettings db, String node, BodyStorage body) {
        this.db = Objects.requireNonNull(db, "db");
        this.node = Objects.requireNonNull(node, "node");
        this.body = Objects.requireNonNull(body, "body");
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
            if (first != shipped + 1 || !copyDirect(c, logId, batch)) {
                copy(c, logId, batch, shipped);
                try (Statement st = c.createStatement()) {
                    st.executeUpdate(body == BodyStorage.STORED ? MOVE_STORED : MOVE_VIEW);
                }
                checkStored(c, logId, batch);
            }
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

    /**
     * COPYs the whole batch, in binary, straight into the table; false (and nothing of it stored,
     * the transaction still usable) when PostgreSQL refused a value or found a row already there,
     * for the careful path to handle. With {@link BodyStorage#STORED}, lines with {@code \\u} escapes
     * get their jsonb afterwards through {@code greenlight_jsonb}, which gives NULL where jsonb cannot
     * hold the text; with {@link BodyStorage#VIEW} no jsonb is sent and {@code body} stays NULL.
     */
    private boolean copyDirect(Connection c, String logId, List<ShippedRecord> batch) throws SQLException {
        boolean stored = body == BodyStorage.STORED;
        BinaryCopy rows = copyBuffer;
        rows.reset();
        List<Long> escaped = null;
        for (ShippedRecord r : batch) {
            RecordRow row = RecordRow.of(r.record());
            byte[] line = r.line();
            boolean plain = !stored || !hasUnicodeEscape(line);
            if (!plain) {
                escaped = escaped == null ? new java.util.ArrayList<>() : escaped;
                escaped.add(r.seq());
            }
            rows.row(stored ? 11 : 10);
            rows.text(logId);
            rows.bigint(r.seq());
            rows.text(r.type());
            rows.text(r.hash());
            rows.bytes(line);
            rows.text(row.decisionId());
            rows.text(row.submissionId());
            rows.text(row.submitter());
            rows.text(row.verdict());
            rows.timestamp(row.recordedAt());
            if (stored) {
                rows.jsonb(plain ? line : null);
            }
        }
        rows.finish();
        Savepoint before = c.setSavepoint();
        long copied;
        try {
            CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(stored ? DIRECT_STORED : DIRECT_VIEW);
            try {
                in.writeToCopy(rows.buffer(), 0, rows.length());
                copied = in.endCopy();
            } finally {
                if (in.isActive()) {
                    in.cancelCopy();
                }
            }
        } catch (SQLException e) {
            String state = e.getSQLState();
            if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
                c.rollback(before); // a value jsonb (or a column) refused, or the row is there: the careful path decides
                return false;
            }
            throw e;
        }
        if (copied != batch.size()) {
            throw new SQLException("COPY stored " + copied + " rows of a batch of " + batch.size());
        }
        if (escaped != null) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE greenlight_records SET body = greenlight_jsonb(line) "
                    + "WHERE log_id = ? AND seq = ANY (?)")) {
                ps.setString(1, logId);
                ps.setArray(2, c.createArrayOf("bigint", escaped.toArray()));
                ps.executeUpdate();
            }
        }
        return true;
    }

    /** Whether a line has a backslash followed by u: a \\u escape jsonb may refuse (\\u0000, a lone surrogate). */
    static boolean hasUnicodeEscape(byte[] line) {
        for (int i = 0; i < line.length - 1; i++) {
            if (line[i] == '\\' && line[i + 1] == 'u') {
                return true;
            }
        }
        return false;
    }

    /** COPYs the batch's records not stored before into the staging table (text format, one line a record). */
    private static void copy(Connection c, String logId, List<ShippedRecord> batch, long shipped) throws SQLException {
        StringBuilder text = new StringBuilder(batch.size() * 1200);
        for (ShippedRecord r : batch) {
            if (r.seq() <= shipped) {
                continue; // stored before; checked below
            }
            RecordRow row = RecordRow.of(r.record());
            text.append(logId).append('\t').append(r.seq()).append('\t').append(r.type()).append('\t').append(r.hash())
                    .append("\t\\\\x");
            HEX.formatHex(text, r.line());
            field(text, row.decisionId());
            field(text, row.submissionId());
            field(text, row.submitter());
            field(text, row.verdict());
            field(text, row.recordedAt() == null ? null : row.recordedAt().toString());
            text.append('\n');
        }
        try {
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY greenlight_staging (" + COLUMNS + ") FROM STDIN",
                    new java.io.StringReader(text.toString()));
        } catch (java.io.IOException e) {
            throw new SQLException("COPY failed: " + e.getMessage(), e);
        }
    }

    /** A tab and one value in COPY's text format: \N for null; backslash, tab, newline, return escaped. */
    private static void field(StringBuilder out, String value) {
        out.append('\t');
        if (value == null) {
            out.append("\\N");
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(ch);
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
            Connection c = db.connect();
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute(STAGING);
            }
            c.commit();
            connection = c;
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
