package dev.greenlight.ship.postgres.desk;

import dev.greenlight.desk.spi.CaseStore;
import dev.greenlight.desk.spi.CaseStoreContract;
import dev.greenlight.ship.postgres.PgSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** PgCaseStore keeps the same {@link CaseStore} contract as the in-memory store (engine/desk's test-jar). */
class PgCaseStoreContractTest extends CaseStoreContract {
    static PgSettings db;
    static PgCaseStore pg;

    @BeforeAll
    static void openStore() throws Exception {
        db = TestDatabase.fresh();
        pg = PgCaseStore.open(db, 4);
    }

    @AfterAll
    static void closeStore() {
        pg.close();
    }

    @Override
    protected CaseStore newStore() throws Exception {
        TestDatabase.execute(db, "TRUNCATE desk_case");
        return pg;
    }
}
