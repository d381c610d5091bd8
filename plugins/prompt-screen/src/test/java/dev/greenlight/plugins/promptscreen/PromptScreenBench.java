package dev.greenlight.plugins.promptscreen;

import dev.greenlight.model.Signal;
import dev.greenlight.model.Submission;
import dev.greenlight.spi.AnalysisContext;
import dev.greenlight.spi.PluginContext;
import dev.greenlight.testkit.CorpusGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The prompt-screen plugin with a list of 10,000 terms (names, two-word phrases and single words,
 * instead of the bundled lists): normalising one 200-character prompt, and screening it (normalise,
 * match, report), a quarter of the prompts holding a listed term. The prompts are those of the
 * generated corpus ({@code greenlight-testkit}). A JMH benchmark in the test sources, next to the
 * package-private code it may reach; run it as the module's README says:
 * <pre>
 * mvn -B -q -pl plugins/prompt-screen -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * java -cp "plugins/prompt-screen/target/test-classes:plugins/prompt-screen/target/classes:$(cat plugins/prompt-screen/target/test-classpath.txt)" \
 *     org.openjdk.jmh.Main PromptScreenBench
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PromptScreenBench {
    @Param({"10000"})
    public int terms;

    private final TextNormalizer normalizer = new TextNormalizer();
    private final PromptScreen screen = new PromptScreen();
    private final List<String> prompts = new ArrayList<>();
    private final List<Submission> submissions = new ArrayList<>();
    private Path data;

    private static final AnalysisContext CALL = new AnalysisContext() {
        @Override
        public Optional<Path> mediaRoot() {
            return Optional.empty();
        }

        @Override
        public Instant deadline() {
            return Instant.MAX;
        }
    };

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        data = Files.createTempDirectory("greenlight-bench-terms");
        List<String> list = termList(terms);
        Files.createDirectories(data.resolve("terms"));
        Files.write(data.resolve("terms").resolve("bench.txt"), list);
        screen.start(new PluginContext() {
            @Override
            public String pluginId() {
                return "prompt-screen";
            }

            @Override
            public String pluginVersion() {
                return "bench";
            }

            @Override
            public Map<String, String> settings() {
                return Map.of("terms.replaceDefaults", "true");
            }

            @Override
            public Optional<Path> dataDirectory() {
                return Optional.of(data);
            }
        });
        Random r = new Random(7);
        for (Submission s : CorpusGenerator.submissions(2_000, 1).subList(0, 256)) {
            String prompt = s.getPrompt();
            if (r.nextInt(4) == 0) { // a quarter name a listed term, at a word boundary
                String term = list.get(r.nextInt(list.size()));
                int at = prompt.indexOf(' ', r.nextInt(prompt.length() / 2));
                prompt = prompt.substring(0, at + 1) + term + prompt.substring(at);
            }
            prompt = prompt.length() > 200 ? prompt.substring(0, prompt.lastIndexOf(' ', 200)) : prompt;
            prompts.add(prompt);
            submissions.add(Submission.builder(s.getId()).submittedAt(s.getSubmittedAt()).submitter(s.getSubmitter())
                    .intendedUse(s.getIntendedUse()).media(s.getMedia()).prompt(prompt).build());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (Stream<Path> walk = Files.walk(data)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** 10,000 distinct terms: "First Last" names, two-word phrases and single made-up words. */
    static List<String> termList(int count) {
        String[] first = {"Alma", "Bruno", "Chiara", "Dmitri", "Elena", "Farid", "Greta", "Hiro", "Ines", "Jonas",
            "Kamala", "Lars", "Mei", "Nadia", "Omar", "Priya", "Quentin", "Rosa", "Sven", "Tariq", "Uma", "Viktor",
            "Wanda", "Xavier", "Yara", "Zoltan", "Amara", "Bodhi", "Celeste", "Dario"};
        String[] syllables = {"ka", "lo", "mi", "ren", "tas", "vo", "qui", "dra", "sel", "mon", "bri", "zu", "tor",
            "nae", "phi", "gul", "ost", "wen", "yor", "cal"};
        Random r = new Random(11);
        Set<String> out = new LinkedHashSet<>();
        while (out.size() < count) {
            String word = syllables[r.nextInt(20)] + syllables[r.nextInt(20)] + syllables[r.nextInt(20)];
            switch (out.size() % 3) {
                case 0 -> out.add(first[r.nextInt(first.length)] + " " + Character.toUpperCase(word.charAt(0))
                        + word.substring(1) + syllables[r.nextInt(20)]);
                case 1 -> out.add(word + " " + syllables[r.nextInt(20)] + syllables[r.nextInt(20)]);
                default -> out.add(word + syllables[r.nextInt(20)]);
            }
        }
        return new ArrayList<>(out);
    }

    /** Which prompt a thread takes next. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Benchmark
    public NormalizedText normalize(Cursor c) {
        return normalizer.normalize(prompts.get(c.next++ & 255));
    }

    @Benchmark
    public List<Signal> screen(Cursor c) {
        return screen.analyse(submissions.get(c.next++ & 255), CALL);
    }
}
