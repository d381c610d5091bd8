package dev.greenlight.ship.postgres;

import org.flywaydb.core.Flyway;

/**
 * Creates and upgrades Greenlight's tables with Flyway (scripts in {@code db/greenlight}, history in
 * {@code greenlight_schema_history}), so a database shared with other applications keeps its own
 * history apart. Safe to call from every node at start: Flyway takes a lock while it migrates.
 */
public final class PgSchema {
    private PgSchema() {
    }

    /** Brings the schema up to date; returns how many migrations ran. */
    public static int migrate(PgSettings db) {
        Flyway flyway = Flyway.configure()
                .dataSource(db.url(), db.user(), db.password())
                .locations("classpath:db/greenlight")
                .table("greenlight_schema_history")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load();
        return flyway.migrate().migrationsExecuted;
    }
}
