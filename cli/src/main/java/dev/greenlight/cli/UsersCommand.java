package dev.greenlight.cli;

import dev.greenlight.desk.accounts.Account;
import dev.greenlight.desk.accounts.Accounts;
import dev.greenlight.desk.accounts.AccountsFileException;
import dev.greenlight.desk.accounts.Role;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code greenlight users …}: the review desk's users file (engine/server/SERVING.md). */
@Command(name = "users", mixinStandardHelpOptions = true,
        header = "Manages the review desk's users file.",
        description = {"Adds accounts (reviewer, lead, auditor) with a PBKDF2 password hash, lists them, and issues API",
            "tokens (kept as their SHA-256). greenlight serve reads the file."},
        subcommands = {UsersCommand.Add.class, UsersCommand.ListUsers.class, UsersCommand.Token.class})
final class UsersCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Reads the users file, reporting a bad line as FILE:LINE. */
    static Optional<Accounts> load(Path file, boolean mayBeMissing, PrintWriter err) {
        try {
            return Optional.of(mayBeMissing ? Accounts.loadOrEmpty(file) : Accounts.load(file));
        } catch (AccountsFileException e) {
            err.println("greenlight: " + e.getMessage());
            return Optional.empty();
        }
    }

    static final class RoleConverter implements CommandLine.ITypeConverter<Role> {
        @Override
        public Role convert(String value) {
            try {
                return Role.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, header = "Adds an account, or replaces one of the same name.",
            description = {"Adds NAME with its roles and a password (asked for twice on the terminal, or one line from",
                "standard input with --password-stdin). An account replaced keeps its API token."})
    static final class Add implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "1 to 64 characters of A-Z a-z 0-9 . _ @ -")
        String name;

        @Option(names = "--role", paramLabel = "ROLE", required = true, converter = RoleConverter.class,
                description = "reviewer, lead or auditor; repeat for more than one.")
        List<Role> roles;

        @Option(names = "--users", paramLabel = "FILE", required = true, description = "The users file (created if missing).")
        Path users;

        @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
        boolean passwordStdin;

        @Option(names = "--no-password", description = "No password: the account signs in with an API token only.")
        boolean noPassword;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = SafeOutput.text(spec.commandLine().getOut());
            PrintWriter err = SafeOutput.text(spec.commandLine().getErr());
            Account account;
            try {
                account = new Account(name, EnumSet.copyOf(roles));
            } catch (IllegalArgumentException e) {
                err.println("greenlight: NAME: " + e.getMessage());
                return ExitCodes.INVALID;
            }
            Optional<Accounts> accounts = load(users, true, err);
            if (accounts.isEmpty()) {
                return ExitCodes.CONFIG;
            }
            String hash = null;
            if (!noPassword) {
                char[] password = passwordStdin ? stdinPassword() : consolePassword(err);
                if (password == null) {
                    return ExitCodes.INVALID;
                }
                if (password.length < 8) {
                    err.println("greenlight: the password must be at least 8 characters");
                    Arrays.fill(password, '\0');
                    return ExitCodes.INVALID;
                }
                hash = Accounts.hashPassword(password);
                Arrays.fill(password, '\0');
            }
            String token = accounts.get().entries().stream().filter(e -> e.account().name().equals(name))
                    .map(Accounts.Entry::tokenSha256).findFirst().orElse(null);
            accounts.get().with(new Accounts.Entry(account, hash, token)).save(users);
            out.println("account " + name + " (" + roleList(account.roles()) + ") saved in " + users);
            return ExitCodes.OK;
        }

        private static char[] stdinPassword() throws IOException {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            return line == null ? new char[0] : line.toCharArray();
        }

        private static char[] consolePassword(PrintWriter err) {
            Console c = System.console();
            if (c == null) {
                err.println("greenlight: no terminal to ask for the password; use --password-stdin");
                return null;
            }
            char[] a = c.readPassword("password: ");
            char[] b = c.readPassword("again: ");
            if (a == null || b == null || !Arrays.equals(a, b)) {
                err.println("greenlight: the passwords differ");
                return null;
            }
            Arrays.fill(b, '\0');
            return a;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, header = "Lists the accounts: name, roles, password, token.")
    static final class ListUsers implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--users", paramLabel = "FILE", required = true, description = "The users file.")
        Path users;

        @Override
        public Integer call() {
            PrintWriter out = SafeOutput.text(spec.commandLine().getOut());
            Optional<Accounts> accounts = load(users, false, SafeOutput.text(spec.commandLine().getErr()));
            if (accounts.isEmpty()) {
                return ExitCodes.CONFIG;
            }
            for (Accounts.Entry e : accounts.get().entries()) {
                out.println(String.format("%-24s %-22s %-12s %s", e.account().name(), roleList(e.account().roles()),
                        e.passwordHash() != null ? "password" : "no password", e.tokenSha256() != null ? "token" : "no token"));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "token", mixinStandardHelpOptions = true, header = "Issues a new API token for an account.",
            description = {"Prints a new random API token for NAME once; the users file keeps only its SHA-256. A token",
                "issued before for NAME stops working."})
    static final class Token implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "An account in the users file.")
        String name;

        @Option(names = "--users", paramLabel = "FILE", required = true, description = "The users file.")
        Path users;

        @Override
        public Integer call() throws IOException {
            PrintWriter err = SafeOutput.text(spec.commandLine().getErr());
            Optional<Accounts> accounts = load(users, false, err);
            if (accounts.isEmpty()) {
                return ExitCodes.CONFIG;
            }
            Optional<Accounts.Entry> entry = accounts.get().entries().stream()
                    .filter(e -> e.account().name().equals(name)).findFirst();
            if (entry.isEmpty()) {
                err.println("greenlight: " + users + " has no account " + dev.greenlight.desk.SafeText.quote(name));
                return ExitCodes.INVALID;
            }
            String token = Accounts.newToken();
            Accounts.Entry e = entry.get();
            accounts.get().with(new Accounts.Entry(e.account(), e.passwordHash(), Accounts.tokenSha256(token))).save(users);
            spec.commandLine().getOut().println(token);
            return ExitCodes.OK;
        }
    }

    static String roleList(Set<Role> roles) {
        return EnumSet.copyOf(roles).stream().map(Role::id).collect(Collectors.joining(","));
    }
}
