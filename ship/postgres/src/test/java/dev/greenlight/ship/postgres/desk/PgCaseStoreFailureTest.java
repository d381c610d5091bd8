package dev.greenlight.ship.postgres.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greenlight.desk.Case;
import dev.greenlight.desk.CaseState;
import dev.greenlight.desk.Queue;
import dev.greenlight.desk.spi.CaseOrigin;
import dev.greenlight.ship.postgres.PgSettings;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** What goes wrong: a change that throws, a row the desk cannot read, a database that is not there. */
class PgCaseStoreFailureTest {
    static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");

    PgSettings db;
    PgCaseStore store;

    @BeforeEach
    void oneConnection() throws Exception {
        db = TestDatabase.fresh();
        // one connection: a connection left inside a transaction (holding the row) would stop everything after
        store = PgCaseStore.open(db, 1);
    }

    @AfterEach
    void close() {
        store.close();
    }

    static Case open(int n) {
        return new Case("c-" + n, "d-" + n, "s-" + n, Queue.REVIEW, CaseState.OPEN, 10, T0, T0.plus(Duration.ofHours(4)),
                1_000_000L, null, null, null, "minors", null);
    }

    @Test
    void aChangeThatThrows_leavesTheRowByteForByte_andTheConnectionOutOfTransaction() throws Exception {
        store.insertIfAbsent(open(1), new CaseOrigin("ab".repeat(32), 3, "cd".repeat(32), "{}".getBytes(StandardCharsets.UTF_8)));
        store.claimNext(Queue.REVIEW, "rev-ana", T0, T0.plusSeconds(60), c -> true).orElseThrow();
        List<String> before = rawRows();
        Error boom = new AssertionError("the audit log is full");
        // the change is seen with the lease lapsed (so the row would be rewritten), then throws
        assertThatThrownBy(() -> store.update("c-1", T0.plusSeconds(61), null, c -> {
            throw boom;
        })).isSameAs(boom);
        assertThat(rawRows()).isEqualTo(before);
        // the one connection is free and the row unlocked: a claim takes the (lapsed) case at once
        assertThat(store.claimNext(Queue.REVIEW, "rev-bo", T0.plusSeconds(61), T0.plusSeconds(120), c -> true))
                .map(Case::claimedBy).contains("rev-bo");
        assertThat(idleInTransaction()).isZero();
    }

    @Test
    void aRowWithAValueTheDeskDoesNotKnow_isAnErrorNamingTheColumnAndCase_neverSkipped() throws Exception {
        store.insert(open(1));
        store.insert(open(2));
        TestDatabase.execute(db, "UPDATE desk_case SET state = 'CLOSED', final_verdict = 'MAYBE' WHERE case_id = 'c-1'");
        assertThatThrownBy(() -> store.get("c-1", T0)).isInstanceOf(CaseStoreException.class)
                .hasMessageContaining("reading case c-1").hasMessageContaining("final_verdict")
                .hasMessageContaining("MAYBE");
        assertThatThrownBy(() -> store.all(T0)).isInstanceOf(CaseStoreException.class).hasMessageContaining("c-1");
        TestDatabase.execute(db, "UPDATE desk_case SET priority = 99 WHERE case_id = 'c-2'");
        // a hand edit past the table's checks: a state the desk does not know, on a row a claim reads
        TestDatabase.execute(db, "ALTER TABLE desk_case DROP CONSTRAINT desk_case_state_check");
        TestDatabase.execute(db, "UPDATE desk_case SET state = 'PAUSED', lease_until = 0 WHERE case_id = 'c-2'");
        // the claim fails closed: it neither skips the case nor hands it out
        assertThatThrownBy(() -> store.claimNext(Queue.REVIEW, "rev-ana", T0, T0.plusSeconds(60), c -> true))
                .isInstanceOf(CaseStoreException.class).hasMessageContaining("claim-next in queue review")
                .hasMessageContaining("column state").hasMessageContaining("PAUSED").hasMessageContaining("c-2");
        assertThat(rawState("c-2")).isEqualTo("PAUSED");
        assertThat(idleInTransaction()).isZero();
    }

    @Test
    void anUndecidedCaseWithAVerdict_isRefused_namingTheCase() {
        Case odd = new Case("c-9", "d-9", "s-9", Queue.REVIEW, CaseState.OPEN, 10, T0, T0, 1L, null, null,
                dev.greenlight.model.Verdict.APPROVE, "", null);
        assertThatThrownBy(() -> store.insert(odd)).isInstanceOf(CaseStoreException.class)
                .hasMessageContaining("insert of case c-9").hasMessageContaining("desk_case_verdict_only_when_closed");
        assertThat(store.get("c-9", T0)).isEmpty();
    }

    @Test
    void noDatabase_isAnErrorNamingTheOperationAndCase() throws Exception {
        PGSimpleDataSource nowhere = new PGSimpleDataSource();
        try (ServerSocket s = new ServerSocket(0)) {
            nowhere.setURL("jdbc:postgresql://localhost:" + s.getLocalPort() + "/greenlight");
        } // closed: nothing listens there
        nowhere.setConnectTimeout(2);
        PgCaseStore gone = new PgCaseStore(nowhere);
        assertThatThrownBy(() -> gone.update("c-7", T0, c -> c)).isInstanceOf(CaseStoreException.class)
                .hasMessageContaining("update of case c-7").hasMessageContaining("no connection");
        assertThatThrownBy(() -> gone.claimNext(Queue.APPEAL, "rev-ana", T0, T0.plusSeconds(60), c -> true))
                .isInstanceOf(CaseStoreException.class).hasMessageContaining("claim-next in queue appeal for rev-ana");
        assertThatThrownBy(() -> PgCaseStore.open(new PgSettings(nowhere.getURL(), "postgres", null), 2))
                .isInstanceOf(CaseStoreException.class).hasMessageContaining("cannot bring its schema up to date");
    }

    /** Every row, every column, as PostgreSQL prints it. */
    private List<String> rawRows() throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT d::text FROM desk_case d ORDER BY case_id")) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    private String rawState(String caseId) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT state FROM desk_case WHERE case_id = '" + caseId + "'")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private int idleInTransaction() throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE state LIKE 'idle in transaction%'"
                     + " AND application_name = 'greenlight-desk'")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
