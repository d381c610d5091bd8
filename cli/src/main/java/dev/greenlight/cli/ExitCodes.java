package dev.greenlight.cli;

/** Exit codes of every subcommand (docs/contract.md §5). */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** Some input was invalid, or a check failed. */
    public static final int INVALID = 1;
    /** Bad usage or configuration (e.g. rules that do not compile). */
    public static final int CONFIG = 2;

    private ExitCodes() {
    }
}
