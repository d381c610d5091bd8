package dev.greenlight.plugins.promptscreen;

import com.ibm.icu.lang.UCharacter;
import java.util.Arrays;
import java.util.Objects;

/**
 * Turns text into the form policy terms are matched on, keeping a map back to the original.
 *
 * <p>For each code point, in order: invisible and format characters (general category Cf,
 * default-ignorable code points such as variation selectors and fillers, soft hyphen, ZWSP, ZWJ,
 * ZWNJ, word joiner, BOM, bidi controls, non-whitespace controls) are dropped; NFKC folds fullwidth,
 * mathematical, circled and ligature forms; case is folded; accents and other combining marks are
 * stripped (NFD, then every Mn removed); a letter of another script that looks like a Latin letter
 * becomes that letter (UTS #39 confusable skeleton, e.g. Cyrillic {@code о}, Greek {@code ο}).
 * Then, over the whole text: apostrophes are dropped ({@code McDonald's} = {@code McDonalds});
 * digits, and {@code @ $ €} touching a word or {@code ! |} inside one, read as the letters they
 * stand for in leetspeak ({@code 0→o 1→i 2→z 3→e 4→a 5→s 6→b 7→t 8→b 9→g @→a $→s €→e !→i |→i});
 * {@code l} and {@code i} are the same letter, because {@code 1} stands for either; everything else
 * (spaces, punctuation, symbols) separates words. Letters of Han, Hiragana, Katakana, Thai, Lao,
 * Khmer, Myanmar and Yi are words of one character each, since those scripts put no spaces between
 * words.
 *
 * <p>The result ({@link NormalizedText}) is the letters without the separators, plus where the word
 * breaks were: matching on it lets {@code Spiderman}, {@code Spider-Man} and {@code S p i d e r - M a n}
 * meet the same term while word boundaries still decide what counts as a match. List terms go
 * through this same normaliser, so they and the text always agree.
 *
 * <p>Thread-safe and cheap to call; create one and share it (construction loads ICU data).
 */
public final class TextNormalizer {

    private static final int EVASION_MASK = (1 << Evasion.values().length) - 1;
    private static final byte LETTER = 0;
    private static final byte DIGIT = 1;
    private static final byte SYMBOL = 2;
    private static final byte SEPARATOR = 3;

    private final CodePointFolder folder = new CodePointFolder();

    /** A normaliser with the rules described above. */
    public TextNormalizer() {
    }

    /**
     * Normalises {@code text}.
     *
     * @param text any string, including unpaired surrogates and control characters
     * @return the normalised text; never {@code null}, empty when {@code text} has no letter or digit
     * @throws NullPointerException when {@code text} is {@code null}
     */
    public NormalizedText normalize(String text) {
        Objects.requireNonNull(text, "text");
        Units units = fold(text);
        return units.emit();
    }

    /** First pass: every code point to its folded characters, classified, separators collapsed. */
    private Units fold(String text) {
        Units units = new Units(text.length() + 8);
        int pending = 0; // flags of dropped characters, carried to the next character kept
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            CodePointFolder.Fold fold = folder.fold(cp);
            if (fold.dropped()) {
                if (fold.flags() == Evasion.DIACRITIC.bit() && units.endsAt(i)) {
                    // a combining mark belongs to the letter before it: a match ending there includes it
                    units.extendLast(next, fold.flags());
                } else {
                    pending |= fold.flags();
                }
                i = next;
                continue;
            }
            boolean selfToken = (fold.flags() & CodePointFolder.SELF_TOKEN) != 0;
            int flags = fold.flags() & EVASION_MASK;
            if (selfToken) {
                units.separator();
            }
            String folded = fold.text();
            for (int j = 0; j < folded.length(); ) {
                int c = folded.codePointAt(j);
                j += Character.charCount(c);
                if (c >= '0' && c <= '9') {
                    units.add(DIGIT, c, i, next, flags | pending);
                    pending = 0;
                } else if (isApostrophe(c)) {
                    continue;
                } else if (c == '@' || c == '$' || c == '€' || c == '!' || c == '|') {
                    units.add(SYMBOL, c, i, next, flags | pending);
                    pending = 0;
                } else if (UCharacter.isLetter(c) || UCharacter.getType(c) == UCharacter.COMBINING_SPACING_MARK) {
                    units.add(LETTER, c == 'l' ? 'i' : c, i, next, flags | pending);
                    pending = 0;
                } else {
                    units.separator();
                }
            }
            if (selfToken) {
                units.separator();
            }
            i = next;
        }
        return units;
    }

    private static boolean isApostrophe(int c) {
        return c == '\'' || c == '\u2019' || c == '\u2018' || c == '\u02BC' || c == '`';
    }

    private static char leet(int c) {
        return switch (c) {
            case '0' -> 'o';
            case '1', '!', '|' -> 'i';
            case '2' -> 'z';
            case '3', '€' -> 'e';
            case '4', '@' -> 'a';
            case '5', '$' -> 's';
            case '6', '8' -> 'b';
            case '7' -> 't';
            case '9' -> 'g';
            default -> throw new IllegalArgumentException("no leetspeak reading for U+" + Integer.toHexString(c));
        };
    }

    /** Growable parallel arrays of classified characters; local to one call. */
    private static final class Units {
        private int size;
        private int[] chars;
        private byte[] types;
        private int[] starts;
        private int[] ends;
        private int[] flags;

        Units(int capacity) {
            chars = new int[capacity];
            types = new byte[capacity];
            starts = new int[capacity];
            ends = new int[capacity];
            flags = new int[capacity];
        }

        void add(byte type, int c, int start, int end, int flag) {
            if (size == chars.length) {
                int n = size * 2;
                chars = Arrays.copyOf(chars, n);
                types = Arrays.copyOf(types, n);
                starts = Arrays.copyOf(starts, n);
                ends = Arrays.copyOf(ends, n);
                flags = Arrays.copyOf(flags, n);
            }
            chars[size] = c;
            types[size] = type;
            starts[size] = start;
            ends[size] = end;
            flags[size] = flag;
            size++;
        }

        /** True when the last unit is a character whose code point ends at {@code end}. */
        boolean endsAt(int end) {
            return size > 0 && types[size - 1] != SEPARATOR && ends[size - 1] == end;
        }

        void extendLast(int end, int flag) {
            int from = ends[size - 1];
            // every unit of the same code point (NFKC may give several) moves its end together
            for (int k = size - 1; k >= 0 && types[k] != SEPARATOR && ends[k] == from; k--) {
                ends[k] = end;
                flags[k] |= flag;
            }
        }

        void separator() {
            if (size > 0 && types[size - 1] != SEPARATOR) {
                add(SEPARATOR, ' ', 0, 0, 0);
            }
        }

        private boolean isWordChar(int k) {
            return k >= 0 && k < size && (types[k] == LETTER || types[k] == DIGIT);
        }

        /** Second pass: reads digits and symbols, drops separators, records word breaks. */
        NormalizedText emit() {
            Stream out = new Stream(size * 2 + 1);
            boolean boundary = true;
            for (int k = 0; k < size; k++) {
                switch (types[k]) {
                    case SEPARATOR -> boundary = true;
                    case LETTER -> {
                        out.add(chars[k], starts[k], ends[k], flags[k], boundary);
                        boundary = false;
                    }
                    case DIGIT -> {
                        out.add(leet(chars[k]), starts[k], ends[k], flags[k] | Evasion.LEETSPEAK.bit(), boundary);
                        boundary = false;
                    }
                    default -> {
                        // a run of symbols: letters only when the run touches a word (@ $ €) or sits inside one (! |)
                        int end = k;
                        while (end < size && types[end] == SYMBOL) {
                            end++;
                        }
                        boolean before = isWordChar(k - 1);
                        boolean after = isWordChar(end);
                        for (int s = k; s < end; s++) {
                            int c = chars[s];
                            boolean inside = c == '!' || c == '|' ? before && after : before || after;
                            if (inside) {
                                out.add(leet(c), starts[s], ends[s], flags[s] | Evasion.LEETSPEAK.bit(), boundary);
                                boundary = false;
                            } else {
                                boundary = true;
                            }
                        }
                        k = end - 1;
                    }
                }
            }
            return out.finish();
        }
    }

    /** The output characters being built; local to one call. */
    private static final class Stream {
        private final StringBuilder text;
        private int[] starts;
        private int[] ends;
        private int[] flags;
        private boolean[] wordStart;

        Stream(int capacity) {
            text = new StringBuilder(capacity);
            starts = new int[capacity];
            ends = new int[capacity];
            flags = new int[capacity];
            wordStart = new boolean[capacity + 1];
        }

        void add(int c, int start, int end, int flag, boolean boundary) {
            int chars = Character.charCount(c);
            for (int i = 0; i < chars; i++) {
                int n = text.length() + i;
                if (n == starts.length) {
                    grow();
                }
                starts[n] = start;
                ends[n] = end;
                flags[n] = flag;
                wordStart[n] = boundary && i == 0;
            }
            text.appendCodePoint(c);
        }

        private void grow() {
            int n = starts.length * 2;
            starts = Arrays.copyOf(starts, n);
            ends = Arrays.copyOf(ends, n);
            flags = Arrays.copyOf(flags, n);
            wordStart = Arrays.copyOf(wordStart, n + 1);
        }

        NormalizedText finish() {
            int n = text.length();
            boolean[] starts = Arrays.copyOf(wordStart, n + 1);
            starts[n] = true;
            return new NormalizedText(text.toString(), Arrays.copyOf(this.starts, n), Arrays.copyOf(ends, n),
                    Arrays.copyOf(flags, n), starts);
        }
    }
}
