package dev.greenlight.cli;

import dev.greenlight.ship.postgres.PgSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where the shipped logs are in PostgreSQL: {@code --db URL}, and the user and password from
 * {@code --db-user} / {@code --db-password-file} or the environment ({@code GREENLIGHT_DB_USER},
 * {@code GREENLIGHT_DB_PASSWORD}), so a password never appears on a command line.
 */
final class DbOptions {
    @Option(names = "--db", paramLabel = "JDBC-URL",
            description = "Read the logs shipped to this PostgreSQL database (jdbc:postgresql://HOST:5432/DB) instead of a file.")
    String url;

    @Option(names = "--db-user", paramLabel = "USER", description = "Database user (else $GREENLIGHT_DB_USER).")
    String user;

    @Option(names = "--db-password-file", paramLabel = "FILE",
            description = "A file holding the database password (else $GREENLIGHT_DB_PASSWORD).")
    Path passwordFile;

    boolean given() {
        return url != null;
    }

    /** The settings; {@link IllegalArgumentException} naming the option when the URL is not a PostgreSQL JDBC URL. */
    PgSettings settings() throws IOException {
        String password = passwordFile == null ? null : Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
        try {
            return PgSettings.fromEnvironment(url, user, password, System.getenv());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--db: " + e.getMessage(), e);
        }
    }
}
