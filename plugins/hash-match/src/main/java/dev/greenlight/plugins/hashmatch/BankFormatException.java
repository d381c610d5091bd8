package dev.greenlight.plugins.hashmatch;

/**
 * A bank file that cannot be used: a malformed line (the message names the file and line, as
 * {@code file:line: problem}), or a file that is missing or unreadable. Thrown from
 * {@link HashMatch#start}, so the plugin is reported failed rather than running with a partial bank.
 */
final class BankFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BankFormatException(String message) {
        super(message);
    }

    BankFormatException(String message, Throwable cause) {
        super(message, cause);
    }

    static BankFormatException at(String source, int line, String problem) {
        return new BankFormatException(source + ":" + line + ": " + problem);
    }
}
