package dev.greenlight.cli;

/** Entry point of the {@code greenlight} executable. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // picocli looks for Groovy (groovy.lang.Closure) unless told not to; the failed lookup opens
        // every jar on the class path, a tenth of a second of a short command's start. No Greenlight
        // command is written in Groovy.
        System.setProperty("picocli.disable.closures", "true");
        // an audit command starts faster without the other commands' models (see newAuditCommandLine)
        boolean audit = args.length > 0 && args[0].equals("audit");
        System.exit((audit ? GreenlightCommand.newAuditCommandLine(args.length > 1 ? args[1] : null)
                : GreenlightCommand.newCommandLine()).execute(args));
    }
}
