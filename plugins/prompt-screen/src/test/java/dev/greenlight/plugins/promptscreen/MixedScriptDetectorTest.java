package dev.greenlight.plugins.promptscreen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MixedScriptDetectorTest {

    private final MixedScriptDetector detector = new MixedScriptDetector();

    @Test
    void find_latinWordWithCyrillicLetter_isReportedWithSpanAndScripts() {
        String text = "the Cоca-Cola logo";
        List<MixedScriptDetector.Word> words = detector.find(text);

        assertThat(words).singleElement().satisfies(w -> {
            assertThat(w.text()).isEqualTo("Cоca");
            assertThat(text.substring(w.start(), w.end())).isEqualTo("Cоca");
            assertThat(w.scripts()).containsExactly("Cyrillic", "Latin");
        });
    }

    @Test
    void find_greekLetterInLatinWord_isReported() {
        assertThat(detector.find("an Αpple keynote")).extracting(MixedScriptDetector.Word::scripts)
                .containsExactly(List.of("Greek", "Latin"));
    }

    @Test
    void find_invisibleCharacterInsideWord_doesNotSplitIt() {
        assertThat(detector.find("Pі\u200Bkachu")).extracting(MixedScriptDetector.Word::text).containsExactly("Pі\u200Bkachu");
    }

    @Test
    void find_singleScriptWordsAndDigits_areNotReported() {
        assertThat(detector.find("привет world καλημέρα 𝐛𝐨𝐥𝐝 café 4ever")).isEmpty();
    }

    @Test
    void find_japaneseKoreanAndChineseMixes_areNotReported() {
        assertThat(detector.find("東京タワーTokyo ひらがなカタカナ漢字 서울Seoul 注音ㄅㄆ")).isEmpty();
    }

    @Test
    void find_cyrillicWithGreek_isReported() {
        assertThat(detector.find("аβс")).hasSize(1);
    }
}
