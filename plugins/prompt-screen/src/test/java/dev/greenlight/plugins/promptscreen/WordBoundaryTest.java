package dev.greenlight.plugins.promptscreen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Terms match whole words only (the Scunthorpe problem), yet still through spacing disguises. Uses
 * its own short words (only these, {@code terms.replaceDefaults=true}), the hardest case for word
 * boundaries.
 */
class WordBoundaryTest {

    @TempDir
    static Path data;
    private static PromptScreen screen;

    @BeforeAll
    static void start() throws IOException {
        Path terms = Files.createDirectories(data.resolve("terms"));
        Files.writeString(terms.resolve("sexual.txt"), "ass\nsex\ncunt\nanal\ntit\n", StandardCharsets.UTF_8);
        Files.writeString(terms.resolve("violence.txt"), "rapist\nrape\n", StandardCharsets.UTF_8);
        Files.writeString(terms.resolve("extremism.txt"), "isis\n", StandardCharsets.UTF_8);
        screen = Fixtures.started(Map.of("terms.replaceDefaults", "true"), data);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "a class of assistants passing the grass",
        "a cottage in Essex and Sussex, Middlesex",
        "my therapist's office",
        "the Scunthorpe United ground",
        "an analyst with an al fresco lunch",
        "a title, a petition, the constitution",
        "a grape harvest, drapes",
        "what it is is a crisis",
        "a massacred, glassy assortment",
        "Sexton Blake and the unisex sextant",
    })
    void analyse_termInsideAnotherWord_isNotFound(String prompt) {
        assertThat(Fixtures.terms(screen, prompt)).as(prompt).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sex", "Sex!", "(sex)", "s.e.x", "s e x", "S-E-X", "5ex", "$3x", "ѕех", "ｓｅｘ", "s\u200Bex"})
    void analyse_termAsAWordInAnyDisguise_isFound(String prompt) {
        assertThat(Fixtures.terms(screen, "a " + prompt + " scene")).as(prompt)
                .anySatisfy(s -> assertThat(s.getValue()).isEqualTo("sex"));
    }

    @Test
    void analyse_rapistAsAWord_isFoundButNotInsideTherapist() {
        assertThat(Fixtures.terms(screen, "the rapist")).extracting(s -> s.getValue()).containsExactly("rapist");
        assertThat(Fixtures.terms(screen, "the therapist")).isEmpty();
    }

    @Test
    void analyse_spacedLettersNextToWords_doNotJoinWholeWords() {
        // "I sis" joins a one-letter word to a longer one: not the spaced-out "isis"
        assertThat(Fixtures.terms(screen, "I sis")).isEmpty();
        assertThat(Fixtures.terms(screen, "I S I S")).extracting(s -> s.getValue()).containsExactly("isis");
    }

    @Test
    void analyse_multiWordTermWrittenAsOneWord_isFound() {
        PromptScreen defaults = Fixtures.startedWithDefaults();
        assertThat(Fixtures.terms(defaults, "HelloKitty and CocaCola and mcdonalds")).extracting(s -> s.getValue())
                .containsExactly("Hello Kitty", "Coca-Cola", "McDonald's");
    }

    @Test
    void analyse_twelveYearOldDoesNotMatchTwoYearOld() {
        PromptScreen defaults = Fixtures.startedWithDefaults();
        assertThat(Fixtures.terms(defaults, "a 112-year-old tortoise and a 12 year old")).extracting(s -> s.getValue())
                .containsExactly("12-year-old");
    }
}
