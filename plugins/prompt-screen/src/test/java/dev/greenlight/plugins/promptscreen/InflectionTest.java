package dev.greenlight.plugins.promptscreen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.model.Signal;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Terms match through English possessives and plurals, with any apostrophe. */
class InflectionTest {
    private static PromptScreen screen;

    @BeforeAll
    static void start() {
        screen = Fixtures.startedWithDefaults();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Darth Vader's helmet on a shelf|trademarked-character|Darth Vader|Darth Vader's",
        "Darth Vader’s helmet on a shelf|trademarked-character|Darth Vader|Darth Vader’s",
        "Darth Vaderʼs helmet on a shelf|trademarked-character|Darth Vader|Darth Vaderʼs",
        "Darth Vader helmet on a shelf|trademarked-character|Darth Vader|Darth Vader",
        "a portrait in Taylor Swift's style|public-figure|Taylor Swift|Taylor Swift's",
        "a portrait in Taylor Swift’s style|public-figure|Taylor Swift|Taylor Swift’s",
        "two Mickey Mouses dancing|trademarked-character|Mickey Mouse|Mickey Mouses",
        "the Darth Vaders' lair|trademarked-character|Darth Vader|Darth Vaders",
    })
    void possessiveAndPlural_matchTheTerm(String prompt, String category, String term, String matched) {
        Signal signal = only(Fixtures.terms(screen, prompt));

        assertThat(signal.getCategory()).isEqualTo(category);
        assertThat(signal.getValue()).isEqualTo(term);
        assertThat(signal.attribute("matched")).isEqualTo(matched);
    }

    @Test
    void listedPlural_isReportedAsItself() {
        assertThat(only(Fixtures.terms(screen, "two schoolgirls at a bus stop")).getValue()).isEqualTo("schoolgirls");
    }

    @Test
    void suffixThatIsAnotherWord_doesNotMatch() {
        assertThat(Fixtures.terms(screen, "Darth Vaderson, a made-up name")).isEmpty();
        assertThat(Fixtures.terms(screen, "the Pope's nose on a roast chicken")).isEmpty();
    }

    @Test
    void inflections_ofKeys() {
        assertThat(Inflections.of("darthvader")).containsExactly("darthvaders");
        assertThat(Inflections.of("kiss")).containsExactly("kisss", "kisses");
        assertThat(Inflections.of("puppy")).containsExactly("puppys", "puppies");
        assertThat(Inflections.of("toy")).containsExactly("toys");
        assertThat(Inflections.of("a")).isEmpty();
    }

    private static Signal only(List<Signal> signals) {
        assertThat(signals).hasSize(1);
        return signals.get(0);
    }
}
