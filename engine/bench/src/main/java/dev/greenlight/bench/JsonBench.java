package dev.greenlight.bench;

import dev.greenlight.json.InvalidSubmissionException;
import dev.greenlight.json.ModelJson;
import dev.greenlight.json.SubmissionReader;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Reason;
import dev.greenlight.model.RulesetRef;
import dev.greenlight.model.Submission;
import dev.greenlight.model.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Strict parsing of one submission document (about 700 bytes), and writing one decision as JSON. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class JsonBench {
    private final SubmissionReader reader = new SubmissionReader();
    private List<byte[]> documents;
    private List<Decision> decisions;

    @Setup(Level.Trial)
    public void setUp() throws InvalidSubmissionException {
        documents = new ArrayList<>();
        decisions = new ArrayList<>();
        for (Submission s : Fixtures.submissions().subList(0, 256)) {
            byte[] json = ModelJson.write(ModelJson.submission(s)).getBytes(StandardCharsets.UTF_8);
            reader.parse(json, "bench"); // every document must parse, or the benchmark measures failures
            documents.add(json);
            decisions.add(new Decision("01a21289-51be-704d-8e3b-a6944fdfa3ba", s.getId(), Verdict.REJECT,
                    List.of(new Reason("commercial-needs-studio-partner", Verdict.REJECT,
                            "Commercial use is open to studio partners only.", "PRG-2"),
                            new Reason("meets-programme-policy", Verdict.APPROVE, "Meets the policy.", "BASE-1")),
                    List.of(), new RulesetRef("classpath:greenlight/policies", "sha256:" + "ab".repeat(32)),
                    List.of(), Instant.parse("2026-11-25T11:48:38.971883472Z"), 2335));
        }
    }

    /** Which document a thread parses next. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Benchmark
    public Submission parseSubmission(Cursor c) throws InvalidSubmissionException {
        return reader.parse(documents.get(c.next++ & 255), "bench");
    }

    @Benchmark
    public String writeDecision(Cursor c) {
        return ModelJson.toJson(decisions.get(c.next++ & 255));
    }
}
