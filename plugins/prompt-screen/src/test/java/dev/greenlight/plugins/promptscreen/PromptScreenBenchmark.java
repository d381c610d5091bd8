package dev.greenlight.plugins.promptscreen;

import dev.greenlight.model.Submission;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Measures the time {@link PromptScreen#analyse} takes for a 200-character prompt, with the bundled
 * lists and with 10,000 generated terms added, and prints the figures. A plain program rather than a
 * timed test, because timings on a shared machine are not a pass/fail matter.
 *
 * <p>Run it from the repository root (see the module README):
 * <pre>
 * mvn -B -q -pl plugins/prompt-screen -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * java -cp plugins/prompt-screen/target/classes:plugins/prompt-screen/target/test-classes:$(cat plugins/prompt-screen/target/test-classpath.txt) \
 *     dev.greenlight.plugins.promptscreen.PromptScreenBenchmark
 * </pre>
 */
public final class PromptScreenBenchmark {

    private static final int PROMPT_LENGTH = 200;
    private static final String[] WORDS = ("35mm film grain watercolor shot of a glass whale jazz trio cats dancing on the "
            + "rooftops Hanoi at dusk knitted octopus drifting over Nairobi heavy fog origami crane flying low golden hour "
            + "tiny robot gardener getting lost Lisbon under falling snow two astronauts racing across Kyoto lighthouse "
            + "keeper wandering through Montreal midnight noir black and white stop-motion clay fox").split(" ");
    private static final String[] RISKY = {"featuring Ｍｉｃｋｅｙ Ｍｏｕｓｅ", "featuring a t o d d l e r", "featuring Pіkасhu",
        "featuring d4rth v4d3r", "featuring a nude\u200B figure", "leaked CCTV footage of", "featuring the Pope waving"};

    private PromptScreenBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        List<String> prompts = prompts(new Random(7), 2_000);
        System.out.printf("prompt-screen benchmark: %d prompts of %d characters, 30%% with a disguised term; JDK %s, %d cores%n",
                prompts.size(), PROMPT_LENGTH, Runtime.version(), Runtime.getRuntime().availableProcessors());

        run("bundled lists", Fixtures.startedWithDefaults(), prompts);

        Path data = Files.createTempDirectory("prompt-screen-bench");
        Path terms = Files.createDirectories(data.resolve("terms"));
        Files.write(terms.resolve("generated.txt"), generatedTerms(new Random(11), 10_000), StandardCharsets.UTF_8);
        long t0 = System.nanoTime();
        PromptScreen big = Fixtures.started(Map.of(), data);
        System.out.printf("start() with bundled lists + 10,000 generated terms: %.0f ms%n", (System.nanoTime() - t0) / 1e6);
        run("bundled lists + 10,000 generated terms", big, prompts);
    }

    private static void run(String name, PromptScreen screen, List<String> prompts) {
        List<Submission> submissions = new ArrayList<>();
        for (int i = 0; i < prompts.size(); i++) {
            submissions.add(Fixtures.submission("b-" + i, prompts.get(i), null, null));
        }
        long sink = 0;
        long warmUntil = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < warmUntil) {
            for (Submission s : submissions) {
                sink += screen.analyse(s, Fixtures.ANALYSIS).size();
            }
        }
        int rounds = 10;
        long[] perCall = new long[submissions.size() * rounds];
        int k = 0;
        long total = 0;
        for (int r = 0; r < rounds; r++) {
            for (Submission s : submissions) {
                long start = System.nanoTime();
                sink += screen.analyse(s, Fixtures.ANALYSIS).size();
                long took = System.nanoTime() - start;
                perCall[k++] = took;
                total += took;
            }
        }
        Arrays.sort(perCall);
        System.out.printf("%-40s mean %6.1f µs, median %6.1f µs, p99 %6.1f µs per %d-char prompt (%d timed calls)%n",
                name, total / 1e3 / perCall.length, perCall[perCall.length / 2] / 1e3,
                perCall[(int) (perCall.length * 0.99)] / 1e3, PROMPT_LENGTH, perCall.length);
        if (sink == 42) {
            System.out.println(); // keeps the JIT from discarding the calls whose results are otherwise unused
        }
    }

    private static List<String> prompts(Random random, int count) {
        List<String> prompts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StringBuilder b = new StringBuilder();
            boolean risky = random.nextInt(10) < 3;
            String phrase = RISKY[random.nextInt(RISKY.length)];
            while (b.length() < PROMPT_LENGTH) {
                if (risky && b.length() > 60 && b.indexOf(phrase) < 0) {
                    b.append(phrase).append(' ');
                }
                b.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
            }
            prompts.add(b.substring(0, PROMPT_LENGTH));
        }
        return prompts;
    }

    /** Pronounceable one- to three-word phrases, like names and product terms, unlikely to occur in the prompts. */
    private static List<String> generatedTerms(Random random, int count) {
        String consonants = "bcdfghjkmnprstvwz";
        String vowels = "aeiou";
        List<String> terms = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StringBuilder b = new StringBuilder();
            int words = 1 + random.nextInt(3);
            for (int w = 0; w < words; w++) {
                if (w > 0) {
                    b.append(' ');
                }
                int syllables = 2 + random.nextInt(3);
                for (int s = 0; s < syllables; s++) {
                    b.append(consonants.charAt(random.nextInt(consonants.length())));
                    b.append(vowels.charAt(random.nextInt(vowels.length())));
                }
            }
            terms.add(b.toString());
        }
        return terms;
    }
}
