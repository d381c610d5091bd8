package dev.greenlight.engine.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A DRL source for text searches: comments blanked out (same length, newlines kept, so offsets and
 * positions stay those of the file) and offsets turned into 1-based line and column. Immutable.
 */
final class SourceText {
    final String text;
    private final int[] lineStarts;

    SourceText(String src) {
        this.text = withoutComments(src);
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < src.length(); i++) {
            if (src.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    int line(int offset) {
        int index = Arrays.binarySearch(lineStarts, offset);
        return index >= 0 ? index + 1 : -index - 1;
    }

    int column(int offset) {
        return offset - lineStarts[line(offset) - 1] + 1;
    }

    /** The offset of the parenthesis that closes the one open at {@code from - 1}; the end when none does. */
    int closingParen(int from) {
        int depth = 1;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return text.length();
    }

    private static String withoutComments(String src) {
        StringBuilder sb = new StringBuilder(src);
        int i = 0;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (c == '"' || c == '\'') {
                i++;
                while (i < n && src.charAt(i) != c && src.charAt(i) != '\n') {
                    i += src.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
            } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '/' || c == '#') {
                while (i < n && src.charAt(i) != '\n') {
                    sb.setCharAt(i++, ' ');
                }
            } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '*') {
                while (i < n && !(src.charAt(i) == '*' && i + 1 < n && src.charAt(i + 1) == '/')) {
                    if (src.charAt(i) != '\n') {
                        sb.setCharAt(i, ' ');
                    }
                    i++;
                }
                for (int k = i; k < Math.min(n, i + 2); k++) {
                    sb.setCharAt(k, ' ');
                }
                i += 2;
            } else {
                i++;
            }
        }
        return sb.toString();
    }
}
