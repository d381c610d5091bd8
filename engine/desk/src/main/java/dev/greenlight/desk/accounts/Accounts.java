package dev.greenlight.desk.accounts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The review desk's accounts, read from a users file: one account a line,
 *
 * <pre>
 * # name   roles              password hash                               API token (SHA-256 of it)
 * ana      reviewer           pbkdf2-sha256$210000$SALT$HASH              -
 * lee      reviewer,lead      pbkdf2-sha256$210000$SALT$HASH              9f86d081884c7d65…
 * bot-7    auditor            -                                           2c26b46b68ffc68f…
 * </pre>
 *
 * separated by spaces or tabs; {@code -} for no password (token only) or no token; {@code #}
 * comments and blank lines are ignored. Passwords are PBKDF2-HMAC-SHA256 with at least 210,000
 * iterations and a 16-byte random salt ({@link #hashPassword}); tokens are kept only as their
 * SHA-256, so the file holds no secret that signs anyone in. {@code greenlight users add|list|token}
 * writes it. Immutable and thread-safe.
 */
public final class Accounts {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    /** Checked against when the name is unknown, so an unknown name takes as long as a wrong password. */
    private static final PasswordHash.Parsed DUMMY = PasswordHash.parse(PasswordHash.format(PasswordHash.ITERATIONS,
            new byte[16], new byte[32]));

    /**
     * One line of the users file.
     *
     * @param account      name and roles
     * @param passwordHash {@code pbkdf2-sha256$…}, or null for none (token only)
     * @param tokenSha256  the SHA-256 (hex) of the account's API token, or null for none
     */
    public record Entry(Account account, String passwordHash, String tokenSha256) {
        public Entry {
            Objects.requireNonNull(account, "account");
            if (passwordHash != null) {
                PasswordHash.parse(passwordHash);
            }
            if (tokenSha256 != null && !HEX64.matcher(tokenSha256).matches()) {
                throw new IllegalArgumentException("token must be a SHA-256 in 64 lower-case hex digits");
            }
        }

        String line() {
            StringBuilder roles = new StringBuilder();
            for (Role r : EnumSet.copyOf(account.roles())) {
                roles.append(roles.length() == 0 ? "" : ",").append(r.id());
            }
            return account.name() + " " + roles + " " + (passwordHash == null ? "-" : passwordHash) + " "
                    + (tokenSha256 == null ? "-" : tokenSha256);
        }
    }

    private final Map<String, Entry> byName;
    private final Map<String, Entry> byToken;

    private Accounts(Map<String, Entry> byName) {
        this.byName = new LinkedHashMap<>(byName);
        this.byToken = new HashMap<>();
        byName.values().forEach(e -> {
            if (e.tokenSha256() != null) {
                byToken.put(e.tokenSha256(), e);
            }
        });
    }

    /** No accounts. */
    public static Accounts empty() {
        return new Accounts(Map.of());
    }

    /** Accounts of these entries (names must be distinct). */
    public static Accounts of(List<Entry> entries) {
        Map<String, Entry> m = new LinkedHashMap<>();
        for (Entry e : entries) {
            if (m.put(e.account().name(), e) != null) {
                throw new IllegalArgumentException("account " + e.account().name() + " is listed twice");
            }
        }
        return new Accounts(m);
    }

    /**
     * Reads a users file.
     *
     * @throws AccountsFileException naming {@code FILE:LINE} and the problem (an unknown role, a bad
     *     name, a malformed hash, a name listed twice), or the file when it cannot be read
     */
    public static Accounts load(Path usersFile) {
        List<String> lines;
        try {
            lines = Files.readAllLines(usersFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new AccountsFileException(usersFile + ": no such users file (create it with greenlight users add)");
        } catch (IOException e) {
            throw new AccountsFileException(usersFile + ": cannot read users file: " + e.getMessage());
        }
        Map<String, Entry> m = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = usersFile + ":" + (i + 1) + ": ";
            Entry e = parse(line, where);
            if (m.put(e.account().name(), e) != null) {
                throw new AccountsFileException(where + "account " + e.account().name() + " is listed twice");
            }
        }
        return new Accounts(m);
    }

    /** As {@link #load}, but no accounts when the file does not exist yet (for {@code users add}). */
    public static Accounts loadOrEmpty(Path usersFile) {
        return Files.exists(usersFile) ? load(usersFile) : empty();
    }

    private static Entry parse(String line, String where) {
        String[] f = line.split("[ \t]+");
        if (f.length < 3 || f.length > 4) {
            throw new AccountsFileException(where + "expected: name roles password-hash [token-sha256], "
                    + "found " + f.length + " fields");
        }
        if (!Account.validName(f[0])) {
            throw new AccountsFileException(where + "account name must be 1 to 64 characters of A-Z a-z 0-9 . _ @ -");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String r : f[1].split(",")) {
            try {
                roles.add(Role.parse(r));
            } catch (IllegalArgumentException e) {
                throw new AccountsFileException(where + "unknown role in '" + f[1].replaceAll("[^A-Za-z0-9,._-]", "?")
                        + "' (expected reviewer, lead, auditor, separated by commas)");
            }
        }
        try {
            return new Entry(new Account(f[0], roles), "-".equals(f[2]) ? null : f[2],
                    f.length < 4 || "-".equals(f[3]) ? null : f[3]);
        } catch (IllegalArgumentException e) {
            throw new AccountsFileException(where + e.getMessage());
        }
    }

    /**
     * The account whose password this is. Takes as long for an unknown name or an account without a
     * password as for a wrong password (one PBKDF2 derivation either way); compares in constant time.
     * The password array is left as given (the caller wipes it).
     */
    public Optional<Account> authenticate(String name, char[] password) {
        Entry e = name == null ? null : byName.get(name);
        PasswordHash.Parsed stored = e == null || e.passwordHash() == null ? DUMMY : PasswordHash.parse(e.passwordHash());
        boolean ok = PasswordHash.verify(password == null ? new char[0] : password, stored);
        return ok && e != null && e.passwordHash() != null ? Optional.of(e.account()) : Optional.empty();
    }

    /** The account whose API token this is (compared by SHA-256). */
    public Optional<Account> byToken(String bearerToken) {
        if (bearerToken == null || bearerToken.isEmpty() || bearerToken.length() > 512) {
            return Optional.empty();
        }
        Entry e = byToken.get(PasswordHash.tokenHash(bearerToken));
        return Optional.ofNullable(e == null ? null : e.account());
    }

    /** The account named {@code name}. */
    public Optional<Account> byName(String name) {
        Entry e = byName.get(name);
        return Optional.ofNullable(e == null ? null : e.account());
    }

    /** Every line, in file order. */
    public List<Entry> entries() {
        return List.copyOf(byName.values());
    }

    /** These accounts with {@code entry} added, or replacing the account of the same name. */
    public Accounts with(Entry entry) {
        Map<String, Entry> m = new LinkedHashMap<>(byName);
        m.put(entry.account().name(), entry);
        return new Accounts(m);
    }

    /**
     * Writes the users file: to a temporary file beside it (owner read/write only where the file
     * system has POSIX permissions), then renamed over it, so a reader never sees half a file.
     */
    public void save(Path usersFile) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("# Greenlight review desk accounts: name roles password-hash token-sha256 (engine/server/SERVING.md)");
        byName.values().forEach(e -> lines.add(e.line()));
        Path dir = usersFile.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, usersFile.getFileName().toString(), ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the directory's permissions protect it
            }
            Files.write(tmp, lines, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, usersFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, usersFile, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** A password hash for the users file ({@code pbkdf2-sha256$210000$SALT$HASH}, fresh random salt). */
    public static String hashPassword(char[] password) {
        Objects.requireNonNull(password, "password");
        return PasswordHash.hash(password);
    }

    /** A new random API token (shown once; the file keeps {@link #tokenSha256(String)} of it). */
    public static String newToken() {
        return PasswordHash.newToken();
    }

    /** The SHA-256 (hex) of a token, as the users file keeps it. */
    public static String tokenSha256(String token) {
        return PasswordHash.tokenHash(token);
    }
}
