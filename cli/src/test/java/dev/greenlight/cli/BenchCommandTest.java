package dev.greenlight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.audit.AuditVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Tiny runs: these tests check what is measured and printed, not how fast. */
    private static final String[] QUICK = {"--decisions", "300", "--warmup", "0", "--rounds", "1", "--corpus", "50"};

    @TempDir
    Path dir;

    private static Cli bench(String... args) {
        String[] all = new String[1 + QUICK.length + args.length];
        all[0] = "bench";
        System.arraycopy(QUICK, 0, all, 1, QUICK.length);
        System.arraycopy(args, 0, all, 1 + QUICK.length, args.length);
        return Cli.run(all);
    }

    @Test
    void generatedRules_withBaseline_json_reportsThroughputPercentilesAndRatio() throws Exception {
        Cli r = bench("--generate-rules", "24", "--signals", "5", "--baseline", "--threads", "2", "--format", "json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode o = JSON.readTree(r.out());
        assertThat(o.at("/rules/count").asInt()).isEqualTo(24);
        assertThat(o.at("/rules/version").asText()).startsWith("sha256:");
        assertThat(o.get("threads").asInt()).isEqualTo(2);
        for (String side : new String[] {"engine", "baseline"}) {
            JsonNode s = o.get(side);
            assertThat(s.get("throughput").asDouble()).as(side).isPositive();
            JsonNode l = s.get("latencyMicros");
            assertThat(l.get("p50").asDouble()).isPositive().isLessThanOrEqualTo(l.get("p90").asDouble());
            assertThat(l.get("p90").asDouble()).isLessThanOrEqualTo(l.get("p99").asDouble());
            assertThat(l.get("p99").asDouble()).isLessThanOrEqualTo(l.get("max").asDouble());
        }
        assertThat(o.at("/baseline/agrees").asBoolean()).as("the bare run casts the engine's votes").isTrue();
        assertThat(o.get("ratio").asDouble()).isPositive();
        assertThat(o.at("/machine/cores").asInt()).isPositive();
        assertThat(o.at("/machine").has("controlScaling")).as("the controls are in engine/bench, not the CLI").isFalse();
    }

    @Test
    void text_namesWhatWasMeasured() {
        Cli r = bench("--generate-rules", "12", "--signals", "3");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("rules      generated: 12 rules", "50 generated submissions, 3 generated signals each",
                "plugins    none", "engine ").contains("decisions/s", "p99").doesNotContain("baseline");
    }

    @Test
    void audit_sync_recordsEveryDecision_andComparesWithNoLog() throws Exception {
        Path log = dir.resolve("audit.jsonl");
        Cli r = bench("--generate-rules", "12", "--signals", "3", "--audit", "SYNC", "--audit-file", log.toString(),
                "--format", "json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode a = JSON.readTree(r.out()).get("audit");
        assertThat(a.get("durability").asText()).isEqualTo("SYNC");
        assertThat(a.get("throughput").asDouble()).isPositive();
        assertThat(a.get("ratioToEngine").asDouble()).isPositive();
        assertThat(a.get("recordBytes").asInt()).as("a record with 3 signals").isBetween(1_000, 4_000);
        assertThat(a.get("recordsPerFsync").asDouble()).isBetween(0.5, 1.5);
        var verified = AuditVerifier.verify(log);
        assertThat(verified.intact()).isTrue();
        assertThat(verified.records()).isGreaterThanOrEqualTo(300);
    }

    @Test
    void reload_swapsInRegeneratedRules_whileDeciding() throws Exception {
        Cli r = bench("--generate-rules", "12", "--signals", "3", "--reload", "--format", "json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode reload = JSON.readTree(r.out()).get("reload");
        assertThat(reload.get("status").asText()).isEqualTo("ACTIVATED");
        assertThat(reload.get("millis").asDouble()).isPositive();
        assertThat(reload.at("/latencyMicros/p99").asDouble()).isPositive();
        assertThat(Cli.run("bench", "--reload").exit()).as("--reload rewrites rules: only generated ones").isEqualTo(2);
    }

    @Test
    void inputFile_isDecidedCycled() throws Exception {
        Path input = Path.of(DryRunCommandTest.class.getResource("/corpus/submissions-2k.jsonl").toURI());
        Path small = dir.resolve("some.jsonl");
        Files.write(small, Files.readAllLines(input).subList(0, 20));
        Cli r = bench("--input", small.toString(), "--no-plugins", "--baseline");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("20 submissions from " + small, "rules      the shipped policy pack", "ratio");
    }

    @Test
    void audit_group_manyCallers_recordsEveryDecision() throws Exception {
        Path log = dir.resolve("audit.jsonl");
        Cli r = bench("--generate-rules", "12", "--signals", "3", "--audit", "GROUP", "--threads", "8", "--audit-file",
                log.toString(), "--format", "json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode a = JSON.readTree(r.out()).get("audit");
        assertThat(a.get("recordsPerFsync").asDouble()).isGreaterThanOrEqualTo(1.0);
        assertThat(a.has("handOffControl")).as("the hand-off control is in engine/bench").isFalse();
        assertThat(AuditVerifier.verify(log).intact()).isTrue();
    }

    @Test
    void text_withLog_namesTheLogAndItsRecords() {
        Cli r = bench("--generate-rules", "12", "--signals", "3", "--audit", "NONE");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("with log ", "(audit NONE, ").containsPattern("log +[0-9.]+ with log / engine; no fsync; [0-9,]+-byte records")
                .doesNotContain("disk ").doesNotContain("control");
    }

    @Test
    void batch_decidesInCallsOfN_withOneFsyncPerCall() throws Exception {
        Path log = dir.resolve("audit.jsonl");
        Cli r = bench("--generate-rules", "12", "--no-plugins", "--batch", "25", "--audit", "GROUP", "--audit-file",
                log.toString(), "--format", "json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode o = JSON.readTree(r.out());
        assertThat(o.get("batch").asInt()).isEqualTo(25);
        assertThat(o.at("/audit/throughput").asDouble()).isPositive();
        // one fsync for each call's 25 records (a checkpoint record now and then rides along)
        assertThat(o.at("/audit/recordsPerFsync").asDouble()).isBetween(25.0, 26.0);
        assertThat(AuditVerifier.verify(log).intact()).isTrue();
        Cli text = bench("--generate-rules", "12", "--no-plugins", "--batch", "25");
        assertThat(text.out()).contains("batches    decideAll of 25 submissions per call; latencies are per call");
    }

    @Test
    void conflictingOptions_areUsageErrors() {
        Cli async = Cli.run("bench", "--async", "4");
        assertThat(async.exit()).as("decideAsync is gone from the engine, and --async with it").isEqualTo(ExitCodes.CONFIG);
        assertThat(async.err()).contains("Unknown option");
        assertThat(Cli.run("bench", "--batch", "10", "--signals", "2").exit()).isEqualTo(ExitCodes.CONFIG);
        assertThat(Cli.run("bench", "--batch", "0").exit()).isEqualTo(ExitCodes.CONFIG);
        assertThat(Cli.run("bench", "--generate-rules", "5", "--rules", dir.toString()).exit()).isEqualTo(ExitCodes.CONFIG);
        assertThat(Cli.run("bench", "--audit-file", dir.resolve("a").toString()).exit()).isEqualTo(ExitCodes.CONFIG);
        assertThat(Cli.run("bench", "--threads", "0").exit()).isEqualTo(ExitCodes.CONFIG);
        assertThat(Cli.run("bench", "--audit", "SOMETIMES").exit()).isEqualTo(ExitCodes.CONFIG);
    }
}
