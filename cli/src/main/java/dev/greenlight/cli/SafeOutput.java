package dev.greenlight.cli;

import dev.greenlight.desk.SafeText;
import java.io.PrintWriter;

/**
 * An output for text that came from outside (reviewer names, notes, messages, submission fields):
 * control, bidirectional and line-separator characters are printed as {@code \\uXXXX} escapes, never
 * raw, so a name cannot reorder a line, forge another line or hide text. In JSON the escape inside a
 * string is the same string, so JSON output stays valid and means the same.
 */
final class SafeOutput extends PrintWriter {
    private final boolean json;

    private SafeOutput(PrintWriter out, boolean json) {
        super(out, true);
        this.json = json;
    }

    /** Text output: backslashes are doubled too, so every escape shown is unambiguous. */
    static PrintWriter text(PrintWriter out) {
        return new SafeOutput(out, false);
    }

    /** JSON lines output. */
    static PrintWriter json(PrintWriter out) {
        return new SafeOutput(out, true);
    }

    @Override
    public void print(String s) {
        super.print(s == null ? null : json ? SafeText.escapeInJson(s) : SafeText.escape(s));
    }

    @Override
    public void print(Object o) {
        print(String.valueOf(o));
    }
}
