package dev.greenlight.plugins.promptscreen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.model.Signal;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the bundled lists over every submission of the shared corpus (a copy in test resources) and
 * compares with {@code corpus/labels.tsv}, written by {@code corpus/label_corpus.py} independently
 * of this plugin's normaliser.
 */
class CorpusTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, JsonNode> SUBMISSIONS = new LinkedHashMap<>();
    private static final Map<String, Set<String>> EXPECTED = new LinkedHashMap<>();
    private static PromptScreen screen;

    @BeforeAll
    static void load() throws IOException {
        for (String line : lines("corpus/submissions-2k.jsonl")) {
            JsonNode row = JSON.readTree(line);
            SUBMISSIONS.put(row.get("id").asText(), row);
        }
        for (String line : lines("corpus/labels.tsv")) {
            String[] cols = line.split("\t", -1);
            EXPECTED.put(cols[0], cols[1].isEmpty() ? Set.of() : Set.of(cols[1].split(",")));
        }
        screen = Fixtures.startedWithDefaults();
    }

    @Test
    void corpus_everySubmissionLabelled() {
        assertThat(SUBMISSIONS).hasSize(2000);
        assertThat(EXPECTED.keySet()).isEqualTo(SUBMISSIONS.keySet());
        assertThat(EXPECTED.values().stream().filter(Set::isEmpty).count()).as("benign submissions").isEqualTo(1130);
    }

    @Test
    void corpus_everyRiskyPromptGetsExactlyItsCategories() {
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : EXPECTED.entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            Set<String> found = categories(analyse(e.getKey()));
            if (!found.equals(e.getValue())) {
                wrong.add(e.getKey() + " expected " + new TreeSet<>(e.getValue()) + " found " + found + ": "
                        + SUBMISSIONS.get(e.getKey()).get("prompt").asText());
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void corpus_benignSubmissionsGetNoSignalAtAll() {
        List<String> noisy = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : EXPECTED.entrySet()) {
            if (e.getValue().isEmpty()) {
                List<Signal> signals = analyse(e.getKey());
                if (!signals.isEmpty()) {
                    noisy.add(e.getKey() + " " + signals);
                }
            }
        }
        assertThat(noisy).isEmpty();
    }

    @Test
    void corpus_disguisedWordsMixingScriptsAreReported() {
        long cyrillicPrompts = EXPECTED.keySet().stream()
                .filter(id -> SUBMISSIONS.get(id).get("prompt").asText().chars().anyMatch(c -> c >= 0x400 && c <= 0x4FF))
                .count();
        long reported = EXPECTED.keySet().stream()
                .filter(id -> analyse(id).stream().anyMatch(s -> s.getName().equals("prompt.mixed-script")))
                .count();
        assertThat(cyrillicPrompts).isPositive();
        assertThat(reported).isEqualTo(cyrillicPrompts);
    }

    private static List<Signal> analyse(String id) {
        JsonNode row = SUBMISSIONS.get(id);
        return screen.analyse(Fixtures.submission(id, text(row, "prompt"), text(row, "title"), text(row, "description")),
                Fixtures.ANALYSIS);
    }

    private static Set<String> categories(List<Signal> signals) {
        return signals.stream().filter(s -> s.getName().equals("prompt.term")).map(Signal::getCategory)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String text(JsonNode row, String field) {
        JsonNode node = row.get(field);
        return node == null ? null : node.asText();
    }

    private static List<String> lines(String resource) throws IOException {
        try (InputStream in = CorpusTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .filter(l -> !l.isBlank()).toList();
        }
    }
}
