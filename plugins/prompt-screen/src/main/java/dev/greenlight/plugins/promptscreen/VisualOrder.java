package dev.greenlight.plugins.promptscreen;

/**
 * The order in which a text is displayed when it uses right-to-left overrides (U+202E … U+202C):
 * {@code "\u202Eredav htrad\u202C"} stores "redav htrad" but shows "darth vader". Dropping the
 * controls (as {@link TextNormalizer} does) is not enough for that trick, so the screen also matches
 * the displayed order, mapped back to the stored text.
 *
 * <p>Only explicit overrides are reordered: an override runs to its matching pop (U+202C), a
 * paragraph break or the end of the text, and its code points are reversed. Embeddings, isolates
 * and the implicit order of right-to-left scripts are left alone; terms in those scripts are written
 * in stored (logical) order, and so is the text they are matched against.
 *
 * <p>Stateless and thread-safe.
 */
final class VisualOrder {

    private static final char RLO = '\u202E';
    private static final char PDF = '\u202C';

    /** A reordered text and, for each of its UTF-16 units, the index of that unit in the original. */
    record Reordered(String text, int[] originalIndex) {

        /** The UTF-16 span in the original covering units {@code from} to {@code to} (exclusive) of the reordered text. */
        int[] originalSpan(int from, int to) {
            int start = Integer.MAX_VALUE;
            int end = -1;
            for (int k = from; k < to; k++) {
                start = Math.min(start, originalIndex[k]);
                end = Math.max(end, originalIndex[k] + 1);
            }
            return new int[] {start, end};
        }
    }

    private VisualOrder() {
    }

    /** The displayed order of {@code text}, or {@code null} when it has no right-to-left override. */
    static Reordered of(String text) {
        if (text.indexOf(RLO) < 0) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length());
        int[] index = new int[text.length()];
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != RLO) {
                index[out.length()] = i;
                out.append(c);
                i++;
                continue;
            }
            int end = i + 1;
            while (end < text.length() && text.charAt(end) != PDF && text.charAt(end) != '\n' && text.charAt(end) != '\u2029') {
                end++;
            }
            index[out.length()] = i;
            out.append(c);
            // reversed by code point, so that surrogate pairs stay in order
            for (int k = end; k > i + 1; ) {
                int cp = text.codePointBefore(k);
                k -= Character.charCount(cp);
                for (int u = 0; u < Character.charCount(cp); u++) {
                    index[out.length()] = k + u;
                    out.append(text.charAt(k + u));
                }
            }
            i = end;
        }
        return new Reordered(out.toString(), index);
    }
}
