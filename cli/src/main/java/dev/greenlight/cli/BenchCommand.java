package dev.greenlight.cli;

import dev.greenlight.audit.AuditConfig;
import dev.greenlight.audit.AuditException;
import dev.greenlight.audit.Durability;
import dev.greenlight.cli.bench.Baseline;
import dev.greenlight.cli.bench.BenchPlan;
import dev.greenlight.cli.bench.BenchReport;
import dev.greenlight.cli.bench.JsonReport;
import dev.greenlight.cli.bench.LiveReload;
import dev.greenlight.cli.bench.Rounds;
import dev.greenlight.cli.bench.TextReport;
import dev.greenlight.cli.bench.Workload;
import dev.greenlight.engine.Greenlight;
import dev.greenlight.engine.GreenlightBuilder;
import dev.greenlight.json.ModelJson;
import dev.greenlight.model.Signal;
import dev.greenlight.testkit.BareDrools;
import dev.greenlight.testkit.LogFiles;
import dev.greenlight.testkit.RuleGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code greenlight bench}: how users size a deployment. Measures decisions per second, latency
 * percentiles and CPU per decision for a rule set, plugins and an audit mode, on a corpus from a file
 * or generated, after a warm-up, on a number of threads; optionally against bare Drools running the
 * same rules over the same facts, and across a live reload. This class holds the options and puts
 * the run together; the measuring is in {@code dev.greenlight.cli.bench} ({@link Rounds},
 * {@link LiveReload}, {@link Baseline}), the reports in {@link TextReport} and {@link JsonReport}.
 * The control experiments (CPU scaling, the disk's fsync rate, the group-commit hand-off) measure
 * the machine rather than a deployment: they are in {@code engine/bench}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Measures decisions per second and latency.",
        description = {"Measures decisions per second and p50/p90/p99/max latency for the given rules, plugins",
            "and audit mode, after a warm-up, on T threads. --baseline also runs the same rules over the same",
            "facts in a bare Drools session and prints the ratio; --audit MODE also decides with an audit log",
            "and compares with no log. Nothing is printed per decision."})
final class BenchCommand implements Callable<Integer> {
    enum Format { text, json }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    EngineOptions engine;

    @Option(names = {"-n", "--decisions"}, paramLabel = "N", defaultValue = "50000",
            description = "Decisions measured per round. Default: ${DEFAULT-VALUE}.")
    int decisions;

    @Option(names = {"-t", "--threads"}, paramLabel = "T", defaultValue = "1",
            description = "Threads deciding at once. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--warmup", paramLabel = "SECONDS", defaultValue = "8",
            description = {"Seconds of deciding first, not measured, for each of engine, engine with log and baseline:",
                "the JIT compiles Drools' large methods slowly. Default: ${DEFAULT-VALUE}."})
    double warmup;

    @Option(names = "--rounds", paramLabel = "R", defaultValue = "3",
            description = "Measured rounds; engine, engine with log and baseline alternate, and the median round is reported. Default: ${DEFAULT-VALUE}.")
    int rounds;

    @Option(names = "--input", paramLabel = "FILE",
            description = "Submissions to decide (JSON Lines or array), cycled to make N. Default: a generated corpus.")
    Path input;

    @Option(names = "--corpus", paramLabel = "N", defaultValue = "2000",
            description = "Size of the generated corpus when no --input is given. Default: ${DEFAULT-VALUE}.")
    int corpus;

    @Option(names = "--generate-rules", paramLabel = "N",
            description = "Decide with N generated moderation rules instead of --rules (written to --rules-out, or a temporary directory).")
    Integer generateRules;

    @Option(names = "--rules-out", paramLabel = "DIR", description = "Where --generate-rules writes the rules (kept).")
    Path rulesOut;

    @Option(names = "--signals", paramLabel = "K", defaultValue = "0",
            description = "Give each submission K generated signals instead of running the plugins (as a replay does). Default: ${DEFAULT-VALUE}.")
    int signals;

    @Option(names = "--baseline", description = "Also run the same rules over the same facts in bare Drools and print the ratio.")
    boolean baseline;

    @Option(names = "--baseline-session", paramLabel = "KIND", defaultValue = "STATELESS",
            description = "The bare Drools session: STATELESS (a StatelessKieSession per thread) or POOLED (Drools' session pool). Default: ${DEFAULT-VALUE}.")
    BareDrools.Mode baselineSession;

    @Option(names = "--audit", paramLabel = "MODE",
            description = {"Also decide with an audit log of this durability: SYNC (each record forced on its own),",
                "GROUP (concurrent records share an fsync) or NONE (written, never forced), and compare."})
    Durability audit;

    @Option(names = "--audit-file", paramLabel = "FILE",
            description = "The audit log with --audit (default: a temporary file, deleted afterwards).")
    Path auditFile;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "1",
            description = {"Decide in calls of decideAll with N submissions each (with --audit, each call's records are",
                "committed together, with one fsync); latencies are then per call. Not with --signals or --reload.",
                "Default: ${DEFAULT-VALUE} (decide one at a time)."})
    int batch;

    @Option(names = "--reload", description = {"After the rounds, reload the rules live (regenerated, as many) while deciding on,",
        "and report how long the reload took and p99 while it ran. Needs --generate-rules."})
    boolean reload;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of the generated rules and corpus. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--format", defaultValue = "text", description = "text (for people) or json (one object, for scripts). Default: ${DEFAULT-VALUE}.")
    Format format;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String usage = usageProblem();
        if (usage != null) {
            err.println("greenlight bench: " + usage);
            return ExitCodes.CONFIG;
        }
        List<Path> temporary = new ArrayList<>();
        try {
            return run(out, err, temporary);
        } catch (AuditException e) {
            err.println("greenlight bench: a decision could not be recorded: " + e.getMessage());
            return ExitCodes.CONFIG;
        } catch (UncheckedIOException e) {
            err.println("greenlight bench: " + e.getMessage());
            return ExitCodes.CONFIG;
        } catch (RuntimeException e) {
            return EngineFailures.report(e, err);
        } finally {
            temporary.forEach(BenchCommand::deleteTree);
            out.flush();
            err.flush();
        }
    }

    private String usageProblem() {
        if (decisions < 1 || !(warmup >= 0) || threads < 1 || rounds < 1 || corpus < 1 || signals < 0) {
            return "--decisions, --threads, --rounds and --corpus must be at least 1; --warmup and --signals at least 0";
        }
        if (generateRules != null && generateRules < 1) {
            return "--generate-rules must be at least 1";
        }
        if (generateRules != null && engine.rules != null) {
            return "give either --rules or --generate-rules, not both";
        }
        if (rulesOut != null && generateRules == null) {
            return "--rules-out goes with --generate-rules";
        }
        if (auditFile != null && audit == null) {
            return "--audit-file goes with --audit MODE";
        }
        if (batch < 1) {
            return "--batch must be at least 1";
        }
        if (batch > 1 && (signals > 0 || reload)) {
            return "--batch decides with the plugins (or --no-plugins); it takes neither --signals nor --reload";
        }
        if (reload && generateRules == null) {
            return "--reload needs --generate-rules (it rewrites the rules it reloads)";
        }
        return null;
    }

    private int run(PrintWriter out, PrintWriter err, List<Path> temporary) {
        Path rulesDir = engine.rules;
        String rulesSource = engine.rulesDescription();
        if (generateRules != null) {
            rulesDir = rulesOut != null ? rulesOut : tempDir("greenlight-bench-rules", temporary);
            RuleGenerator.writeTo(rulesDir, generateRules, seed);
            rulesSource = "generated";
        }
        Workload work = input != null ? Workload.read(input, err) : Workload.generated(corpus, seed);
        if (work.submissions().isEmpty()) {
            err.println("greenlight bench: no valid submission to decide in " + input);
            return ExitCodes.INVALID;
        }
        if (signals > 0) {
            work = work.withSignals(signals, seed);
            engine.noPlugins = true; // the generated signals stand in for the plugins' evidence
        }
        BenchPlan plan = new BenchPlan(decisions, threads, warmup, rounds, batch, audit, baselineSession);
        Path logFile = audit == null ? null : auditFile != null ? auditFile
                : tempDir("greenlight-bench-audit", temporary).resolve("audit.jsonl");
        BenchReport report;
        long buildStart = System.nanoTime();
        try (Greenlight plain = newEngine(rulesDir, null);
             Greenlight logged = logFile == null ? null : newEngine(rulesDir, logFile)) {
            double buildMillis = (System.nanoTime() - buildStart) / 1e6 / (logged == null ? 1 : 2);
            BareDrools bare = null;
            Boolean agrees = null;
            List<List<Signal>> facts = work.signals();
            if (baseline) {
                if (facts == null) {
                    facts = Baseline.pluginSignals(plain, work); // the baseline sees what the plugins found
                }
                bare = Baseline.compile(rulesDir);
                agrees = Baseline.agrees(plain, bare, work, facts);
            }
            Rounds measuring = new Rounds(plan);
            Rounds.Measured measured = measuring.measure(plain, logged, bare, work, facts);
            LiveReload.Reloaded reloaded = reload
                    ? new LiveReload(measuring, decisions).measure(plain, work, rulesDir, generateRules, seed + 1) : null;
            report = new BenchReport(rulesSource, plain.ruleset().version(), plain.ruleCount(), buildMillis,
                    work.description(), plain.plugins().stream().map(p -> p.id() + " " + p.state()).toList(), measured,
                    agrees, logFile, logFile == null ? 0 : LogFiles.meanLineBytes(logFile, 1_000), reloaded);
        }
        if (format == Format.json) {
            out.println(ModelJson.write(JsonReport.of(report, plan)));
        } else {
            TextReport.print(report, plan, out);
        }
        if (Boolean.FALSE.equals(report.baselineAgrees())) {
            err.println("greenlight bench: warning: bare Drools cast a different number of votes than the engine on "
                    + "some submissions; the ratio compares unlike work");
        }
        return ExitCodes.OK;
    }

    private Greenlight newEngine(Path rulesDir, Path log) {
        GreenlightBuilder builder = rulesDir != null ? engine.builder(rulesDir) : engine.builder();
        if (log != null) {
            builder.auditLog(AuditConfig.builder(log).durability(audit).build());
        }
        return builder.build();
    }

    private static Path tempDir(String prefix, List<Path> temporary) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            temporary.add(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory: " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
