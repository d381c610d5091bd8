package dev.greenlight.plugins.promptscreen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.model.Signal;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every reported span is UTF-16 offsets into the original field text, covering exactly the disguised term. */
class SpanTest {

    private static PromptScreen screen;

    @BeforeAll
    static void start() {
        screen = Fixtures.startedWithDefaults();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            🦊🦊 a fox with Mickey Mouse ears             | Mickey Mouse
            𝐌𝐢𝐜𝐤𝐞𝐲 𝐌𝐨𝐮𝐬𝐞 in bold                        | 𝐌𝐢𝐜𝐤𝐞𝐲 𝐌𝐨𝐮𝐬𝐞
            ＭｉｃｋｅｙＭｏｕｓｅ！                         | ＭｉｃｋｅｙＭｏｕｓｅ
            \u200BMic\u200Bkey Mouse\u200B tonight       | Mic\u200Bkey Mouse
            the M i c k e y   M o u s e show            | M i c k e y   M o u s e
            Mi̇̈ckéy Moüsé̂, again                         | Mi̇̈ckéy Moüsé̂
            a \u202Eesuom yekcim\u202C mug               | esuom yekcim
            """)
    void analyse_span_coversTheDisguisedTermInTheOriginal(String prompt, String expected) {
        List<Signal> signals = Fixtures.terms(screen, prompt);
        assertThat(signals).singleElement().satisfies(s -> {
            int start = Integer.parseInt(s.attribute("start"));
            int end = Integer.parseInt(s.attribute("end"));
            assertThat(prompt.substring(start, end)).isEqualTo(expected);
            assertThat(s.attribute("matched")).isEqualTo(expected);
            assertThat(start).isEqualTo(prompt.indexOf(expected));
        });
    }
}
