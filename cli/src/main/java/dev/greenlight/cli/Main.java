package dev.greenlight.cli;

/** Entry point of the {@code greenlight} executable. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(GreenlightCommand.newCommandLine().execute(args));
    }
}
