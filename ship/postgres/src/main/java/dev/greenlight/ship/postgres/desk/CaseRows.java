package dev.greenlight.ship.postgres.desk;

import dev.greenlight.desk.Case;
import dev.greenlight.desk.CaseState;
import dev.greenlight.desk.Queue;
import dev.greenlight.desk.spi.CaseOrigin;
import dev.greenlight.model.Verdict;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

/**
 * A case as a {@code desk_case} row and back: the column list, binding, reading (refusing a value
 * the desk does not know, naming the column and case), instants as nanoseconds since the epoch, and
 * how a lapsed lease reads. Stateless.
 */
final class CaseRows {
    /** The case's columns, in the order {@link #bind} and {@link #read} use. */
    static final String COLUMNS = "case_id, decision_id, submission_id, queue, state, priority, opened_at, due_at, version, "
            + "claimed_by, lease_until, final_verdict, area, decided_by";
    static final String ORIGIN_COLUMNS = "origin_log, decision_seq, decision_hash, decision_line";
    /** How many parameters {@link #bind} sets. */
    static final int WIDTH = 14;

    private CaseRows() {
    }

    /** Sets parameters {@code first} … {@code first + WIDTH - 1} to the case's columns. */
    static void bind(PreparedStatement ps, int first, Case c) throws SQLException {
        int i = first;
        ps.setString(i++, c.caseId());
        ps.setString(i++, c.decisionId());
        ps.setString(i++, c.submissionId());
        ps.setString(i++, c.queue().name());
        ps.setString(i++, c.state().name());
        ps.setInt(i++, c.priority());
        ps.setLong(i++, nanos(c.openedAt(), "openedAt", c));
        ps.setLong(i++, nanos(c.dueAt(), "dueAt", c));
        ps.setLong(i++, c.version());
        ps.setString(i++, c.claimedBy());
        if (c.leaseUntil() == null) {
            ps.setNull(i++, Types.BIGINT);
        } else {
            ps.setLong(i++, nanos(c.leaseUntil(), "leaseUntil", c));
        }
        ps.setString(i++, c.finalVerdict() == null ? null : c.finalVerdict().name());
        ps.setString(i++, c.area());
        ps.setString(i, c.decidedBy());
    }

    /** Sets parameters {@code first} … {@code first + 3} to the origin's columns (all null for none). */
    static void bindOrigin(PreparedStatement ps, int first, CaseOrigin o) throws SQLException {
        ps.setString(first, o == null ? null : o.logId());
        if (o == null) {
            ps.setNull(first + 1, Types.BIGINT);
        } else {
            ps.setLong(first + 1, o.decisionSeq());
        }
        ps.setString(first + 2, o == null ? null : o.decisionHash());
        ps.setBytes(first + 3, o == null ? null : o.decisionLine());
    }

    /** The case in the current row, as stored (see {@link #asOf} for how it reads at a moment). */
    static Case read(ResultSet rs) throws SQLException {
        String id = rs.getString(1);
        long lease = rs.getLong(11);
        Instant leaseUntil = rs.wasNull() ? null : instant(lease);
        String verdict = rs.getString(12);
        return new Case(id, rs.getString(2), rs.getString(3), known(Queue.class, rs.getString(4), "queue", id),
                known(CaseState.class, rs.getString(5), "state", id), rs.getInt(6), instant(rs.getLong(7)),
                instant(rs.getLong(8)), rs.getLong(9), rs.getString(10), leaseUntil,
                verdict == null ? null : known(Verdict.class, verdict, "final_verdict", id), rs.getString(13),
                rs.getString(14));
    }

    /** The origin in columns {@code first} … {@code first + 3} of the current row, or null when none is kept. */
    static CaseOrigin readOrigin(ResultSet rs, int first, String caseId) throws SQLException {
        String log = rs.getString(first);
        if (log == null) {
            return null;
        }
        try {
            return new CaseOrigin(log, rs.getLong(first + 1), rs.getString(first + 2), rs.getBytes(first + 3));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new SQLException("desk_case row " + caseId + ": its origin columns are not an origin: " + e.getMessage(), e);
        }
    }

    /**
     * How a stored case reads at {@code now}: a claim whose lease is not after {@code now} has lapsed,
     * and the case reads as open, unclaimed, its version one higher (the SPI's rule).
     */
    static Case asOf(Case stored, Instant now) {
        return lapsed(stored, now) ? reopened(stored) : stored;
    }

    static boolean lapsed(Case c, Instant now) {
        return c.state() == CaseState.CLAIMED && c.leaseUntil() != null && !c.leaseUntil().isAfter(now);
    }

    /** A lapsed claim back in its queue. */
    static Case reopened(Case c) {
        return new Case(c.caseId(), c.decisionId(), c.submissionId(), c.queue(), CaseState.OPEN, c.priority(), c.openedAt(),
                c.dueAt(), c.version() + 1, null, null, null, c.area(), c.decidedBy());
    }

    /** {@code c} claimed by {@code account} until {@code leaseUntil}, its version one higher. */
    static Case claimed(Case c, String account, Instant leaseUntil) {
        return new Case(c.caseId(), c.decisionId(), c.submissionId(), c.queue(), CaseState.CLAIMED, c.priority(),
                c.openedAt(), c.dueAt(), c.version() + 1, account, leaseUntil, null, c.area(), c.decidedBy());
    }

    /** Nanoseconds since the epoch; a bigint holds the years 1677 to 2262. */
    static long nanos(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    }

    private static long nanos(Instant t, String field, Case c) {
        try {
            return nanos(t);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("case " + c.caseId() + ": " + field + " " + t
                    + " is outside the years 1677–2262 that the desk's database can hold", e);
        }
    }

    static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    /** The constant named {@code value}, or an error naming the column and case (never a guess). */
    private static <E extends Enum<E>> E known(Class<E> type, String value, String column, String caseId) throws SQLException {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new SQLException("desk_case row " + caseId + ": column " + column + " holds \"" + value
                    + "\", which is not a " + type.getSimpleName() + " the desk knows", e);
        }
    }
}
