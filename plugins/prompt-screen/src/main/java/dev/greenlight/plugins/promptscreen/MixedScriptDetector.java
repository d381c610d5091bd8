package dev.greenlight.plugins.promptscreen;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.lang.UScript;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Finds words that mix writing systems, such as {@code Cоca} with a Cyrillic {@code о}: almost never
 * innocent in an English prompt, and a disguise in its own right even when no term is found.
 *
 * <p>A word is a run of letters, digits, marks and invisible format characters (so a zero-width
 * space does not split it). Characters of the Common and Inherited scripts (digits, most
 * punctuation, mathematical letters, combining marks) belong to no script here. Mixes that UTS #39
 * calls "highly restrictive" are normal and not reported: Latin with Han, Hiragana and Katakana
 * (Japanese), with Han and Bopomofo (Chinese), with Han and Hangul (Korean).
 *
 * <p>Stateless and thread-safe.
 */
final class MixedScriptDetector {

    /** A mixed-script word: its text and UTF-16 span in the original, and its scripts' names, sorted. */
    record Word(String text, int start, int end, List<String> scripts) {
    }

    private static final BitSet JAPANESE = scripts(UScript.LATIN, UScript.HAN, UScript.HIRAGANA, UScript.KATAKANA);
    private static final BitSet CHINESE = scripts(UScript.LATIN, UScript.HAN, UScript.BOPOMOFO);
    private static final BitSet KOREAN = scripts(UScript.LATIN, UScript.HAN, UScript.HANGUL);

    /** The mixed-script words of {@code text}, in order; never {@code null}. */
    List<Word> find(String text) {
        List<Word> words = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            if (!isWordPart(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int start = i;
            BitSet seen = new BitSet();
            while (i < text.length() && isWordPart(cp = text.codePointAt(i))) {
                int script = UScript.getScript(cp);
                if (script != UScript.COMMON && script != UScript.INHERITED && script != UScript.UNKNOWN) {
                    seen.set(script);
                }
                i += Character.charCount(cp);
            }
            if (seen.cardinality() > 1 && !within(seen, JAPANESE) && !within(seen, CHINESE) && !within(seen, KOREAN)) {
                words.add(new Word(text.substring(start, i), start, i, names(seen)));
            }
        }
        return words;
    }

    private static boolean isWordPart(int cp) {
        int type = UCharacter.getType(cp);
        return UCharacter.isLetterOrDigit(cp) || type == UCharacter.NON_SPACING_MARK || type == UCharacter.ENCLOSING_MARK
                || type == UCharacter.COMBINING_SPACING_MARK || type == UCharacter.FORMAT
                || UCharacter.hasBinaryProperty(cp, UProperty.DEFAULT_IGNORABLE_CODE_POINT);
    }

    private static boolean within(BitSet seen, BitSet allowed) {
        BitSet rest = (BitSet) seen.clone();
        rest.andNot(allowed);
        return rest.isEmpty();
    }

    private static List<String> names(BitSet seen) {
        List<String> names = new ArrayList<>();
        seen.stream().forEach(s -> names.add(UScript.getName(s)));
        names.sort(null);
        return names;
    }

    private static BitSet scripts(int... codes) {
        BitSet set = new BitSet();
        for (int c : codes) {
            set.set(c);
        }
        return set;
    }
}
