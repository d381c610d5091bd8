package dev.greenlight.bench;

import dev.greenlight.engine.Greenlight;
import dev.greenlight.engine.GreenlightBuilder;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Signal;
import dev.greenlight.model.Submission;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * {@code Greenlight.decide} on generated submissions: with 5 generated signals per submission and
 * no plugins (rules only), or with one shipped plugin, or all of them. Compare with
 * {@link BareDroolsBench} (same rules, same facts). Threads: JMH's {@code -t}. The plugin jars and
 * (with {@code -p rules=0}) the shipped policy pack are read by path from the repository.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC", "-Xms1g"})
public class EngineBench {
    /** {@code signals}: rules only; else the plugins that run: {@code prompt-screen}, {@code media-probe}, {@code hash-match}, {@code all}. */
    @Param({"signals", "prompt-screen", "media-probe", "hash-match", "all"})
    public String evidence;

    /** Generated rules; 0 for the shipped policy pack. */
    @Param({"100"})
    public int rules;

    private Greenlight engine;
    private List<Submission> submissions;
    private List<List<Signal>> signals;
    private Path rulesDir;
    private Path pluginsDir;

    @Setup(Level.Trial)
    public void setUp() {
        submissions = Fixtures.submissions();
        GreenlightBuilder b = Greenlight.builder();
        if (rules > 0) {
            rulesDir = Fixtures.generatedRules(rules);
            b.rulesDirectory(rulesDir);
        } else {
            b.rulesDirectory(Fixtures.shippedRules());
        }
        if (evidence.equals("signals")) {
            signals = Fixtures.signals(submissions);
        } else {
            pluginsDir = Fixtures.plugins(evidence);
            b.plugins(pluginsDir);
        }
        engine = b.build();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        engine.close();
        Fixtures.delete(rulesDir);
        Fixtures.delete(pluginsDir);
    }

    /** Which submission a thread decides next. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Benchmark
    public Decision decide(Cursor cursor) {
        int i = cursor.next++ % submissions.size();
        return signals != null ? engine.decide(submissions.get(i), signals.get(i)) : engine.decide(submissions.get(i));
    }
}
