package dev.greenlight.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.audit.AuditConfig;
import dev.greenlight.audit.AuditException;
import dev.greenlight.audit.AuditStats;
import dev.greenlight.audit.Durability;
import dev.greenlight.testkit.BareDrools;
import dev.greenlight.testkit.CorpusGenerator;
import dev.greenlight.cli.bench.CpuControl;
import dev.greenlight.cli.bench.FsyncProbe;
import dev.greenlight.cli.bench.HandOffControl;
import dev.greenlight.cli.bench.Latencies;
import dev.greenlight.cli.bench.LoadRunner;
import dev.greenlight.testkit.RuleGenerator;
import dev.greenlight.engine.Greenlight;
import dev.greenlight.engine.GreenlightBuilder;
import dev.greenlight.engine.internal.RuleFiles;
import dev.greenlight.json.BatchItem;
import dev.greenlight.json.ModelJson;
import dev.greenlight.json.SubmissionReader;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Reason;
import dev.greenlight.model.Signal;
import dev.greenlight.model.Submission;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Measures decisions per second and latency percentiles for a rule set, plugins and an audit mode,
 * on a corpus from a file or generated, after a warm-up, on a number of threads; optionally against
 * bare Drools running the same rules over the same facts in the same process. How users size a
 * deployment, and how the project checks its performance targets (README "Performance").
 *
 * <p>Over 400 lines because one command holds the whole measurement: what is compared with what
 * (engine, engine with its log, bare Drools, the disk's fsync rate), in alternating rounds, and
 * both reports; the measuring parts it needs are in {@code dev.greenlight.cli.bench}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measures decisions per second and p50/p90/p99/max latency for the given rules, plugins",
            "and audit mode, after a warm-up, on T threads. --baseline also runs the same rules over the same",
            "facts in a bare Drools session and prints the ratio; --audit MODE also decides with an audit log",
            "and compares with no log and with the disk's fsync rate. Nothing is printed per decision."})
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

    @Option(names = "--async", paramLabel = "N", defaultValue = "0",
            description = {"Decide with decideAsync, each thread keeping up to N decisions waiting for the audit log",
                "(so -t 2 --async 32 has 64 decisions in flight on two threads); latencies run to the durable record.",
                "Not with --batch or --reload. Default: ${DEFAULT-VALUE} (decide, one at a time per thread)."})
    int async;

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
        if (async < 0 || (async > 0 && (batch > 1 || reload))) {
            return "--async must be at least 0, and goes with neither --batch nor --reload";
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
        Report report = new Report();
        Path rulesDir = engine.rules;
        report.rulesSource = engine.rulesDescription();
        if (generateRules != null) {
            rulesDir = rulesOut != null ? rulesOut : tempDir("greenlight-bench-rules", temporary);
            RuleGenerator.writeTo(rulesDir, generateRules, seed);
            report.rulesSource = "generated";
        }
        Workload work = workload(err);
        report.corpus = work.description;
        if (work.submissions.isEmpty()) {
            err.println("greenlight bench: no valid submission to decide in " + input);
            return ExitCodes.INVALID;
        }
        if (signals > 0) {
            engine.noPlugins = true; // the generated signals stand in for the plugins' evidence
        }
        long buildStart = System.nanoTime();
        try (Greenlight plain = newEngine(rulesDir, null);
             Greenlight logged = audit == null ? null : newEngine(rulesDir, logFile(temporary, report))) {
            report.buildMillis = (System.nanoTime() - buildStart) / 1e6 / (logged == null ? 1 : 2);
            report.ruleCount = plain.ruleCount();
            report.rulesVersion = plain.ruleset().version();
            report.plugins = plain.plugins().stream().map(p -> p.id() + " " + p.state()).toList();
            BareDrools bare = null;
            List<List<Signal>> facts = work.signals;
            if (baseline) {
                if (facts == null) {
                    facts = pluginSignals(plain, work); // the baseline sees what the plugins found
                }
                bare = BareDrools.compile(sources(rulesDir));
                report.baselineAgrees = agrees(plain, bare, work, facts);
            }
            measure(plain, logged, bare, work, facts, report);
            if (reload) {
                measureReload(plain, work, rulesDir, report);
            }
            if (logged != null) {
                Path dir = report.logFile.toAbsolutePath().getParent();
                report.recordBytes = FsyncProbe.meanLineBytes(report.logFile, 1_000);
                report.fsyncsPerSecond = FsyncProbe.measure(dir, 1.5);
                report.recordAppendsPerSecond = FsyncProbe.measure(dir, 1.5, report.recordBytes, audit != Durability.NONE);
                if (audit == Durability.GROUP && threads > 1 && batch == 1 && async == 0) {
                    report.handOffControl = HandOffControl.ratio(dir, threads, report.engine.cpuMicros, report.recordBytes, 4);
                }
            }
            if (threads > 1) {
                report.cpuScaling = CpuControl.scaling(threads, 2);
            }
        }
        print(report, out);
        if (Boolean.FALSE.equals(report.baselineAgrees)) {
            err.println("greenlight bench: warning: bare Drools cast a different number of votes than the engine on "
                    + "some submissions; the ratio compares unlike work");
        }
        return ExitCodes.OK;
    }

    private Greenlight newEngine(Path rulesDir, Path log) {
        GreenlightBuilder builder = engine.builder();
        if (rulesDir != null) {
            builder.rulesDirectory(rulesDir);
        }
        if (log != null) {
            builder.auditLog(AuditConfig.builder(log).durability(audit).build());
        }
        return builder.build();
    }

    private Path logFile(List<Path> temporary, Report report) {
        report.logFile = auditFile != null ? auditFile : tempDir("greenlight-bench-audit", temporary).resolve("audit.jsonl");
        return report.logFile;
    }

    /** Warm-up, then rounds of each side in turn, so that drift (JIT, other load) hits all alike. */
    private void measure(Greenlight plain, Greenlight logged, BareDrools bare, Workload work, List<List<Signal>> facts,
                         Report report) {
        int chunk = Math.min(decisions, 20_000);
        report.warmupDecisions = warmUp(() -> runEngine(plain, work, chunk));
        if (logged != null) {
            warmUp(() -> runEngine(logged, work, chunk));
        }
        if (bare != null) {
            warmUp(() -> runBare(bare, work, facts, chunk));
        }
        List<LoadRunner.Result> plainRuns = new ArrayList<>();
        List<LoadRunner.Result> loggedRuns = new ArrayList<>();
        List<LoadRunner.Result> bareRuns = new ArrayList<>();
        AuditStats before = logged == null ? null : logged.auditStats().orElseThrow();
        for (int r = 0; r < rounds; r++) {
            System.gc();
            plainRuns.add(runEngine(plain, work, decisions));
            if (logged != null) {
                System.gc();
                loggedRuns.add(runEngine(logged, work, decisions));
            }
            if (bare != null) {
                System.gc();
                bareRuns.add(runBare(bare, work, facts, decisions));
            }
        }
        report.engine = Side.of(plainRuns);
        report.logged = logged == null ? null : Side.of(loggedRuns);
        report.baseline = bare == null ? null : Side.of(bareRuns);
        if (logged != null) {
            AuditStats after = logged.auditStats().orElseThrow();
            long syncs = after.syncs() - before.syncs();
            report.recordsPerFsync = syncs == 0 ? null : (double) (after.records() - before.records()) / syncs;
        }
    }

    /**
     * Decides on while another thread rewrites the rules (another seed, as many rules) and reloads
     * them live: how long the reload takes, and the latency of the decisions made meanwhile.
     */
    private void measureReload(Greenlight greenlight, Workload work, Path rulesDir, Report report) {
        RuleGenerator.writeTo(rulesDir, generateRules, seed + 1);
        java.util.concurrent.CompletableFuture<dev.greenlight.engine.ReloadResult> reloading =
                java.util.concurrent.CompletableFuture.supplyAsync(greenlight::reloadRules);
        List<LoadRunner.Result> during = new ArrayList<>();
        do {
            during.add(runEngine(greenlight, work, Math.max(1_000, decisions / 20)));
        } while (!reloading.isDone());
        dev.greenlight.engine.ReloadResult result = reloading.join();
        report.reloadMillis = result.took().toNanos() / 1e6;
        report.reloadStatus = result.status().name();
        report.duringReload = Side.of(during);
    }

    /** Runs {@code chunk} until the warm-up time has passed; returns the number of decisions made. */
    private long warmUp(Supplier<LoadRunner.Result> chunk) {
        long until = System.nanoTime() + (long) (warmup * 1e9);
        long made = 0;
        while (System.nanoTime() < until) {
            made += chunk.get().calls();
        }
        return made;
    }

    private LoadRunner.Result runEngine(Greenlight greenlight, Workload work, int n) {
        int size = work.submissions.size();
        if (batch > 1) {
            return runBatches(greenlight, work, n);
        }
        if (async > 0) {
            return LoadRunner.runAsync(n, threads, async, t -> i -> {
                Submission s = work.submissions.get(i % size);
                return work.signals != null ? greenlight.decideAsync(s, work.signals.get(i % size))
                        : greenlight.decideAsync(s, work.mediaRoot);
            });
        }
        return LoadRunner.run(n, threads, t -> i -> {
            Submission s = work.submissions.get(i % size);
            if (work.signals != null) {
                greenlight.decide(s, work.signals.get(i % size));
            } else {
                greenlight.decide(s, work.mediaRoot);
            }
        });
    }

    /** {@code n} decisions (rounded up to whole calls) in calls of {@code decideAll} with {@link #batch} submissions. */
    private LoadRunner.Result runBatches(Greenlight greenlight, Workload work, int n) {
        int size = work.submissions.size();
        int calls = (n + batch - 1) / batch;
        LoadRunner.Result r = LoadRunner.run(calls, threads, t -> i -> {
            List<Submission> call = new ArrayList<>(batch);
            for (int k = 0; k < batch; k++) {
                call.add(work.submissions.get((int) (((long) i * batch + k) % size)));
            }
            greenlight.decideAll(call, work.mediaRoot);
        });
        return new LoadRunner.Result(calls * batch, r.wallNanos(), r.cpuNanos(), r.latencyNanos());
    }

    private LoadRunner.Result runBare(BareDrools bare, Workload work, List<List<Signal>> facts, int n) {
        int size = work.submissions.size();
        return LoadRunner.run(n, threads, t -> {
            BareDrools.Evaluator evaluator = bare.evaluator(baselineSession);
            return i -> evaluator.evaluate(work.submissions.get(i % size), facts.get(i % size));
        });
    }

    /** The signals the plugins give for each submission, so that bare Drools sees the same facts. */
    private static List<List<Signal>> pluginSignals(Greenlight greenlight, Workload work) {
        List<List<Signal>> found = new ArrayList<>(work.submissions.size());
        for (Submission s : work.submissions) {
            found.add(greenlight.decide(s, work.mediaRoot).signals());
        }
        return found;
    }

    /** True when bare Drools casts as many votes as the engine's rules on every submission. */
    private static boolean agrees(Greenlight greenlight, BareDrools bare, Workload work, List<List<Signal>> facts) {
        BareDrools.Evaluator evaluator = bare.evaluator(BareDrools.Mode.STATELESS);
        for (int i = 0; i < work.submissions.size(); i++) {
            Decision d = greenlight.decide(work.submissions.get(i), facts.get(i));
            long votes = d.reasons().stream().map(Reason::rule).filter(r -> !r.startsWith("greenlight.")).count();
            if (votes != evaluator.evaluate(work.submissions.get(i), facts.get(i))) {
                return false;
            }
        }
        return true;
    }

    private Workload workload(PrintWriter err) {
        List<Submission> subs = new ArrayList<>();
        String description;
        Path root = null;
        if (input != null) {
            try (InputStream in = Files.newInputStream(input)) {
                new SubmissionReader().readBatch(in, input.toString(), item -> {
                    if (item instanceof BatchItem.Valid v) {
                        subs.add(v.submission());
                    } else if (item instanceof BatchItem.Invalid inv) {
                        inv.problems().forEach(err::println);
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + input + ": " + e.getMessage(), e);
            }
            root = input.toAbsolutePath().getParent();
            description = subs.size() + " submissions from " + input;
        } else {
            subs.addAll(CorpusGenerator.submissions(corpus, seed));
            description = corpus + " generated submissions";
        }
        List<List<Signal>> sigs = null;
        if (signals > 0) {
            sigs = new ArrayList<>(subs.size());
            for (Submission s : subs) {
                sigs.add(CorpusGenerator.signals(s, signals, seed));
            }
            description += ", " + signals + " generated signals each";
        }
        return new Workload(subs, sigs, root, description);
    }

    private SortedMap<String, byte[]> sources(Path rulesDir) {
        return rulesDir != null ? new TreeMap<>(RuleFiles.fromDirectory(rulesDir).files())
                : new TreeMap<>(RuleFiles.fromClasspath(GreenlightBuilder.DEFAULT_RULES_LOCATION,
                        getClass().getClassLoader()).files());
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

    private void print(Report r, PrintWriter out) {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        int cores = Runtime.getRuntime().availableProcessors();
        String java = System.getProperty("java.version");
        if (format == Format.json) {
            out.println(ModelJson.write(json(r, load, cores, java)));
            return;
        }
        out.printf(Locale.ROOT, "rules      %s: %d rules, %s (built in %.0f ms)%n", r.rulesSource, r.ruleCount,
                abbreviate(r.rulesVersion), r.buildMillis);
        out.printf(Locale.ROOT, "input      %s%n", r.corpus);
        out.printf(Locale.ROOT, "plugins    %s%n", r.plugins.isEmpty() ? "none" : String.join(", ", r.plugins));
        out.printf(Locale.ROOT, "run        %d thread(s): warm-up %.0f s (%,d decisions), then %d round(s) of %,d decisions%n",
                threads, warmup, r.warmupDecisions, rounds, decisions);
        if (batch > 1) {
            out.printf(Locale.ROOT, "batches    decideAll of %,d submissions per call; latencies are per call%n", batch);
        }
        if (async > 0) {
            out.printf(Locale.ROOT, "async      decideAsync, up to %,d decisions in flight per thread (%,d in all)%n", async,
                    async * threads);
        }
        out.println(r.engine.line("engine"));
        if (r.logged != null) {
            out.println(r.logged.line("with log") + "  (audit " + audit + ", " + r.logFile + ")");
        }
        if (r.baseline != null) {
            out.println(r.baseline.line("baseline") + "  (bare Drools, " + baselineSession.name().toLowerCase(Locale.ROOT)
                    + " session, same rules and facts)");
            out.printf(Locale.ROOT, "ratio      %.2f engine / baseline%s%n", r.engine.throughput / r.baseline.throughput,
                    r.baselineAgrees ? "" : "  WARNING: the baseline's votes differ from the engine's");
        }
        if (r.logged != null) {
            out.printf(Locale.ROOT, "log        %.2f with log / engine; %s%s%n", r.logged.throughput / r.engine.throughput,
                    r.recordsPerFsync == null ? "no fsync"
                            : String.format(Locale.ROOT, "%.1f records per fsync", r.recordsPerFsync),
                    r.handOffControl == null ? "" : String.format(Locale.ROOT, "; control: %d callers that only wait for"
                            + " a group-committing writer (no log code) run %.2f of not waiting, here now", threads,
                            r.handOffControl));
            out.printf(Locale.ROOT, "disk       %,.0f fsyncs/s of %d-byte lines (%.2f with log / that);"
                    + " %,.0f durable appends/s of %,d-byte lines as the log writes them (%.2f with log / that)%n",
                    r.fsyncsPerSecond, FsyncProbe.CLASSIC_BYTES, r.logged.throughput / r.fsyncsPerSecond,
                    r.recordAppendsPerSecond, r.recordBytes, r.logged.throughput / r.recordAppendsPerSecond);
        }
        if (r.duringReload != null) {
            out.printf(Locale.ROOT, "reload     %s %d rules in %.0f ms; while it ran: p99 %s, %.2f times the engine's p99%n",
                    r.reloadStatus.toLowerCase(Locale.ROOT), r.ruleCount, r.reloadMillis,
                    Side.micros(r.duringReload.latency.p99()), r.duringReload.latency.p99() / r.engine.latency.p99());
        }
        out.printf(Locale.ROOT, "machine    %d cores, load average %.2f, Java %s%s%n", cores, load, java,
                r.cpuScaling == null ? "" : String.format(Locale.ROOT,
                        "; control: %d threads of plain arithmetic run %.2f times one thread here now", threads, r.cpuScaling));
    }

    private ObjectNode json(Report r, double load, int cores, String java) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.putObject("rules").put("source", r.rulesSource).put("count", r.ruleCount).put("version", r.rulesVersion)
                .put("buildMillis", round(r.buildMillis));
        o.put("corpus", r.corpus);
        r.plugins.forEach(o.putArray("plugins")::add);
        o.put("threads", threads).put("decisions", decisions).put("warmupSeconds", warmup)
                .put("warmupDecisions", r.warmupDecisions).put("rounds", rounds).put("batch", batch)
                .put("async", async);
        r.engine.into(o.putObject("engine"));
        if (r.logged != null) {
            ObjectNode a = r.logged.into(o.putObject("audit"));
            a.put("durability", audit.name()).put("file", r.logFile.toString())
                    .put("ratioToEngine", round(r.logged.throughput / r.engine.throughput))
                    .put("diskFsyncsPerSecond", round(r.fsyncsPerSecond))
                    .put("ratioToFsyncRate", round(r.logged.throughput / r.fsyncsPerSecond))
                    .put("recordBytes", r.recordBytes)
                    .put("diskRecordAppendsPerSecond", round(r.recordAppendsPerSecond))
                    .put("ratioToRecordAppendRate", round(r.logged.throughput / r.recordAppendsPerSecond));
            if (r.recordsPerFsync != null) {
                a.put("recordsPerFsync", round(r.recordsPerFsync));
            }
            if (r.handOffControl != null) {
                a.put("handOffControl", round(r.handOffControl));
            }
        }
        if (r.baseline != null) {
            r.baseline.into(o.putObject("baseline")).put("session", baselineSession.name())
                    .put("agrees", r.baselineAgrees);
            o.put("ratio", round(r.engine.throughput / r.baseline.throughput));
        }
        if (r.duringReload != null) {
            r.duringReload.into(o.putObject("reload")).put("status", r.reloadStatus).put("millis", round(r.reloadMillis))
                    .put("p99RatioToEngine", round(r.duringReload.latency.p99() / r.engine.latency.p99()));
        }
        ObjectNode machine = o.putObject("machine").put("cores", cores).put("loadAverage", round(load)).put("java", java);
        if (r.cpuScaling != null) {
            machine.put("controlScaling", round(r.cpuScaling));
        }
        return o;
    }

    private static String abbreviate(String version) {
        return version.length() > 19 ? version.substring(0, 19) + "…" : version;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** What to decide: submissions, and their signals when generated ({@code null}: the plugins give them). */
    private record Workload(List<Submission> submissions, List<List<Signal>> signals, Path mediaRoot, String description) {
    }

    /** The median round's throughput, every round's, the latencies of all rounds, and CPU per decision. */
    private record Side(double throughput, double[] rounds, Latencies latency, double cpuMicros) {
        static Side of(List<LoadRunner.Result> runs) {
            double[] each = runs.stream().mapToDouble(LoadRunner.Result::throughput).toArray();
            double[] sorted = each.clone();
            Arrays.sort(sorted);
            double cpu = runs.stream().mapToLong(LoadRunner.Result::cpuNanos).sum() / 1e3
                    / runs.stream().mapToLong(LoadRunner.Result::calls).sum();
            return new Side(sorted[sorted.length / 2], each,
                    Latencies.of(runs.stream().map(LoadRunner.Result::latencyNanos).toList()), cpu);
        }

        String line(String label) {
            return String.format(Locale.ROOT, "%-10s %,10.0f decisions/s   p50 %s  p90 %s  p99 %s  max %s  cpu %.1f us/decision",
                    label, throughput, micros(latency.p50()), micros(latency.p90()), micros(latency.p99()),
                    micros(latency.max()), cpuMicros);
        }

        ObjectNode into(ObjectNode o) {
            o.put("throughput", round(throughput));
            var r = o.putArray("roundThroughputs");
            for (double d : rounds) {
                r.add(round(d));
            }
            o.putObject("latencyMicros").put("p50", round(latency.p50())).put("p90", round(latency.p90()))
                    .put("p99", round(latency.p99())).put("max", round(latency.max()));
            o.put("cpuMicrosPerDecision", round(cpuMicros));
            return o;
        }

        static String micros(double us) {
            return us >= 1000 ? String.format(Locale.ROOT, "%.2f ms", us / 1000) : String.format(Locale.ROOT, "%.1f us", us);
        }
    }

    /** Everything printed at the end. */
    private static final class Report {
        String rulesSource;
        String rulesVersion;
        int ruleCount;
        double buildMillis;
        String corpus;
        List<String> plugins = List.of();
        Path logFile;
        long warmupDecisions;
        Side engine;
        Side logged;
        Side baseline;
        Boolean baselineAgrees;
        /** The classic probe: 512-byte lines, write and fdatasync. */
        double fsyncsPerSecond;
        /** Mean bytes of the log's records, and durable appends a second of lines that long, written as the log does. */
        int recordBytes;
        double recordAppendsPerSecond;
        /** GROUP with many callers: what waiting alone allows ({@link HandOffControl}), or null. */
        Double handOffControl;
        Double recordsPerFsync;
        Side duringReload;
        double reloadMillis;
        String reloadStatus;
        Double cpuScaling;
    }
}
