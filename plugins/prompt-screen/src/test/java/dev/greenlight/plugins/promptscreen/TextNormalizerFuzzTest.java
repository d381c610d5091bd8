package dev.greenlight.plugins.promptscreen;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.greenlight.model.Signal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * docs/reliability.md I3: the prompt normaliser, and the whole screen behind it, under arbitrary text. They
 * must never throw, and every position they report must point into the original text.
 *
 * <p>An input's first byte picks how the rest becomes text: even, UTF-8 (what a parsed submission
 * holds); odd, UTF-16 code units taken as they come, so unpaired surrogates and every control and
 * format character are reached too. Without {@code JAZZER_FUZZ} the committed inputs under
 * {@code src/test/resources/dev/greenlight/plugins/promptscreen/TextNormalizerFuzzTestInputs/} are
 * replayed; {@code -Pfuzz} fuzzes (README, "Hardening and fuzzing").
 */
class TextNormalizerFuzzTest {
    private static final TextNormalizer NORMALIZER = new TextNormalizer();
    private static final PromptScreen SCREEN = Fixtures.startedWithDefaults();

    @FuzzTest
    void I3_normalize(byte[] input) {
        String text = text(input);
        NormalizedText n = NORMALIZER.normalize(text);
        assertThat(n.isBreak(0)).isTrue();
        assertThat(n.isBreak(n.length())).isTrue();
        for (int i = 0; i < n.length(); i++) {
            assertThat(n.originalStart(i)).as("start of %d", i).isBetween(0, text.length() - 1);
            assertThat(n.originalEnd(i)).as("end of %d", i).isBetween(n.originalStart(i) + 1, text.length());
            if (i > 0) {
                assertThat(n.originalStart(i)).as("order at %d", i).isGreaterThanOrEqualTo(n.originalStart(i - 1));
            }
        }
        if (n.length() > 0) {
            n.evasions(0, n.length());
            assertThat(n.breaks(0, n.length())).isBetween(0, n.length() - 1);
        }
        // the normalised letters are a fixed point: list terms go through the same normaliser as the
        // text. (Word breaks are not always: a compatibility symbol that folds to a digit and a Han
        // letter, such as U+3361, leaves the two in one word, which a second pass splits.)
        assertThat(NORMALIZER.normalize(n.toString()).text()).isEqualTo(n.text());
    }

    @FuzzTest
    void I3_screen(byte[] input) {
        String text = text(input);
        List<Signal> signals = SCREEN.analyse(Fixtures.submission("f-1", text, null, null), Fixtures.ANALYSIS);
        for (Signal s : signals) {
            assertThat(s.getName()).isIn("prompt.term", "prompt.mixed-script");
            int start = Integer.parseInt(s.attribute("start"));
            int end = Integer.parseInt(s.attribute("end"));
            assertThat(start).isBetween(0, text.length());
            assertThat(end).isBetween(start, text.length());
        }
    }

    private static String text(byte[] input) {
        if (input.length == 0) {
            return "";
        }
        if ((input[0] & 1) == 0) {
            return new String(input, 1, input.length - 1, StandardCharsets.UTF_8);
        }
        ByteBuffer b = ByteBuffer.wrap(input, 1, input.length - 1);
        StringBuilder sb = new StringBuilder(input.length / 2);
        while (b.remaining() >= 2) {
            sb.append(b.getChar());
        }
        return sb.toString();
    }
}
