package dev.greenlight.plugins.promptscreen;

/**
 * One policy term, loaded and normalised.
 *
 * @param category the list it came from, e.g. {@code brand}
 * @param written the term as written in the list (reported as the signal's value)
 * @param key its normalised letters ({@link NormalizedText#text()}), what the automaton looks for
 * @param breaks word breaks inside the normalised term
 * @param unspacedBreaks of those, the ones not between two one-character words
 * @param evasionBits disguise flags the term itself carries (an accent written in the list is no disguise)
 * @param origin file and line, for messages
 */
record Term(String category, String written, String key, int breaks, int unspacedBreaks, int evasionBits, String origin) {
}
