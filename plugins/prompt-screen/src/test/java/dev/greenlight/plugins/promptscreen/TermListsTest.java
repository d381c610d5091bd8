package dev.greenlight.plugins.promptscreen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Term files from the plugin's data directory: extending, removing, replacing, and clear errors. */
class TermListsTest {

    @TempDir
    Path data;

    private Path termFile(String name, String content) throws IOException {
        Path terms = Files.createDirectories(data.resolve("terms"));
        return Files.writeString(terms.resolve(name), content, StandardCharsets.UTF_8);
    }

    @Test
    void load_bundledLists_haveEveryCategoryWithDozensOfTerms() {
        TermLists lists = TermLists.load(new TextNormalizer(), Optional.empty(), false);
        Map<String, Long> counts = lists.terms().stream()
                .collect(Collectors.groupingBy(Term::category, Collectors.counting()));
        assertThat(counts.keySet()).containsAll(TermLists.DEFAULT_CATEGORIES).contains(TermLists.ALLOW);
        TermLists.DEFAULT_CATEGORIES.forEach(c -> assertThat(counts.get(c)).as(c).isGreaterThanOrEqualTo(35));
    }

    @Test
    void start_dataDirectoryFiles_extendAndTrimTheBundledLists() throws IOException {
        termFile("brand.txt", "# our own additions\n\nAcme Rocket Skates\n!Nike\n\\#hashtagbrand\n");
        termFile("weapons.txt", "assault rifle\n");
        termFile("README.md", "not a term file");
        PromptScreen screen = Fixtures.started(Map.of(), data);

        assertThat(Fixtures.terms(screen, "a pair of ACME rocket skates")).extracting(s -> s.getCategory() + ":" + s.getValue())
                .containsExactly("brand:Acme Rocket Skates");
        assertThat(Fixtures.terms(screen, "Nike running shoes")).isEmpty();
        assertThat(Fixtures.terms(screen, "a Starbucks cup")).extracting(s -> s.getValue()).containsExactly("Starbucks");
        assertThat(Fixtures.terms(screen, "an assault rifle")).extracting(s -> s.getCategory()).containsExactly("weapons");
        assertThat(Fixtures.terms(screen, "#hashtagbrand")).extracting(s -> s.getValue()).containsExactly("#hashtagbrand");
    }

    @Test
    void start_replaceDefaults_usesOnlyTheDataDirectoryFiles() throws IOException {
        termFile("brand.txt", "Acme\n");
        PromptScreen screen = Fixtures.started(Map.of("terms.replaceDefaults", "true"), data);

        assertThat(Fixtures.terms(screen, "Acme and Pikachu and Nike")).extracting(s -> s.getValue()).containsExactly("Acme");
    }

    @Test
    void start_allowListInDataDirectory_silencesTermsInsideIt() throws IOException {
        termFile("allow.txt", "Mickey Mouse club house\n");
        PromptScreen screen = Fixtures.started(Map.of(), data);

        assertThat(Fixtures.terms(screen, "the Mickey Mouse Clubhouse")).isEmpty();
        assertThat(Fixtures.terms(screen, "Mickey Mouse at home")).hasSize(1);
    }

    @Test
    void item5_termDirectoriesNamedInSettings_areRead_fromOutsideTheDataDirectory(@TempDir Path elsewhere) throws IOException {
        Path site = Files.createDirectories(elsewhere.resolve("site, terms"));
        Files.writeString(site.resolve("weapons.txt"), "assault rifle\n");
        Path more = Files.createDirectories(elsewhere.resolve("more"));
        Files.writeString(more.resolve("brand.txt"), "Acme Rocket Skates\n");
        PromptScreen screen = Fixtures.started(Map.of("terms.directory", site.toString(), "terms.directory.extra", more.toString()), null);
        assertThat(Fixtures.terms(screen, "an assault rifle")).extracting(s -> s.getCategory()).containsExactly("weapons");
        assertThat(Fixtures.terms(screen, "acme rocket skates")).extracting(s -> s.getCategory()).containsExactly("brand");
        assertThat(Fixtures.terms(screen, "a Starbucks cup")).as("the bundled lists stay").hasSize(1);
        assertThatThrownBy(() -> Fixtures.started(Map.of("terms.directory", elsewhere.resolve("missing").toString()), null))
                .isInstanceOf(TermListException.class).hasMessageContaining("terms.directory");
    }

    @Test
    void item5_replaceDefaults_keepsTheBundledAllowList() throws IOException {
        termFile("public-figure.txt", "King Charles\n");
        PromptScreen screen = Fixtures.started(Map.of("terms.replaceDefaults", "true"), data);
        assertThat(Fixtures.terms(screen, "a portrait of King Charles")).hasSize(1);
        // the bundled allow list ("King Charles spaniel") still silences the match inside it
        assertThat(Fixtures.terms(screen, "a King Charles spaniel asleep")).isEmpty();
    }

    @Test
    void item5_unknownSetting_isRefusedNamingTheKey() {
        assertThatThrownBy(() -> Fixtures.started(Map.of("terms.replaceDefault", "true"), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown setting 'terms.replaceDefault'");
    }

    @Test
    void start_replaceDefaultsWithoutFiles_failsNamingTheDirectory() {
        assertThatThrownBy(() -> Fixtures.started(Map.of("terms.replaceDefaults", "true"), data))
                .isInstanceOf(TermListException.class)
                .hasMessageContaining("terms.replaceDefaults is true but there are no term files");
    }

    @Test
    void start_malformedUtf8_failsNamingFileAndLine() throws IOException {
        Path file = termFile("brand.txt", "Acme\n# fine\n");
        Files.write(file, new byte[] {'o', 'k', '\n', '\n', 'b', 'a', (byte) 0xC3, (byte) 0x28, '\n'},
                java.nio.file.StandardOpenOption.APPEND);

        assertThatThrownBy(() -> Fixtures.started(Map.of(), data))
                .isInstanceOf(TermListException.class)
                .hasMessage(file + ":5: not valid UTF-8 (save the file as UTF-8)")
                .satisfies(e -> assertThat(((TermListException) e).line()).isEqualTo(5));
    }

    @Test
    void start_termWithoutLetters_failsNamingFileAndLine() throws IOException {
        Path file = termFile("violence.txt", "gunfight\n\n --- \n");

        assertThatThrownBy(() -> Fixtures.started(Map.of(), data))
                .isInstanceOf(TermListException.class)
                .hasMessage(file + ":3: '---' has no letters or digits to match");
    }

    @Test
    void start_singleLetterTerm_failsNamingFileAndLine() throws IOException {
        Path file = termFile("sexual.txt", "x\n");

        assertThatThrownBy(() -> Fixtures.started(Map.of(), data))
                .isInstanceOf(TermListException.class)
                .hasMessageStartingWith(file + ":1: 'x' is a single letter");
    }

    @Test
    void start_controlCharacter_failsNamingFileAndLine() throws IOException {
        Path file = termFile("sexual.txt", "nude\nbad\u0007bell\n");

        assertThatThrownBy(() -> Fixtures.started(Map.of(), data))
                .isInstanceOf(TermListException.class)
                .hasMessage(file + ":2: contains control character U+0007");
    }

    @Test
    void start_badlyNamedTermFile_failsNamingTheFile() throws IOException {
        Path file = termFile("Brand Names.txt", "Acme\n");

        assertThatThrownBy(() -> Fixtures.started(Map.of(), data))
                .isInstanceOf(TermListException.class)
                .hasMessageStartingWith(file + ": a term file is named after its category");
    }

    @Test
    void start_overlongTerm_failsNamingFileAndLine() throws IOException {
        Path file = termFile("brand.txt", "a".repeat(201) + "\n");

        assertThatThrownBy(() -> Fixtures.started(Map.of(), data))
                .isInstanceOf(TermListException.class)
                .hasMessage(file + ":1: term is 201 characters long; the limit is 200");
    }

    @Test
    void start_malformedSetting_failsNamingKeyAndValue() {
        assertThatThrownBy(() -> Fixtures.started(Map.of("terms.replaceDefaults", "yes"), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("prompt-screen setting terms.replaceDefaults must be true or false, was 'yes'");
        assertThatThrownBy(() -> Fixtures.started(Map.of("maxSignalsPerTerm", "0"), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxSignalsPerTerm must be a whole number of at least 1, was '0'");
    }

    @Test
    void start_byteOrderMarkAndWindowsLineEnds_areAccepted() throws IOException {
        termFile("brand.txt", "\uFEFFAcme Corp\r\nGlobex\r\n");
        PromptScreen screen = Fixtures.started(Map.of("terms.replaceDefaults", "true"), data);

        assertThat(Fixtures.terms(screen, "Acme Corp and Globex")).extracting(s -> s.getValue())
                .containsExactly("Acme Corp", "Globex");
    }
}
