package dev.greenlight.plugins.promptscreen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greenlight.model.Signal;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class PromptScreenTest {

    private final PromptScreen screen = Fixtures.startedWithDefaults();
    /** A second provider whose code-point cache starts cold, to be filled by many threads at once. */
    private final PromptScreen shared = Fixtures.startedWithDefaults();

    @Test
    void extensionIndex_listsPromptScreen_soPf4jFindsIt() throws Exception {
        StringBuilder indexes = new StringBuilder();
        for (URL url : Collections.list(PromptScreen.class.getClassLoader().getResources("META-INF/extensions.idx"))) {
            try (InputStream in = url.openStream()) {
                indexes.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(indexes.toString().lines()).contains(PromptScreen.class.getName());
    }

    @Test
    void analyse_beforeStart_throwsNamingTheState() {
        assertThatThrownBy(() -> new PromptScreen().analyse(Fixtures.submission("a", "x", null, null), Fixtures.ANALYSIS))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has not been started");
    }

    @Test
    void analyse_termSignal_carriesEveryAttribute() {
        List<Signal> signals = screen.analyse(Fixtures.submission("a", "a cat, featuring Ｐｉｋａｃｈｕ", null, null),
                Fixtures.ANALYSIS);

        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.getName()).isEqualTo("prompt.term");
            assertThat(s.getCategory()).isEqualTo("trademarked-character");
            assertThat(s.getValue()).isEqualTo("Pikachu");
            assertThat(s.getScore()).isNull();
            assertThat(s.getMediaIndex()).isNull();
            assertThat(s.getAttributes()).containsExactlyInAnyOrderEntriesOf(Map.of("field", "prompt", "start", "17",
                    "end", "24", "matched", "Ｐｉｋａｃｈｕ", "evasion", "fullwidth"));
        });
    }

    @Test
    void analyse_titleAndDescription_areScreenedAndNamed() {
        List<Signal> signals = screen.analyse(Fixtures.submission("a", "a quiet lake", "Darth Vader returns",
                "Shot with a leaked CCTV footage look."), Fixtures.ANALYSIS);

        assertThat(signals).extracting(s -> s.attribute("field") + ":" + s.getCategory())
                .containsExactly("title:trademarked-character", "description:deceptive-realism");
    }

    @Test
    void analyse_mixedScriptWord_isItsOwnSignal() {
        List<Signal> signals = screen.analyse(Fixtures.submission("a", "a Cоca can", null, null), Fixtures.ANALYSIS);

        assertThat(signals).filteredOn(s -> s.getName().equals("prompt.mixed-script")).singleElement().satisfies(s -> {
            assertThat(s.getAttributes()).containsExactlyInAnyOrderEntriesOf(Map.of("field", "prompt", "word", "Cоca",
                    "scripts", "Cyrillic,Latin", "start", "2", "end", "6"));
        });
    }

    @Test
    void analyse_mixedScriptDisabled_reportsNoMixedScriptSignal() {
        PromptScreen quiet = Fixtures.started(Map.of("mixedScript.enabled", "false"), null);

        assertThat(quiet.analyse(Fixtures.submission("a", "a Cоca can", null, null), Fixtures.ANALYSIS)).isEmpty();
    }

    @Test
    void analyse_longerTermOfTheSameCategory_hidesTheShorterOneInsideIt() {
        assertThat(Fixtures.terms(screen, "an explicit sex scene with a nude figure")).extracting(Signal::getValue)
                .containsExactly("explicit sex scene", "nude figure");
    }

    @Test
    void analyse_allowListedPhrase_hidesTheTermInsideIt() {
        assertThat(Fixtures.terms(screen, "a King Charles spaniel asleep")).isEmpty();
        assertThat(Fixtures.terms(screen, "seen with the naked eye")).isEmpty();
    }

    @Test
    void analyse_repeatedTerm_isReportedUpToTheLimit() {
        String prompt = "Pikachu ".repeat(50);
        assertThat(Fixtures.terms(screen, prompt)).hasSize(10);
        PromptScreen three = Fixtures.started(Map.of("maxSignalsPerTerm", "3"), null);
        assertThat(Fixtures.terms(three, prompt)).hasSize(3);
    }

    @Test
    void analyse_benignPrompt_returnsEmptyList() {
        assertThat(screen.analyse(Fixtures.submission("a", "watercolor shot of a glass whale over Lisbon", "Low Tide",
                "Made for the spring showcase."), Fixtures.ANALYSIS)).isEmpty();
    }

    @Test
    void analyse_manyThreadsAtOnce_agreeWithOneThread() throws Exception {
        List<String> prompts = List.of("a t o d d l e r", "Ｎｉｋｅ shoes", "Pіkachu", "a calm sea", "d4rth v4d3r",
                "S p i d e r - M a n", "a 12-year-old boy", "the Pope waving");
        List<List<Signal>> expected = prompts.stream().map(p -> Fixtures.terms(screen, p)).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                results.add(pool.submit(() -> {
                    for (int round = 0; round < 200; round++) {
                        for (int i = 0; i < prompts.size(); i++) {
                            if (!Fixtures.terms(shared, prompts.get(i)).equals(expected.get(i))) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> r : results) {
                assertThat(r.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
