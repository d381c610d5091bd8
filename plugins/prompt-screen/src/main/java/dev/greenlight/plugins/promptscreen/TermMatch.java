package dev.greenlight.plugins.promptscreen;

/**
 * A term found in a normalised text.
 *
 * @param term the term
 * @param from first normalised position of the match
 * @param to normalised position just after it
 * @param evasionBits disguises seen in the matched text that the term itself does not have
 */
record TermMatch(Term term, int from, int to, int evasionBits) {
}
