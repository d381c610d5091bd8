package dev.greenlight.engine.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The identifiers of a DRL source with their positions, comments removed and string literals
 * skipped (so a message that mentions "System" is not code that uses it). Each identifier knows
 * whether a dot precedes or follows it, which is how qualified names are told apart.
 */
final class DrlTokens {
    record Ident(String text, int line, int column, boolean afterDot, boolean beforeDot, int index) {
    }

    private DrlTokens() {
    }

    static List<Ident> identifiers(String src) {
        List<Ident> out = new ArrayList<>();
        int line = 1;
        int lineStart = 0;
        int i = 0;
        int n = src.length();
        char lastSignificant = 0;
        while (i < n) {
            char c = src.charAt(i);
            if (c == '\n') {
                line++;
                lineStart = i + 1;
                i++;
            } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '/' || c == '#') {
                while (i < n && src.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '*') {
                i += 2;
                while (i < n && !(src.charAt(i) == '*' && i + 1 < n && src.charAt(i + 1) == '/')) {
                    if (src.charAt(i) == '\n') {
                        line++;
                        lineStart = i + 1;
                    }
                    i++;
                }
                i += 2;
            } else if (c == '"' || c == '\'') {
                i++;
                while (i < n && src.charAt(i) != c) {
                    if (src.charAt(i) == '\\') {
                        i++;
                    } else if (src.charAt(i) == '\n') {
                        line++;
                        lineStart = i + 1;
                    }
                    i++;
                }
                i++;
                lastSignificant = c;
            } else if (Character.isJavaIdentifierStart(c)) {
                int start = i;
                while (i < n && Character.isJavaIdentifierPart(src.charAt(i))) {
                    i++;
                }
                int j = i;
                while (j < n && Character.isWhitespace(src.charAt(j))) {
                    j++;
                }
                boolean beforeDot = j < n && src.charAt(j) == '.';
                out.add(new Ident(src.substring(start, i), line, start - lineStart + 1, lastSignificant == '.', beforeDot, out.size()));
                lastSignificant = 'a';
            } else {
                if (!Character.isWhitespace(c)) {
                    lastSignificant = c;
                }
                i++;
            }
        }
        return out;
    }
}
