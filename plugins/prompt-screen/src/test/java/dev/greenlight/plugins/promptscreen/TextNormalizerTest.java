package dev.greenlight.plugins.promptscreen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TextNormalizerTest {

    private final TextNormalizer normalizer = new TextNormalizer();

    private String words(String text) {
        return normalizer.normalize(text).toString();
    }

    @Test
    void normalize_plainTextIsLowerCasedWithOneSpaceBetweenWords() {
        assertThat(words("  Quiet   MACHINES, at dusk! ")).isEqualTo("quiet machines at dusk");
    }

    @Test
    void normalize_iAndLAreOneLetterBecauseOneStandsForEither() {
        assertThat(words("Hello H3ll0 HE11O")).isEqualTo("heiio heiio heiio");
    }

    @Test
    void normalize_invisibleCharactersDoNotSplitOrShowUp() {
        String hidden = "Hel\u200Blo\u200C K\u200Di\u2060t\uFEFFt\u00ADy\uFE0F \u180Ex\u3164y\uDB40\uDC41z";
        NormalizedText n = normalizer.normalize(hidden);
        assertThat(n.toString()).isEqualTo("heiio kitty xyz");
        assertThat(n.evasions(0, n.length())).containsExactly(Evasion.INVISIBLE);
    }

    @Test
    void normalize_bidiControlsAreDroppedAndReportedApart() {
        NormalizedText n = normalizer.normalize("\u202EDar\u200Fth\u202C \u2066Va\u2069der\u061C");
        assertThat(n.toString()).isEqualTo("darth vader");
        assertThat(n.evasions(0, n.length())).containsExactly(Evasion.BIDI);
    }

    @Test
    void normalize_fullwidthFormsReadAsAscii() {
        NormalizedText n = normalizer.normalize("ＭｃＤｏｎａｌｄ＇ｓ　１２－ｙｅａｒ");
        assertThat(n.toString()).isEqualTo("mcdonaids iz year");
        assertThat(n.evasions(0, n.length())).contains(Evasion.FULLWIDTH);
    }

    @Test
    void normalize_mathematicalLettersReadAsAscii() {
        NormalizedText n = normalizer.normalize("𝐍𝐮𝐝𝐞 𝓕𝓲𝓰𝓾𝓻𝓮 𝔖𝔢𝔵 𝕋𝕠𝕡𝕝𝕖𝕤𝕤 𝚡𝚡𝚡");
        assertThat(n.toString()).isEqualTo("nude figure sex topiess xxx");
        assertThat(n.evasions(0, n.length())).containsExactly(Evasion.MATHEMATICAL);
    }

    @Test
    void normalize_otherCompatibilityFormsReadAsAscii() {
        assertThat(words("Ⓝⓘⓚⓔ ﬁsh ᴺᴵᴷᴱ")).isEqualTo("nike fish nike");
    }

    @Test
    void normalize_accentsAndStackedCombiningMarksAreStripped() {
        NormalizedText n = normalizer.normalize("Pokémon à gràphïc s̈ụ̈ï̈c̈ïd̈ë b̸e̸h̸e̸a̸d̸");
        assertThat(n.toString()).isEqualTo("pokemon a graphic suicide behead");
        assertThat(n.evasions(0, n.length())).containsExactly(Evasion.DIACRITIC);
    }

    @Test
    void normalize_combiningMarkAfterALetterBelongsToThatLetter() {
        String text = "ab\u0301\u0302 c";
        NormalizedText n = normalizer.normalize(text);
        assertThat(n.originalEnd(1)).isEqualTo(4);
    }

    @Test
    void normalize_cyrillicAndGreekLookAlikesReadAsLatin() {
        NormalizedText n = normalizer.normalize("Ріkасhu СОСА ΒΑΤΜΑΝ ΜΙCΚΕΥ Ѕрidеr уоung");
        assertThat(n.toString()).isEqualTo("pikachu coca batman mickey spider young");
        assertThat(n.evasions(0, n.length())).containsExactly(Evasion.CONFUSABLE);
    }

    @Test
    void normalize_latinLettersWithoutDecompositionReadAsTheirBase() {
        assertThat(words("Straße ẞ ø ł ı æ ɑ")).isEqualTo("strasse ss o i i ae a");
    }

    @Test
    void normalize_leetDigitsAndSymbolsReadAsLetters() {
        NormalizedText n = normalizer.normalize("5ch00lg1rl5 d4rth v4d3r $wa$tika p!kachu @dolf 8a7man 9ore");
        assertThat(n.toString()).isEqualTo("schooigiris darth vader swastika pikachu adoif batman gore");
        assertThat(n.evasions(0, n.length())).containsExactly(Evasion.LEETSPEAK);
    }

    @Test
    void normalize_symbolsOutsideWordsStaySeparators() {
        assertThat(words("Hello Kitty! a | b, me @ home, $ 5")).isEqualTo("heiio kitty a b me home s");
    }

    @Test
    void normalize_apostrophesJoinAndHyphensSplit() {
        assertThat(words("McDonald's McDonald’s Spider-Man")).isEqualTo("mcdonaids mcdonaids spider man");
    }

    @Test
    void normalize_spacedLettersAreOneCharacterWords() {
        NormalizedText n = normalizer.normalize("S p i d e r - M a n");
        assertThat(n.text()).isEqualTo("spiderman");
        assertThat(n.breaks(0, n.length())).isEqualTo(8);
        assertThat(n.unspacedBreaks(0, n.length())).isZero();
        NormalizedText words = normalizer.normalize("Spider Man");
        assertThat(words.unspacedBreaks(0, words.length())).isEqualTo(1);
    }

    @Test
    void normalize_wordBreaksAreAtStartEndAndBetweenWords() {
        NormalizedText n = normalizer.normalize("an al");
        assertThat(n.text()).isEqualTo("anai");
        assertThat(n.isBreak(0)).isTrue();
        assertThat(n.isBreak(2)).isTrue();
        assertThat(n.isBreak(1)).isFalse();
        assertThat(n.isBreak(4)).isTrue();
    }

    @Test
    void normalize_offsetsPointIntoTheOriginalAcrossSurrogatesAndExpansions() {
        String text = "🦊 ﬁ𝐗";
        NormalizedText n = normalizer.normalize(text);
        assertThat(n.text()).isEqualTo("fix");
        assertThat(text.substring(n.originalStart(0), n.originalEnd(0))).isEqualTo("ﬁ");
        assertThat(text.substring(n.originalStart(1), n.originalEnd(1))).isEqualTo("ﬁ");
        assertThat(text.substring(n.originalStart(2), n.originalEnd(2))).isEqualTo("𝐗");
    }

    @Test
    void normalize_hanAndKanaCharactersAreWordsOfTheirOwn() {
        NormalizedText n = normalizer.normalize("東京タワー");
        assertThat(n.toString()).isEqualTo("東 京 タ ワ ー");
        assertThat(n.unspacedBreaks(0, n.length())).isZero();
    }

    @Test
    void normalize_textWithoutLettersIsEmpty() {
        NormalizedText n = normalizer.normalize(" ,.;-- \u200B\u0301 ");
        assertThat(n.length()).isZero();
        assertThat(n.isBreak(0)).isTrue();
    }

    @Test
    void normalize_unpairedSurrogatesAndControlsDoNotThrow() {
        assertThat(words("a\uD800b\uDC00c\u0000d\u0007e")).isEqualTo("a b cde");
    }

    @Test
    void normalize_null_throws() {
        assertThatThrownBy(() -> normalizer.normalize(null)).isInstanceOf(NullPointerException.class).hasMessage("text");
    }

    @Test
    void breaks_emptyRange_throwsNamingTheRange() {
        NormalizedText n = normalizer.normalize("abc");
        assertThatThrownBy(() -> n.breaks(2, 2)).isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("2..2");
    }
}
