package dev.greenlight.ship.postgres.desk;

import dev.greenlight.desk.Case;
import dev.greenlight.desk.Queue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Claim-next inside one transaction: pages of candidates from the front of the queue, each row
 * locked with {@code FOR UPDATE SKIP LOCKED} (a case another claimer or an update holds is passed
 * over, never waited for, so claimers on several nodes do not queue behind each other), tested in
 * queue order; the first that {@code eligible} accepts is claimed. The first page is one case:
 * almost always it is taken, and every candidate costs a row lock (a write to its page, while
 * claimers on other nodes pass it over); the pages after it grow eightfold up to
 * {@link #LARGEST_PAGE}, each starting after the previous page's last candidate (keyset; PostgreSQL
 * reads it from the claim index, filtering out the rows before it). A claimer turned down by
 * {@link #MAX_SCANNED} candidates in a row gets nothing: their locks are held until the transaction
 * ends, so the scan is bounded.
 */
final class ClaimScan {
    static final int FIRST_PAGE = 1;
    static final int LARGEST_PAGE = 1_000;
    static final int MAX_SCANNED = 10_000;

    /** Undecided, and open at ? (never claimed, or its lease has lapsed): the claim index's predicate and order. */
    private static final String CLAIMABLE = "SELECT " + CaseRows.COLUMNS + " FROM desk_case WHERE queue = ?"
            + " AND final_verdict IS NULL AND state <> 'CLOSED'"
            + " AND (state = 'OPEN' OR lease_until <= ?)";
    private static final String ORDER = " ORDER BY priority DESC, opened_at, case_id LIMIT ? FOR UPDATE SKIP LOCKED";
    static final String FIRST = CLAIMABLE + ORDER;
    /** After the previous page's last candidate: priority descending, then opened_at and case_id ascending. */
    static final String NEXT = CLAIMABLE + " AND (priority < ? OR (priority = ? AND (opened_at, case_id) > (?, ?)))"
            + ORDER;
    private static final String CLAIM = "UPDATE desk_case SET state = 'CLAIMED', claimed_by = ?, lease_until = ?, version = ?"
            + " WHERE case_id = ?";

    private ClaimScan() {
    }

    /** Claims the first eligible open case of {@code queue}, or none; the caller commits. */
    static Optional<Case> claim(Connection conn, Queue queue, String account, Instant now, Instant leaseUntil,
                                Predicate<Case> eligible) throws SQLException {
        long at = CaseRows.nanos(now);
        Case last = null;
        int scanned = 0;
        int page = FIRST_PAGE;
        while (scanned < MAX_SCANNED) {
            List<Case> candidates = page(conn, queue, at, last, Math.min(page, MAX_SCANNED - scanned));
            for (Case stored : candidates) {
                // a lapsed claim reads as open with its version raised; the claim raises it once more
                Case c = CaseRows.asOf(stored, now);
                if (eligible.test(c)) {
                    return Optional.of(write(conn, c, account, leaseUntil));
                }
            }
            if (candidates.size() < page) {
                return Optional.empty(); // the end of the queue (or all the rest is held by others)
            }
            scanned += candidates.size();
            last = candidates.get(candidates.size() - 1);
            page = Math.min(Math.max(page * 8, 8), LARGEST_PAGE);
        }
        return Optional.empty();
    }

    private static List<Case> page(Connection conn, Queue queue, long now, Case after, int size) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(after == null ? FIRST : NEXT)) {
            int i = 1;
            ps.setString(i++, queue.name());
            ps.setLong(i++, now);
            if (after != null) {
                ps.setInt(i++, after.priority());
                ps.setInt(i++, after.priority());
                ps.setLong(i++, CaseRows.nanos(after.openedAt()));
                ps.setString(i++, after.caseId());
            }
            ps.setInt(i, size);
            List<Case> out = new ArrayList<>(size);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(CaseRows.read(rs));
                }
            }
            return out;
        }
    }

    private static Case write(Connection conn, Case c, String account, Instant leaseUntil) throws SQLException {
        Case claimed = CaseRows.claimed(c, account, leaseUntil);
        try (PreparedStatement ps = conn.prepareStatement(CLAIM)) {
            ps.setString(1, account);
            ps.setLong(2, CaseRows.nanos(leaseUntil));
            ps.setLong(3, claimed.version());
            ps.setString(4, c.caseId());
            if (ps.executeUpdate() != 1) {
                throw new SQLException("case " + c.caseId() + " vanished while locked");
            }
        }
        return claimed;
    }
}
