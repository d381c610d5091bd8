package dev.greenlight.ship.postgres.desk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.desk.Case;
import dev.greenlight.desk.Queue;
import dev.greenlight.ship.postgres.PgSettings;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * With 1,000,000 open cases, claim-next reads the front of the queue from the partial claim index
 * (no scan of the table, no sort), whether PostgreSQL plans it for the values given or generically.
 */
class ClaimPlanTest {
    static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");
    static final int CASES = 1_000_000;

    @Test
    void claimNextUsesThePartialClaimIndex_withAMillionOpenCases() throws Exception {
        PgSettings db = TestDatabase.fresh();
        long base = CaseRows.nanos(T0);
        // 1,000,000 open review cases over four priorities, and 1,000 closed ones (outside the partial index)
        TestDatabase.execute(db, "INSERT INTO desk_case (case_id, decision_id, submission_id, queue, state, priority, opened_at,"
                + " due_at, version, final_verdict, area) SELECT 'c-' || g, 'd-' || g, 's-' || g, 'REVIEW',"
                + " CASE WHEN g <= 1000 THEN 'CLOSED' ELSE 'OPEN' END, (ARRAY[0, 10, 50, 100])[1 + g % 4],"
                + " " + base + "::bigint + g * 1000000::bigint, " + base + "::bigint + g * 1000000::bigint + 14400000000000, g * 1000000::bigint,"
                + " CASE WHEN g <= 1000 THEN 'APPROVE' END, 'minors' FROM generate_series(1, " + (CASES + 1000) + ") g");
        TestDatabase.execute(db, "VACUUM ANALYZE desk_case");
        for (String mode : new String[] {"force_custom_plan", "force_generic_plan"}) {
            String first = plan(db, mode, ClaimScan.FIRST, false);
            assertThat(first).as(mode + ":\n" + first).contains("Index Scan using desk_case_claim_order")
                    .doesNotContain("Seq Scan").doesNotContain("Sort");
            String next = plan(db, mode, ClaimScan.NEXT, true);
            assertThat(next).as(mode + ":\n" + next).contains("desk_case_claim_order").doesNotContain("Seq Scan");
        }
        try (PgCaseStore store = PgCaseStore.open(db, 2)) {
            Case c = store.claimNext(Queue.REVIEW, "rev-ana", T0, T0.plusSeconds(60), x -> true).orElseThrow();
            // priority 100 first (g % 4 == 3), oldest first: g = 1003
            assertThat(c.caseId()).isEqualTo("c-1003");
            assertThat(store.claimNext(Queue.REVIEW, "rev-ana", T0, T0.plusSeconds(60), x -> !x.caseId().equals("c-1007"))
                    .orElseThrow().caseId()).isEqualTo("c-1011");
        }
    }

    /** EXPLAIN of the statement as the server would run it in {@code mode}: PREPAREd, then EXECUTEd with values. */
    private static String plan(PgSettings db, String mode, String sql, boolean next) throws SQLException {
        StringBuilder numbered = new StringBuilder();
        int n = 0;
        for (char ch : sql.toCharArray()) {
            if (ch == '?') {
                numbered.append('$').append(++n);
            } else {
                numbered.append(ch);
            }
        }
        String now = Long.toString(CaseRows.nanos(T0));
        String args = next ? "'REVIEW', " + now + ", 100, 100, " + (CaseRows.nanos(T0) + 5_000_000_000L) + ", 'c-5003', 4"
                : "'REVIEW', " + now + ", 4";
        StringBuilder out = new StringBuilder();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("SET plan_cache_mode = " + mode);
            s.execute("PREPARE claim AS " + numbered);
            try (ResultSet rs = s.executeQuery("EXPLAIN EXECUTE claim(" + args + ")")) {
                while (rs.next()) {
                    out.append(rs.getString(1)).append('\n');
                }
            }
        }
        System.out.println("claim-next " + (next ? "next page" : "first page") + ", " + mode + ":\n" + out);
        return out.toString();
    }
}
