package dev.greenlight.bench;

import dev.greenlight.testkit.BareDrools;
import dev.greenlight.model.Signal;
import dev.greenlight.model.Submission;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The floor: the rules of {@link EngineBench} over the same facts in plain Drools, a stateless
 * session (or Drools' session pool) per thread, nothing around it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC", "-Xms1g"})
public class BareDroolsBench {
    @Param({"100"})
    public int rules;

    @Param({"STATELESS", "POOLED"})
    public BareDrools.Mode session;

    BareDrools bare;
    List<Submission> submissions;
    List<List<Signal>> signals;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        submissions = Fixtures.submissions();
        signals = Fixtures.signals(submissions);
        Path dir = Fixtures.generatedRules(rules);
        TreeMap<String, byte[]> sources = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                sources.put(f.getFileName().toString(), Files.readAllBytes(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            Fixtures.delete(dir);
        }
        bare = BareDrools.compile(sources);
    }

    /** One evaluator (session) per thread, as Drools' sessions are not shared. */
    @State(Scope.Thread)
    public static class PerThread {
        BareDrools.Evaluator evaluator;
        int next;

        @Setup(Level.Trial)
        public void setUp(BareDroolsBench bench) {
            evaluator = bench.bare.evaluator(bench.session);
        }
    }

    @Benchmark
    public int evaluate(PerThread t) {
        int i = t.next++ % submissions.size();
        return t.evaluator.evaluate(submissions.get(i), signals.get(i));
    }
}
