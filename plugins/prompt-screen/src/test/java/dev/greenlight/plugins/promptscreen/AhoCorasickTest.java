package dev.greenlight.plugins.promptscreen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class AhoCorasickTest {

    private static Set<String> hits(AhoCorasick ac, List<String> patterns, String text) {
        Set<String> found = new TreeSet<>();
        ac.search(text, (p, end) -> found.add(patterns.get(p) + "@" + (end - ac.patternLength(p))));
        return found;
    }

    private static Set<String> naive(List<String> patterns, String text) {
        Set<String> found = new TreeSet<>();
        for (String p : patterns) {
            for (int i = text.indexOf(p); i >= 0; i = text.indexOf(p, i + 1)) {
                found.add(p + "@" + i);
            }
        }
        return found;
    }

    @Test
    void search_overlappingPatterns_areAllFound() {
        List<String> patterns = List.of("he", "she", "his", "hers");
        AhoCorasick ac = AhoCorasick.build(patterns);

        assertThat(hits(ac, patterns, "ushers")).containsExactlyInAnyOrder("she@1", "he@2", "hers@2");
    }

    @Test
    void search_randomPatternsAndTexts_agreeWithNaiveSearch() {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            Set<String> unique = new LinkedHashSet<>();
            int count = 1 + random.nextInt(40);
            while (unique.size() < count) {
                unique.add(randomString(random, 1 + random.nextInt(6), round % 2 == 0 ? "ab" : "abcé東"));
            }
            List<String> patterns = new ArrayList<>(unique);
            AhoCorasick ac = AhoCorasick.build(patterns);
            String text = randomString(random, random.nextInt(200), round % 2 == 0 ? "ab" : "abcé東");
            assertThat(hits(ac, patterns, text)).as("round %d", round).isEqualTo(naive(patterns, text));
        }
    }

    @Test
    void build_emptyOrRepeatedPattern_isRejected() {
        assertThatThrownBy(() -> AhoCorasick.build(List.of("a", ""))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pattern 1 is empty");
        assertThatThrownBy(() -> AhoCorasick.build(List.of("ab", "ab"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("repeats pattern 0");
    }

    @Test
    void search_noPatterns_findsNothing() {
        AhoCorasick ac = AhoCorasick.build(List.of());
        assertThat(hits(ac, List.of(), "anything")).isEmpty();
    }

    private static String randomString(Random random, int length, String alphabet) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
