package dev.greenlight.desk.accounts;

/** The users file cannot be read or has a bad line: the message starts with {@code FILE:LINE:}. */
public final class AccountsFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AccountsFileException(String message) {
        super(message);
    }
}
