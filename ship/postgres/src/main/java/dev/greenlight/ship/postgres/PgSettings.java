package dev.greenlight.ship.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * How to reach the PostgreSQL database: a JDBC URL ({@code jdbc:postgresql://host:5432/greenlight})
 * and, when the URL does not carry them, a user and password. {@link #fromEnvironment} reads
 * {@code GREENLIGHT_DB_USER} and {@code GREENLIGHT_DB_PASSWORD} so passwords stay off command lines.
 * Immutable.
 *
 * @param url      a {@code jdbc:postgresql:} URL
 * @param user     null to use the URL's or the driver's default
 * @param password null for none
 */
public record PgSettings(String url, String user, String password) {
    public static final String USER_ENV = "GREENLIGHT_DB_USER";
    public static final String PASSWORD_ENV = "GREENLIGHT_DB_PASSWORD";

    public PgSettings {
        Objects.requireNonNull(url, "url");
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("the database URL must start with jdbc:postgresql: (was " + url + ")");
        }
    }

    /** {@code url} with the user and password given, else those of the environment. */
    public static PgSettings fromEnvironment(String url, String user, String password, Map<String, String> env) {
        return new PgSettings(url, user != null ? user : env.get(USER_ENV), password != null ? password : env.get(PASSWORD_ENV));
    }

    /** A new connection; the caller closes it. */
    public Connection connect() throws SQLException {
        Properties p = new Properties();
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        // one multi-row INSERT per batch rather than a round trip per row
        p.setProperty("reWriteBatchedInserts", "true");
        p.setProperty("ApplicationName", "greenlight");
        return DriverManager.getConnection(url, p);
    }

    /** The URL without a password that it may carry, for messages. */
    @Override
    public String toString() {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }
}
