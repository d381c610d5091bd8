package dev.greenlight.plugins.promptscreen;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.lang.UScript;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Folds one code point to the characters it reads as: removes invisible characters and combining
 * marks, applies NFKC and case folding, and maps letters of other scripts to the Latin letter they
 * look like (UTS #39 skeleton). Digits and symbols stay as they are; {@link TextNormalizer} decides
 * about leetspeak, because that depends on the neighbouring characters.
 *
 * <p>Working per code point (rather than normalising the whole string) keeps an exact map from every
 * output character back to the code point it came from, and makes the result for a code point
 * cacheable. Results are cached: ASCII eagerly, the rest of the BMP lazily in an array (a benign
 * race: {@link Fold} is immutable and the function deterministic), supplementary code points in a
 * bounded map.
 *
 * <p>Thread-safe.
 */
final class CodePointFolder {

    /** Internal flag (above the {@link Evasion} bits): the character is a word by itself (CJK, Thai…). */
    static final int SELF_TOKEN = 1 << 20;

    /** What a code point folds to: {@code text} (empty when it is dropped) and flags. */
    record Fold(String text, int flags) {
        boolean dropped() {
            return text.isEmpty();
        }
    }

    private static final int SUPPLEMENTARY_CACHE_LIMIT = 16_384;
    private static final Pattern SMALL_CAPITAL = Pattern.compile("LATIN LETTER SMALL CAPITAL ([A-Z])");

    /**
     * Look-alikes that UTS #39 leaves to non-Latin letters (its reference glyphs differ) but that
     * people use in place of Latin ones: the skeleton of Cyrillic к is ĸ, of м is ʍ, of п is π…
     */
    private static final Map<Integer, Character> SUPPLEMENT = Map.ofEntries(
            Map.entry((int) 'ĸ', 'k'), Map.entry((int) 'ʍ', 'm'), Map.entry((int) 'ƅ', 'b'),
            Map.entry((int) 'π', 'n'), Map.entry((int) 'ω', 'w'), Map.entry((int) 'χ', 'x'),
            Map.entry((int) 'ꞓ', 'e'), Map.entry((int) 'ß', 'b'), Map.entry((int) 'μ', 'u'),
            Map.entry((int) 'ɜ', 'e'), Map.entry((int) 'ɸ', 'f'));

    private final Normalizer2 nfkc = Normalizer2.getNFKCInstance();
    private final Normalizer2 nfd = Normalizer2.getNFDInstance();
    private final SpoofChecker spoof = new SpoofChecker.Builder().build();
    /** Skeleton of each ASCII letter and digit → that character in lower case, letters winning ties (1, I and l). */
    private final Map<String, Character> asciiBySkeleton = new HashMap<>();
    private final Fold[] bmp = new Fold[0x10000];
    private final Map<Integer, Fold> supplementary = new ConcurrentHashMap<>();

    CodePointFolder() {
        for (char c : "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray()) {
            asciiBySkeleton.putIfAbsent(spoof.getSkeleton(String.valueOf(c)), Character.toLowerCase(c));
        }
        for (int c = 0; c < 0x80; c++) {
            bmp[c] = compute(c);
        }
    }

    /** The fold of {@code codePoint}; never {@code null}. */
    Fold fold(int codePoint) {
        if (codePoint < 0x10000) {
            Fold f = bmp[codePoint];
            if (f == null) {
                f = compute(codePoint);
                bmp[codePoint] = f;
            }
            return f;
        }
        Fold f = supplementary.get(codePoint);
        if (f == null) {
            f = compute(codePoint);
            if (supplementary.size() < SUPPLEMENTARY_CACHE_LIMIT) {
                supplementary.put(codePoint, f);
            }
        }
        return f;
    }

    private Fold compute(int cp) {
        if (isInvisible(cp)) {
            int flag = UCharacter.hasBinaryProperty(cp, UProperty.BIDI_CONTROL) ? Evasion.BIDI.bit() : Evasion.INVISIBLE.bit();
            return new Fold("", flag);
        }
        if (UCharacter.isWhitespace(cp) || UCharacter.isSpaceChar(cp)) {
            return new Fold(" ", 0);
        }
        if (cp < 0x80) {
            return new Fold(String.valueOf((char) Character.toLowerCase(cp)), 0);
        }
        int type = UCharacter.getType(cp);
        if (type == UCharacter.NON_SPACING_MARK || type == UCharacter.ENCLOSING_MARK) {
            return new Fold("", Evasion.DIACRITIC.bit());
        }
        int flags = 0;
        String s = new String(Character.toChars(cp));
        String compat = nfkc.normalize(s);
        if (!compat.equals(s)) {
            flags |= compatibilityFlag(cp);
        }
        String decomposed = nfd.normalize(compat);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); ) {
            int c = decomposed.codePointAt(i);
            i += Character.charCount(c);
            if (UCharacter.getType(c) == UCharacter.NON_SPACING_MARK) {
                flags |= Evasion.DIACRITIC.bit();
            } else if (c < 0x80) {
                out.append((char) Character.toLowerCase(c));
            } else if (UCharacter.getType(c) == UCharacter.DECIMAL_DIGIT_NUMBER) {
                out.append((char) ('0' + UCharacter.digit(c)));
                flags |= Evasion.CONFUSABLE.bit();
            } else if (UCharacter.isLetter(c)) {
                flags |= appendLetter(c, out);
            } else {
                out.appendCodePoint(c);
            }
        }
        return new Fold(out.toString(), flags);
    }

    /**
     * Appends the letter {@code c}, folded; returns the flags it earns. A letter of another script is
     * first compared as it is, because its case carries the look: Greek capital Μ looks like M, its
     * small μ like u. Latin letters are case-folded first, so that ẞ reads ss rather than look-alike.
     */
    private int appendLetter(int c, StringBuilder out) {
        int flags = isSelfToken(c) ? SELF_TOKEN : 0;
        boolean latin = UScript.getScript(c) == UScript.LATIN;
        String asIs = latin ? null : lookAlike(c);
        if (asIs != null) {
            out.append(asIs);
            return flags | Evasion.CONFUSABLE.bit();
        }
        String folded = nfd.normalize(UCharacter.foldCase(new String(Character.toChars(c)), UCharacter.FOLD_CASE_DEFAULT));
        for (int i = 0; i < folded.length(); ) {
            int f = folded.codePointAt(i);
            i += Character.charCount(f);
            if (UCharacter.getType(f) == UCharacter.NON_SPACING_MARK) {
                flags |= Evasion.DIACRITIC.bit();
            } else if (f < 0x80) {
                out.append((char) f);
            } else {
                String look = lookAlike(f);
                if (look != null) {
                    out.append(look);
                    flags |= Evasion.CONFUSABLE.bit();
                } else {
                    out.appendCodePoint(f);
                }
            }
        }
        return flags;
    }

    /**
     * Format characters, default-ignorable code points (variation selectors, fillers, CGJ) and
     * non-whitespace controls: none of them is visible, so none may split or hide a word.
     */
    private static boolean isInvisible(int cp) {
        int type = UCharacter.getType(cp);
        if (type == UCharacter.FORMAT || UCharacter.hasBinaryProperty(cp, UProperty.DEFAULT_IGNORABLE_CODE_POINT)) {
            return true;
        }
        return type == UCharacter.CONTROL && !UCharacter.isWhitespace(cp);
    }

    private static int compatibilityFlag(int cp) {
        if (cp >= 0xFF01 && cp <= 0xFFEF) {
            return Evasion.FULLWIDTH.bit();
        }
        if (cp >= 0x1D400 && cp <= 0x1D7FF) {
            return Evasion.MATHEMATICAL.bit();
        }
        return Evasion.COMPATIBILITY.bit();
    }

    /** Scripts written without spaces between words: each character is a word of its own. */
    private static boolean isSelfToken(int cp) {
        int script = UScript.getScript(cp);
        return script == UScript.HAN || script == UScript.HIRAGANA || script == UScript.KATAKANA
                || script == UScript.THAI || script == UScript.LAO || script == UScript.KHMER
                || script == UScript.MYANMAR || script == UScript.YI;
    }

    /** The ASCII letters a non-ASCII letter looks like, or {@code null} when it looks like none. */
    private String lookAlike(int cp) {
        String skeleton = spoof.getSkeleton(new String(Character.toChars(cp)));
        StringBuilder stripped = new StringBuilder();
        String decomposed = nfd.normalize(skeleton);
        for (int i = 0; i < decomposed.length(); ) {
            int c = decomposed.codePointAt(i);
            i += Character.charCount(c);
            if (UCharacter.getType(c) != UCharacter.NON_SPACING_MARK) {
                stripped.appendCodePoint(c);
            }
        }
        String key = stripped.toString();
        Character ascii = asciiBySkeleton.get(key);
        if (ascii == null) {
            key = lowerAscii(key);
            ascii = asciiBySkeleton.get(key);
        }
        if (ascii != null) {
            return String.valueOf(ascii);
        }
        if (key.codePointCount(0, key.length()) == 1) {
            int single = key.codePointAt(0);
            Character supplement = SUPPLEMENT.get(single);
            if (supplement != null) {
                return String.valueOf(supplement);
            }
            Matcher m = SMALL_CAPITAL.matcher(UCharacter.getName(single) == null ? "" : UCharacter.getName(single));
            if (m.matches()) {
                return m.group(1).toLowerCase(Locale.ROOT);
            }
        }
        if (!key.isEmpty() && key.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
            return key; // ligature-like letters: æ → ae, œ → oe
        }
        return null;
    }

    private static String lowerAscii(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        return b.toString();
    }
}
