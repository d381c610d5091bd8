package dev.greenlight.plugins.promptscreen;

import java.util.Set;

/**
 * The result of {@link TextNormalizer#normalize(String)}: the normalised letters of a text with no
 * separators between words ({@link #text()}), where the word breaks were, and for every character
 * the code point of the original text it came from.
 *
 * <p>Positions are indexes into {@link #text()}; a "break at {@code i}" lies just before character
 * {@code i}, and there is always one at {@code 0} and at {@link #length()}. A word of one character
 * next to another word of one character is "spaced": breaks between such words
 * ({@code s p i d e r}) are counted apart by {@link #unspacedBreaks}.
 *
 * <p>Immutable and thread-safe. Methods taking positions throw {@link IndexOutOfBoundsException}
 * for positions outside the text.
 */
public final class NormalizedText {
    private final String text;
    private final int[] originalStart;
    private final int[] originalEnd;
    private final int[] flags;
    private final boolean[] wordStart;
    /** breaks[k] = word breaks at positions 1..k-1 (so breaks strictly inside (from, to) are breaks[to] - breaks[from + 1]). */
    private final int[] breaks;
    private final int[] unspaced;

    NormalizedText(String text, int[] originalStart, int[] originalEnd, int[] flags, boolean[] wordStart) {
        this.text = text;
        this.originalStart = originalStart;
        this.originalEnd = originalEnd;
        this.flags = flags;
        this.wordStart = wordStart;
        int n = text.length();
        this.breaks = new int[n + 1];
        this.unspaced = new int[n + 1];
        int previousWordStart = 0;
        for (int k = 1; k <= n; k++) {
            breaks[k] = breaks[k - 1];
            unspaced[k] = unspaced[k - 1];
            int pos = k - 1; // contributes the break at pos, if any
            if (pos > 0 && wordStart[pos]) {
                breaks[k]++;
                int nextWordStart = pos + 1;
                while (!wordStart[nextWordStart]) {
                    nextWordStart++;
                }
                boolean spaced = pos - previousWordStart == 1 && nextWordStart - pos == 1;
                if (!spaced) {
                    unspaced[k]++;
                }
                previousWordStart = pos;
            }
        }
    }

    /** The normalised letters, without separators; may be empty. */
    public String text() {
        return text;
    }

    /** The number of normalised characters. */
    public int length() {
        return text.length();
    }

    /** True when a word break lies just before position {@code i} (0 ≤ i ≤ length). */
    public boolean isBreak(int i) {
        return wordStart[checkPosition(i)];
    }

    /** Word breaks strictly between positions {@code from} and {@code to} (from &lt; to). */
    public int breaks(int from, int to) {
        checkRange(from, to);
        return breaks[to] - breaks[from + 1];
    }

    /** Word breaks strictly between {@code from} and {@code to} that are not between two one-character words. */
    public int unspacedBreaks(int from, int to) {
        checkRange(from, to);
        return unspaced[to] - unspaced[from + 1];
    }

    /** UTF-16 index in the original text where the code point behind character {@code i} starts. */
    public int originalStart(int i) {
        return originalStart[i];
    }

    /** UTF-16 index in the original text just after the code point behind character {@code i}. */
    public int originalEnd(int i) {
        return originalEnd[i];
    }

    /**
     * The disguises undone for characters {@code from} (inclusive) to {@code to} (exclusive), and for
     * invisible characters just before them. {@link Evasion#SPACING} is never included: whether
     * breaks are disguise depends on the term they are compared with.
     */
    public Set<Evasion> evasions(int from, int to) {
        return Evasion.fromBits(evasionBits(from, to));
    }

    int evasionBits(int from, int to) {
        checkRange(from, to);
        int bits = 0;
        for (int i = from; i < to; i++) {
            bits |= flags[i];
        }
        return bits;
    }

    private int checkPosition(int i) {
        if (i < 0 || i > text.length()) {
            throw new IndexOutOfBoundsException("position " + i + " is outside 0.." + text.length());
        }
        return i;
    }

    private void checkRange(int from, int to) {
        if (from < 0 || to > text.length() || from >= to) {
            throw new IndexOutOfBoundsException("range " + from + ".." + to + " is not within 0.." + text.length());
        }
    }

    /** The normalised words separated by single spaces, e.g. {@code "spider man"}; for reading and tests. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            if (i > 0 && wordStart[i]) {
                b.append(' ');
            }
            b.append(text.charAt(i));
        }
        return b.toString();
    }
}
