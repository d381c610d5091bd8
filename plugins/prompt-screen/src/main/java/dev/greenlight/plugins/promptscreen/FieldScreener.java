package dev.greenlight.plugins.promptscreen;

import dev.greenlight.model.Signal;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Screens one text field and turns what it finds into signals: {@code prompt.term} for each term
 * occurrence, {@code prompt.mixed-script} for each word that mixes writing systems (attributes in
 * the module README). Spans are UTF-16 offsets into the original field text. Terms are matched in
 * the stored order and, when the text uses right-to-left overrides, in the displayed order too
 * ({@link VisualOrder}).
 *
 * <p>Immutable and thread-safe: all per-call state is local.
 */
final class FieldScreener {

    static final String TERM_SIGNAL = "prompt.term";
    static final String MIXED_SCRIPT_SIGNAL = "prompt.mixed-script";

    private final TextNormalizer normalizer;
    private final TermMatcher matcher;
    private final MixedScriptDetector mixedScript;
    private final ScreenSettings settings;

    FieldScreener(TextNormalizer normalizer, TermMatcher matcher, MixedScriptDetector mixedScript, ScreenSettings settings) {
        this.normalizer = normalizer;
        this.matcher = matcher;
        this.mixedScript = mixedScript;
        this.settings = settings;
    }

    /** Adds to {@code out} the signals for field {@code field} whose text is {@code text}. */
    void screen(String field, String text, List<Signal> out) {
        if (text.isEmpty()) {
            return;
        }
        Map<Term, Integer> reported = new HashMap<>();
        Set<Signal> added = new LinkedHashSet<>();
        NormalizedText normalized = normalizer.normalize(text);
        for (TermMatch m : matcher.find(normalized)) {
            int start = normalized.originalStart(m.from());
            int end = normalized.originalEnd(m.to() - 1);
            addTerm(field, text, m, start, end, reported, added);
        }
        VisualOrder.Reordered visual = VisualOrder.of(text);
        if (visual != null) {
            // the same text as displayed: terms stored backwards under a right-to-left override
            NormalizedText shown = normalizer.normalize(visual.text());
            for (TermMatch m : matcher.find(shown)) {
                int[] span = visual.originalSpan(shown.originalStart(m.from()), shown.originalEnd(m.to() - 1));
                addTerm(field, text, m, span[0], span[1], reported, added);
            }
        }
        out.addAll(added);
        if (settings.mixedScript()) {
            int count = 0;
            for (MixedScriptDetector.Word w : mixedScript.find(text)) {
                if (++count > settings.maxSignalsPerTerm()) {
                    break;
                }
                out.add(Signal.builder(MIXED_SCRIPT_SIGNAL)
                        .value(w.text())
                        .attribute("field", field)
                        .attribute("word", w.text())
                        .attribute("scripts", String.join(",", w.scripts()))
                        .attribute("start", Integer.toString(w.start()))
                        .attribute("end", Integer.toString(w.end()))
                        .build());
            }
        }
    }

    /** Adds the signal for {@code m} unless already there or over the per-term limit. */
    private void addTerm(String field, String text, TermMatch m, int start, int end, Map<Term, Integer> reported,
            Set<Signal> added) {
        // a prompt repeating a term a thousand times needs a few signals, not a thousand facts
        if (reported.getOrDefault(m.term(), 0) >= settings.maxSignalsPerTerm()) {
            return;
        }
        Signal.Builder signal = Signal.builder(TERM_SIGNAL)
                .category(m.term().category())
                .value(m.term().written())
                .attribute("field", field)
                .attribute("start", Integer.toString(start))
                .attribute("end", Integer.toString(end))
                .attribute("matched", text.substring(start, end));
        String evasion = Evasion.ids(m.evasionBits());
        if (!evasion.isEmpty()) {
            signal.attribute("evasion", evasion);
        }
        if (added.add(signal.build())) {
            reported.merge(m.term(), 1, Integer::sum);
        }
    }
}
