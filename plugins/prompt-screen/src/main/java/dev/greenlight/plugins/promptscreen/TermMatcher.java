package dev.greenlight.plugins.promptscreen;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds terms in a {@link NormalizedText} with one Aho–Corasick pass, then keeps the occurrences
 * that respect word boundaries.
 *
 * <p>An occurrence counts when it starts and ends on a word break (so {@code class} never yields
 * {@code ass}, nor {@code Essex} {@code sex}, nor {@code therapist} {@code rapist}) and it crosses no
 * more word breaks than the term has, not counting breaks between one-character words: that admits
 * {@code Spiderman} and {@code S p i d e r - M a n} for {@code Spider-Man}, but not {@code an al}
 * for {@code anal}. Of the occurrences of one category, one lying inside a longer one is dropped
 * ({@code nude} inside {@code nude figure}), so each passage is reported once, by its most specific
 * term; and every match inside a match of the {@value TermLists#ALLOW} list
 * ({@code King Charles spaniel}) is dropped, as are the allow-list matches themselves.
 *
 * <p>Terms also match in their English possessive and plural forms ({@code Darth Vader's},
 * {@code Taylor Swift’s}, {@code nudes}): see {@link Inflections}.
 *
 * <p>Immutable and thread-safe.
 */
final class TermMatcher {

    private final AhoCorasick automaton;
    private final Term[][] termsByPattern;

    private TermMatcher(AhoCorasick automaton, Term[][] termsByPattern) {
        this.automaton = automaton;
        this.termsByPattern = termsByPattern;
    }

    /**
     * Compiles {@code terms}, each also in its possessive and plural forms ({@link Inflections});
     * several terms (of different categories) may share a normalised key. A term's own key is
     * entered before any inflected one, so where a list has both {@code schoolgirl} and
     * {@code schoolgirls}, {@code schoolgirls} is reported as itself.
     */
    static TermMatcher compile(List<Term> terms) {
        Map<String, List<Term>> byKey = new LinkedHashMap<>();
        for (Term t : terms) {
            byKey.computeIfAbsent(t.key(), k -> new ArrayList<>()).add(t);
        }
        for (Term t : terms) {
            for (String form : Inflections.of(t.key())) {
                List<Term> sharing = byKey.computeIfAbsent(form, k -> new ArrayList<>());
                if (sharing.stream().noneMatch(o -> o.category().equals(t.category()))) {
                    sharing.add(t); // a category keeps one term per key
                }
            }
        }
        List<String> keys = new ArrayList<>(byKey.keySet());
        Term[][] table = new Term[keys.size()][];
        for (int i = 0; i < keys.size(); i++) {
            table[i] = byKey.get(keys.get(i)).toArray(Term[]::new);
        }
        return new TermMatcher(AhoCorasick.build(keys), table);
    }

    /** The occurrences of terms in {@code text}, ordered by position; never {@code null}. */
    List<TermMatch> find(NormalizedText text) {
        List<TermMatch> found = new ArrayList<>();
        automaton.search(text.text(), (pattern, end) -> {
            int start = end - automaton.patternLength(pattern);
            if (!text.isBreak(start) || !text.isBreak(end)) {
                return;
            }
            int unspaced = text.unspacedBreaks(start, end);
            int breaks = text.breaks(start, end);
            int seen = text.evasionBits(start, end);
            for (Term term : termsByPattern[pattern]) {
                if (unspaced <= term.unspacedBreaks()) {
                    int bits = seen & ~term.evasionBits();
                    if (breaks > term.breaks()) {
                        bits |= Evasion.SPACING.bit();
                    }
                    found.add(new TermMatch(term, start, end, bits));
                }
            }
        });
        return withoutContained(found);
    }

    /** Drops allow-list matches, what lies inside them, and what lies inside a longer match of its category. */
    private static List<TermMatch> withoutContained(List<TermMatch> found) {
        if (found.isEmpty()) {
            return found;
        }
        // by start, then longer first, then allow-list first: every container comes before what it contains
        found.sort(Comparator.comparingInt(TermMatch::from)
                .thenComparing(Comparator.comparingInt(TermMatch::to).reversed())
                .thenComparing(m -> !isAllow(m)));
        Map<String, Integer> furthestEnd = new HashMap<>();
        int allowedUpTo = -1;
        List<TermMatch> kept = new ArrayList<>(found.size());
        for (TermMatch m : found) {
            if (isAllow(m)) {
                allowedUpTo = Math.max(allowedUpTo, m.to());
                continue;
            }
            // an earlier match reaching as far contains this one (two matches of one category never
            // share a span: a category keeps one term per key)
            Integer end = furthestEnd.get(m.term().category());
            if (allowedUpTo >= m.to() || end != null && end >= m.to()) {
                continue;
            }
            kept.add(m);
            furthestEnd.merge(m.term().category(), m.to(), Math::max);
        }
        return kept;
    }

    private static boolean isAllow(TermMatch m) {
        return TermLists.ALLOW.equals(m.term().category());
    }
}
