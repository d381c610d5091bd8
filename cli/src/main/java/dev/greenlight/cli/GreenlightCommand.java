package dev.greenlight.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code greenlight} command; does nothing itself but list its subcommands. */
@Command(name = "greenlight", mixinStandardHelpOptions = true, versionProvider = GreenlightCommand.Version.class,
        description = "Decides whether AI-generated creative work may be published.",
        subcommands = {DryRunCommand.class, ValidateCommand.class, TestCommand.class, ExplainCommand.class,
                PluginsCommand.class, AuditCommand.class, ReplayCommand.class, BenchCommand.class, ServeCommand.class, ShadowCommand.class,
                UsersCommand.class,
                CommandLine.HelpCommand.class})
public final class GreenlightCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** A command line with Greenlight's exit-code mapping: usage errors are 2. */
    public static CommandLine newCommandLine() {
        CommandLine cl = new CommandLine(new GreenlightCommand());
        AuditCommand.addSubcommands(cl.getSubcommands().get("audit"), null);
        return configure(cl);
    }

    /**
     * The same command line with only {@code greenlight audit …} in it, and of the audit commands
     * only {@code auditCommand}'s when it names one (all of them otherwise), for a fast start:
     * picocli builds every subcommand's model up front, by reflection, and one audit command needs
     * none of the others' (engine, rules, plugins). Its usage and errors read as the full tree's do.
     *
     * @param auditCommand the word after {@code audit} on the command line, or null
     */
    public static CommandLine newAuditCommandLine(String auditCommand) {
        CommandLine cl = new CommandLine(new AuditOnly());
        AuditCommand.addSubcommands(cl.getSubcommands().get("audit"), auditCommand);
        return configure(cl);
    }

    /** The root of {@link #newAuditCommandLine}: {@code greenlight} with the audit commands only. */
    @Command(name = "greenlight", mixinStandardHelpOptions = true, versionProvider = GreenlightCommand.Version.class,
            subcommands = {AuditCommand.class})
    static final class AuditOnly implements Runnable {
        @Override
        public void run() {
            // never run: Main uses this tree only for arguments that start with "audit"
        }
    }

    private static CommandLine configure(CommandLine cl) {
        InapplicableOptions.drop(cl);
        cl.setExitCodeExceptionMapper(e -> ExitCodes.CONFIG);
        cl.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println(ex.getMessage());
            ex.getCommandLine().getErr().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return ExitCodes.CONFIG;
        });
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The version, from the properties Maven writes at build time. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Version.class.getResourceAsStream("/greenlight-version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {
                "greenlight " + p.getProperty("version", "unknown"),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
            };
        }
    }
}
