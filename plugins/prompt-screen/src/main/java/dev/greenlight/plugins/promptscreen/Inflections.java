package dev.greenlight.plugins.promptscreen;

import java.util.ArrayList;
import java.util.List;

/**
 * The English possessive and plural forms of a normalised term key, so that a list term also meets
 * {@code Darth Vader's helmet}, {@code Taylor Swift’s style}, {@code the Simpsons' house} and
 * {@code two Mickey Mouses}. The normaliser drops apostrophes (straight, curly and modifier), so a
 * possessive {@code 's} and a plural {@code s} both arrive as a trailing {@code s}: one variant
 * covers both. Sibilant endings also take {@code es} ({@code kiss → kisses}); a consonant before a
 * final {@code y} takes {@code ies} ({@code puppy → puppies}). Irregular plurals ({@code man → men})
 * are not made: list them. Stateless.
 */
final class Inflections {
    private Inflections() {
    }

    /** The inflected keys of {@code key} (never {@code key} itself); empty for keys under two letters. */
    static List<String> of(String key) {
        List<String> forms = new ArrayList<>(2);
        int n = key.length();
        if (n < 2 || !Character.isLetter(key.charAt(n - 1))) {
            return forms;
        }
        forms.add(key + "s");
        char last = key.charAt(n - 1);
        if (last == 's' || last == 'x' || last == 'z' || key.endsWith("ch") || key.endsWith("sh")) {
            forms.add(key + "es");
        }
        if (last == 'y' && !isVowel(key.charAt(n - 2))) {
            forms.add(key.substring(0, n - 1) + "ies");
        }
        return forms;
    }

    private static boolean isVowel(char c) {
        return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
    }
}
