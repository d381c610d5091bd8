package dev.greenlight.bench;

import dev.greenlight.testkit.CorpusGenerator;
import dev.greenlight.testkit.RuleGenerator;
import dev.greenlight.model.Signal;
import dev.greenlight.model.Submission;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** What the benchmarks decide with: generated rules and submissions, and the shipped plugin jars. */
final class Fixtures {
    static final long SEED = 1;
    static final int CORPUS = 2_000;
    static final int SIGNALS = 5;
    /** Where the plugins modules put the plugin jars, from the repository root. */
    static final String DIST = "plugins/target/dist";
    /** The shipped policy pack's sources, from the repository root. */
    static final String POLICIES = "rules/policies";

    private Fixtures() {
    }

    static List<Submission> submissions() {
        return CorpusGenerator.submissions(CORPUS, SEED);
    }

    static List<List<Signal>> signals(List<Submission> submissions) {
        List<List<Signal>> out = new ArrayList<>(submissions.size());
        for (Submission s : submissions) {
            out.add(CorpusGenerator.signals(s, SIGNALS, SEED));
        }
        return out;
    }

    /** {@code count} generated rules in a new temporary directory. */
    static Path generatedRules(int count) {
        return RuleGenerator.writeTo(tempDir("greenlight-bench-rules"), count, SEED);
    }

    /**
     * A new directory holding the shipped plugin jars whose file names contain one of {@code ids}
     * ({@code all}: every one), from {@code -Dgreenlight.bench.plugins=DIR} or {@value #DIST} found
     * from the working directory upwards.
     */
    static Path plugins(String... ids) {
        Path dist = distDirectory();
        Path dir = tempDir("greenlight-bench-plugins");
        try (Stream<Path> jars = Files.list(dist)) {
            for (Path jar : (Iterable<Path>) jars.filter(p -> p.toString().endsWith(".jar"))::iterator) {
                String name = jar.getFileName().toString();
                for (String id : ids) {
                    if (id.equals("all") || name.contains("-" + id + "-")) {
                        Files.copy(jar, dir.resolve(name));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    private static Path distDirectory() {
        return find("greenlight.bench.plugins", DIST, "build the plugins (mvn -B -q -DskipTests package)");
    }

    /**
     * The shipped policy pack's directory (this module does not depend on the rules module): from
     * {@code -Dgreenlight.bench.rules=DIR} or {@value #POLICIES} found from the working directory upwards.
     */
    static Path shippedRules() {
        return find("greenlight.bench.rules", POLICIES, "run from the repository");
    }

    private static Path find(String property, String relative, String advice) {
        String configured = System.getProperty(property);
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve(relative))) {
                return p.resolve(relative);
            }
        }
        throw new IllegalStateException("no " + relative + " here or above " + Path.of("").toAbsolutePath()
                + ": " + advice + " or pass -D" + property + "=DIR");
    }

    static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
