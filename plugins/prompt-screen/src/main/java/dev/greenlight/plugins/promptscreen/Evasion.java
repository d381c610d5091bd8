package dev.greenlight.plugins.promptscreen;

import java.util.EnumSet;
import java.util.Set;
import java.util.StringJoiner;

/**
 * A disguise that normalisation undid. Reported in the {@code evasion} attribute of a
 * {@code prompt.term} signal (comma-separated {@link #id()}s, in declaration order) so that a rule or
 * a reviewer can tell a plain mention from a deliberately hidden one.
 *
 * <p>Immutable; safe to share between threads.
 */
public enum Evasion {
    /** Invisible or format characters (zero-width space/joiners, word joiner, BOM, soft hyphen, tags…). */
    INVISIBLE("invisible"),
    /** Bidirectional controls (LRM/RLM, embeddings, overrides, isolates). */
    BIDI("bidi"),
    /** Fullwidth forms (U+FF01–U+FFEF). */
    FULLWIDTH("fullwidth"),
    /** Mathematical alphanumeric symbols (U+1D400–U+1D7FF), e.g. bold or script letters. */
    MATHEMATICAL("mathematical"),
    /** Other compatibility forms folded by NFKC: ligatures, circled, superscript letters. */
    COMPATIBILITY("compatibility"),
    /** Accents and other combining marks, precomposed or stacked. */
    DIACRITIC("diacritic"),
    /** Letters of another script that look like Latin ones (UTS #39 confusables). */
    CONFUSABLE("confusable"),
    /** Digits or symbols standing for letters ({@code 0→o}, {@code 4→a}, {@code $→s}, …). */
    LEETSPEAK("leetspeak"),
    /** More word breaks than the term has, e.g. letters spaced out ({@code s p i d e r}). */
    SPACING("spacing");

    private final String id;

    Evasion(String id) {
        this.id = id;
    }

    /** The lower-case name used in signal attributes. */
    public String id() {
        return id;
    }

    int bit() {
        return 1 << ordinal();
    }

    /** The evasions whose bits are set in {@code flags}. */
    static Set<Evasion> fromBits(int flags) {
        Set<Evasion> set = EnumSet.noneOf(Evasion.class);
        for (Evasion e : values()) {
            if ((flags & e.bit()) != 0) {
                set.add(e);
            }
        }
        return set;
    }

    /** Comma-separated ids of the evasions in {@code flags}; empty when none. */
    static String ids(int flags) {
        StringJoiner joiner = new StringJoiner(",");
        for (Evasion e : values()) {
            if ((flags & e.bit()) != 0) {
                joiner.add(e.id);
            }
        }
        return joiner.toString();
    }
}
