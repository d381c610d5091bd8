package dev.greenlight.bench;

import dev.greenlight.audit.AuditConfig;
import dev.greenlight.audit.AuditLog;
import dev.greenlight.audit.Durability;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Reason;
import dev.greenlight.model.RulesetRef;
import dev.greenlight.model.Submission;
import dev.greenlight.model.Verdict;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * Appending one decision record to the audit log in each durability mode, until {@code append}
 * returns (for SYNC and GROUP: until the record is on disk). Run GROUP with many threads
 * ({@code -t 64}) to see records share fsyncs; records per fsync are printed at the end of each trial.
 * The log is in {@code java.io.tmpdir} unless {@code -Dgreenlight.bench.dir=DIR} (give the disk
 * you mean to use).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AuditBench {
    @Param({"SYNC", "GROUP", "NONE"})
    public Durability durability;

    private Path dir;
    private AuditLog log;
    private List<Submission> submissions;
    private final AtomicLong ids = new AtomicLong();

    @Setup(Level.Trial)
    public void setUp() {
        String where = System.getProperty("greenlight.bench.dir");
        dir = where == null ? Fixtures.tempDir("greenlight-bench-audit") : Path.of(where);
        log = AuditLog.open(AuditConfig.builder(dir.resolve("audit-" + durability + "-" + System.nanoTime() + ".jsonl"))
                .durability(durability).build());
        submissions = Fixtures.submissions().subList(0, 256);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        var stats = log.stats();
        System.out.printf("%n%s: %,d records, %,d fsyncs, %.1f records per fsync%n", durability, stats.records(),
                stats.syncs(), stats.recordsPerSync());
        log.close();
        if (System.getProperty("greenlight.bench.dir") == null) {
            Fixtures.delete(dir);
        }
    }

    /** Which submission a thread records next. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Benchmark
    public long append(Cursor c) {
        Submission s = submissions.get(c.next++ & 255);
        Decision d = new Decision("d-" + ids.incrementAndGet(), s.getId(), Verdict.APPROVE,
                List.of(new Reason("meets-programme-policy", Verdict.APPROVE, "Meets the policy.", "BASE-1")),
                List.of(), new RulesetRef("bench", "sha256:" + "ab".repeat(32)), List.of(),
                Instant.parse("2026-11-25T10:00:00Z"), 10);
        return log.append(d, s);
    }
}
