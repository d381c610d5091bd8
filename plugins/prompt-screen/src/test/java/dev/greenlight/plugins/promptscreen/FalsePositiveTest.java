package dev.greenlight.plugins.promptscreen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.model.Signal;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Measures false positives of the bundled lists on benign text (docs/reliability.md I2): prompts written to
 * sit close to policy terms, and ordinary English prose (the Apache License 2.0). Prints the rate
 * (lines with any {@code prompt.term} signal) and the lines that raised one, and bounds the rate.
 */
class FalsePositiveTest {

    private static PromptScreen screen;

    @BeforeAll
    static void start() {
        screen = Fixtures.startedWithDefaults();
    }

    @Test
    void I2_falsePositiveRate_nearMissPrompts_isAtMostFivePercent() throws IOException {
        double rate = measure("near-miss prompts", lines("benign/prompts.txt"));
        assertThat(rate).isLessThanOrEqualTo(0.05);
    }

    @Test
    void I2_falsePositiveRate_englishProse_isZero() throws IOException {
        double rate = measure("Apache License 2.0 lines", lines("benign/apache-2.0.txt"));
        assertThat(rate).isZero();
    }

    private static double measure(String name, List<String> texts) {
        List<String> flagged = new ArrayList<>();
        for (String text : texts) {
            List<Signal> signals = Fixtures.terms(screen, text);
            if (!signals.isEmpty()) {
                flagged.add(text + "  <- " + signals.stream().map(s -> s.getCategory() + ":" + s.getValue()).toList());
            }
        }
        double rate = (double) flagged.size() / texts.size();
        System.out.printf("prompt-screen false positives on %s: %d of %d lines (%.2f%%)%n", name, flagged.size(),
                texts.size(), rate * 100);
        flagged.forEach(f -> System.out.println("  " + f));
        assertThat(texts).hasSizeGreaterThan(100);
        return rate;
    }

    private static List<String> lines(String resource) throws IOException {
        try (InputStream in = FalsePositiveTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return Arrays.stream(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"))
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        }
    }
}
