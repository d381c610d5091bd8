package dev.greenlight.plugins.promptscreen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.model.Signal;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * docs/reliability.md I2: every kind of disguise is seen through with the bundled lists and default
 * settings, on phrases that are not in the corpus. Each row: the disguised prompt, the category and
 * term it must raise, and the evasion that must be reported.
 */
class EvasionTest {

    private static PromptScreen screen;

    @BeforeAll
    static void start() {
        screen = Fixtures.startedWithDefaults();
    }

    @ParameterizedTest(name = "{3}: {0}")
    @CsvSource(delimiter = '|', textBlock = """
            a portrait of Mic\u200Bkey Mo\u200Cuse                  | trademarked-character | Mickey Mouse   | invisible
            the \uFEFFs\u2060w\u200Da\u200Bstika banner               | extremism             | swastika       | invisible
            Pi\u00ADka\u00ADchu in a meadow                           | trademarked-character | Pikachu        | invisible
            a Le\uFE0Fgo castle                                       | brand                 | Lego           | invisible
            Dar\u202Eth Va\u202Cder at sunset                         | trademarked-character | Darth Vader    | bidi
            \u2066Lady\u2069 \u200EGaga on stage                      | public-figure         | Lady Gaga      | bidi
            a \u202Eredav htraD\u202C poster                         | trademarked-character | Darth Vader    | bidi
            ｓｗａｓｔｉｋａ                                            | extremism             | swastika       | fullwidth
            ＢＡＲＢＩＥ　ＤＯＬＬ                                        | trademarked-character | Barbie doll    | fullwidth
            𝐬𝐞𝐱 𝐭𝐚𝐩𝐞 leak                                            | sexual                | sex tape       | mathematical
            𝓛𝓪𝓻𝓪 𝓒𝓻𝓸𝓯𝓽 cosplay                                       | trademarked-character | Lara Croft     | mathematical
            𝔰𝔢𝔩𝔣-𝔥𝔞𝔯𝔪 diary                                         | self-harm             | self-harm      | mathematical
            a s̈ụ̈ï̈c̈ïd̈ë note                                         | self-harm             | suicide        | diacritic
            D̷a̷r̷t̷h̷ V̷a̷d̷e̷r̷                                          | trademarked-character | Darth Vader    | diacritic
            Ĝèñöçîdè memorial                                        | violence              | genocide       | diacritic
            Ріkасhu plush                                            | trademarked-character | Pikachu        | confusable
            ΒΑΤΜΑΝ returns                                           | trademarked-character | Batman         | confusable
            а tоddlеr on a swing                                     | minors                | toddler        | confusable
            Ѕtаrbuсks cup                                            | brand                 | Starbucks      | confusable
            d4rth v4d3r                                              | trademarked-character | Darth Vader    | leetspeak
            $wa$tika flag                                            | extremism             | swastika       | leetspeak
            p!kachu and friends                                      | trademarked-character | Pikachu        | leetspeak
            a b10ody m@55acr3                                        | violence              | bloody massacre | leetspeak
            8eh3ad1ng scene                                          | violence              | beheading      | leetspeak
            D.A.R.T.H V.A.D.E.R                                      | trademarked-character | Darth Vader    | spacing
            s-w-a-s-t-i-k-a                                          | extremism             | swastika       | spacing
            t o p l e s s   d a n c e r s                            | sexual                | topless dancers | spacing
            N_i_k_e shoes                                            | brand                 | Nike           | spacing
            hElLo KiTtY                                              | trademarked-character | Hello Kitty    |
            Spiderman swinging                                       | trademarked-character | Spider-Man     |
            """)
    void I2_disguisedTerm_isFoundWithItsEvasion(String prompt, String category, String term, String evasion) {
        List<Signal> signals = Fixtures.terms(screen, prompt);
        assertThat(signals).anySatisfy(s -> {
            assertThat(s.getCategory()).isEqualTo(category);
            assertThat(s.getValue()).isEqualTo(term);
            if (evasion == null) {
                assertThat(s.getAttributes()).doesNotContainKey("evasion");
            } else {
                assertThat(s.attribute("evasion").split(",")).contains(evasion);
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            𝐃4r\u200Bth V̈ａdеr                          | Darth Vader   | invisible,fullwidth,mathematical,diacritic,confusable,leetspeak
            Ｈ\u00ADе 1 l 0   K i t t у                  | Hello Kitty   | invisible,fullwidth,confusable,leetspeak,spacing
            """)
    void I2_combinedDisguises_areAllReported(String prompt, String term, String evasions) {
        assertThat(Fixtures.terms(screen, prompt)).singleElement().satisfies(s -> {
            assertThat(s.getValue()).isEqualTo(term);
            assertThat(s.attribute("evasion")).isEqualTo(evasions);
        });
    }
}
