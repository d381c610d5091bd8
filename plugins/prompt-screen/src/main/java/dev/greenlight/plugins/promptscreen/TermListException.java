package dev.greenlight.plugins.promptscreen;

/**
 * A term list that cannot be used: unreadable, not UTF-8, a line that is not a usable term, a badly
 * named file. Thrown from {@link PromptScreen#start}, which marks the plugin failed; the message
 * names the file and, where there is one, the line ({@code terms/brand.txt:12: …}).
 *
 * <p>Immutable; {@link #file()} is never {@code null}.
 */
public final class TermListException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;

    TermListException(String file, int line, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem);
        this.file = file;
        this.line = line;
    }

    TermListException(String file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
        this.line = 0;
    }

    /** The file, as named in the message. */
    public String file() {
        return file;
    }

    /** The 1-based line, or 0 when the problem is with the whole file. */
    public int line() {
        return line;
    }
}
