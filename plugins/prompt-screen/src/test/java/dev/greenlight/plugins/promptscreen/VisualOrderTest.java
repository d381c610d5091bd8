package dev.greenlight.plugins.promptscreen;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VisualOrderTest {

    @Test
    void of_textWithoutOverride_isNull() {
        assertThat(VisualOrder.of("plain \u200F text \u2067")).isNull();
    }

    @Test
    void of_override_reversesUpToThePopAndMapsBack() {
        String text = "ab\u202Ecd🦊e\u202Cfg";
        VisualOrder.Reordered r = VisualOrder.of(text);

        assertThat(r.text()).isEqualTo("ab\u202Ee🦊dc\u202Cfg");
        int from = r.text().indexOf('e');
        int[] span = r.originalSpan(from, from + "e🦊dc".length());
        assertThat(text.substring(span[0], span[1])).isEqualTo("cd🦊e");
    }

    @Test
    void of_overrideWithoutPop_runsToTheEndOfTheParagraph() {
        assertThat(VisualOrder.of("x\u202Eabc\ndef").text()).isEqualTo("x\u202Ecba\ndef");
    }
}
