package dev.greenlight.cli;

/** Entry point of the {@code greenlight} executable. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // the audit commands start faster without the other commands' models (see newAuditCommandLine)
        boolean audit = args.length > 0 && args[0].equals("audit");
        System.exit((audit ? GreenlightCommand.newAuditCommandLine() : GreenlightCommand.newCommandLine()).execute(args));
    }
}
