package dev.greenlight.ship.postgres.desk;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Runs one unit of work in one transaction on a connection of the pool, and makes sure no
 * connection goes back to the pool inside a transaction: commit on success; on any failure a
 * rollback (a connection that cannot even roll back is evicted from the pool), then the failure is
 * passed on — a database error as a {@link CaseStoreException} naming the operation, anything else
 * (what the desk's change threw) unchanged. Thread-safe.
 */
final class Transactions {
    /** Work on a connection in a transaction; it neither commits nor rolls back. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final DataSource pool;

    Transactions(DataSource pool) {
        this.pool = pool;
    }

    /** Runs {@code work} and commits; {@code what} names the operation for messages ("update of case c-7"). */
    <T> T run(String what, Work<T> work) {
        Connection c;
        try {
            c = pool.getConnection();
        } catch (SQLException e) {
            throw new CaseStoreException("the desk's database: " + what + " failed: no connection: " + e.getMessage(), e);
        }
        boolean restoreAutoCommit = false;
        try {
            if (c.getAutoCommit()) {
                c.setAutoCommit(false);
                restoreAutoCommit = true;
            }
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException e) {
            CaseStoreException failure = new CaseStoreException("the desk's database: " + what + " failed: " + e.getMessage(), e);
            rollback(c, failure);
            throw failure;
        } catch (RuntimeException | Error e) {
            rollback(c, e);
            throw e;
        } finally {
            close(c, restoreAutoCommit);
        }
    }

    private void rollback(Connection c, Throwable failure) {
        try {
            c.rollback();
        } catch (SQLException | RuntimeException e) {
            failure.addSuppressed(e);
            // it cannot be trusted outside a transaction: never hand it out again
            if (pool instanceof HikariDataSource hikari) {
                hikari.evictConnection(c);
            }
        }
    }

    private static void close(Connection c, boolean restoreAutoCommit) {
        try {
            if (restoreAutoCommit && !c.isClosed()) {
                c.setAutoCommit(true);
            }
        } catch (SQLException ignored) {
            // closing follows; a pool resets or drops the connection
        }
        try {
            c.close();
        } catch (SQLException ignored) {
            // nothing is pending on it: committed or rolled back above
        }
    }
}
