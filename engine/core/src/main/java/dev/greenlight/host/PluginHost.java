package dev.greenlight.host;

import dev.greenlight.model.Decision;
import dev.greenlight.model.PluginRun;
import dev.greenlight.model.Reason;
import dev.greenlight.model.Signal;
import dev.greenlight.model.Submission;
import dev.greenlight.model.Verdict;
import dev.greenlight.spi.DecisionSink;
import dev.greenlight.spi.SignalProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.pf4j.PluginDependency;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hosts the plugins of one plugins directory for one engine. Every signal provider is called in
 * parallel for each submission, all under one deadline; whatever goes wrong becomes a
 * {@code plugin.error} signal plus an {@code ESCALATE} reason naming the plugin:
 * <ul>
 *   <li>a plugin that fails to load or start (including unmet {@code Plugin-Requires} and missing
 *       dependencies) is skipped and reported; decisions escalate while it is missing, because the
 *       evidence it was installed to give is missing;</li>
 *   <li>a call that throws (any {@code Throwable}), returns garbage, or misses the deadline;</li>
 *   <li>a provider that times out {@code quarantineAfter} times in a row is quarantined until restart:
 *       no more calls (a hung thread cannot be stopped in Java, only abandoned).</li>
 * </ul>
 * Thread-safe.
 */
public final class PluginHost implements EvidenceCollector, DecisionListener {
    private static final Logger LOG = LoggerFactory.getLogger(PluginHost.class);
    /** Source of the signals the host itself adds. */
    public static final String HOST_SOURCE = "greenlight";
    public static final String PLUGIN_ERROR = "plugin.error";
    public static final String PLUGIN_ERROR_RULE = "greenlight.plugin-error";
    /** More signals than this from one call is garbage, not evidence. */
    static final int MAX_SIGNALS_PER_CALL = 1_000;
    /** Marks a provider that had nothing to look at in a submission. */
    private static final Future<Outcome> SKIPPED = java.util.concurrent.CompletableFuture.completedFuture(null);

    private final GreenlightPluginManager manager;
    private final List<ProviderSlot> providers;
    private final List<SinkDispatcher> sinks;
    private final Map<String, PluginStatus> failed;
    private final Map<String, List<String>> extensions;
    private final long timeoutNanos;
    private final int quarantineAfter;
    private final ExecutorService calls;
    private final Clock clock;

    private PluginHost(GreenlightPluginManager manager, List<ProviderSlot> providers, List<SinkDispatcher> sinks,
                       Map<String, PluginStatus> failed, Map<String, List<String>> extensions, Duration timeout,
                       int quarantineAfter, Clock clock) {
        this.manager = manager;
        this.clock = clock;
        this.providers = List.copyOf(providers);
        this.sinks = List.copyOf(sinks);
        this.failed = Map.copyOf(failed);
        this.extensions = Map.copyOf(extensions);
        this.timeoutNanos = timeout.toNanos();
        this.quarantineAfter = quarantineAfter;
        AtomicInteger n = new AtomicInteger();
        this.calls = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "greenlight-plugin-call-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Loads and starts every plugin jar in {@code dir}.
     *
     * @param strict refuse to start (throw) when any plugin fails to load or start
     * @throws PluginConfigurationException when {@code dir} is not a directory, or in strict mode
     *     naming every failed plugin
     */
    public static PluginHost start(Path dir, PluginSettings settings, Duration timeout, int quarantineAfter, boolean strict) {
        return start(dir, settings, timeout, quarantineAfter, strict, null);
    }

    /**
     * As {@link #start(Path, PluginSettings, Duration, int, boolean)}, loading only the jars that the
     * lock file pins (read anew at each start; {@code null} for no pinning): an unlisted or changed
     * jar, and a pinned jar that is missing, is a failed plugin, refused before PF4J sees it.
     *
     * @throws PluginConfigurationException also when the lock file cannot be read
     */
    public static PluginHost start(Path dir, PluginSettings settings, Duration timeout, int quarantineAfter, boolean strict,
                                   Path lockFile) {
        return start(dir, settings, timeout, quarantineAfter, strict, lockFile, Clock.systemUTC());
    }

    /**
     * As {@link #start(Path, PluginSettings, Duration, int, boolean, Path)}, with the clock that
     * plugins' deadlines ({@code AnalysisContext.deadline()}) are read from: the engine's own, so
     * that a test or a replay with a fixed clock hands plugins deadlines on the same time line.
     */
    public static PluginHost start(Path dir, PluginSettings settings, Duration timeout, int quarantineAfter, boolean strict,
                                   Path lockFile, Clock clock) {
        Objects.requireNonNull(clock, "clock");
        if (!Files.isDirectory(dir)) {
            throw new PluginConfigurationException("plugins directory does not exist: " + dir);
        }
        GreenlightPluginManager manager = new GreenlightPluginManager(dir, lockFile == null ? null : PluginLock.load(lockFile));
        manager.loadPlugins();
        manager.startPlugins();
        Map<String, PluginStatus> failed = new LinkedHashMap<>();
        for (PluginStatus refused : manager.refused()) {
            failed.put(refused.id(), refused);
        }
        List<ProviderSlot> providers = new ArrayList<>();
        List<SinkDispatcher> sinks = new ArrayList<>();
        Map<String, List<String>> extensions = new LinkedHashMap<>();
        for (PluginWrapper pw : manager.getPlugins()) {
            String id = pw.getPluginId();
            String version = pw.getDescriptor().getVersion();
            if (pw.getPluginState() != PluginState.STARTED) {
                failed.put(id, new PluginStatus(id, version, PluginStatus.FAILED, List.of(), notStartedReason(manager, pw)));
                continue;
            }
            HostedContext ctx = new HostedContext(id, version, settings.forPlugin(id), dir.resolve(id));
            List<String> names = new ArrayList<>();
            // a plugin runs whole or not at all: nothing of it is kept until every extension started
            List<ProviderSlot> started = new ArrayList<>();
            List<DecisionSink> startedSinks = new ArrayList<>();
            try {
                for (SignalProvider p : manager.getExtensions(SignalProvider.class, id)) {
                    p.start(ctx);
                    started.add(new ProviderSlot(id, version, p));
                    names.add(p.getClass().getSimpleName() + " (SignalProvider)");
                }
                for (DecisionSink s : manager.getExtensions(DecisionSink.class, id)) {
                    s.start(ctx);
                    startedSinks.add(s);
                    names.add(s.getClass().getSimpleName() + " (DecisionSink)");
                }
                providers.addAll(started);
                startedSinks.forEach(s -> sinks.add(new SinkDispatcher(id, s)));
                extensions.put(id, names);
            } catch (Throwable t) {
                failed.put(id, new PluginStatus(id, version, PluginStatus.FAILED, names,
                        "failed to start: " + describe(t)));
                LOG.warn("plugin {} failed to start and is skipped: {}", id, describe(t));
                LOG.debug("plugin {} start failure", id, t);
                stopQuietly(manager, id);
            }
        }
        // PF4J drops a plugin whose dependencies cannot be resolved, or whose descriptor is bad; report it too
        Set<Path> loaded = new HashSet<>();
        manager.getPlugins().forEach(pw -> loaded.add(pw.getPluginPath()));
        for (Path jar : manager.accepted()) {
            if (!loaded.contains(jar)) {
                PluginStatus dropped = dropped(jar);
                failed.putIfAbsent(dropped.id(), dropped);
            }
        }
        failed.values().forEach(f -> LOG.warn("plugin {} is not running: {}", f.id(), f.problem()));
        if (strict && !failed.isEmpty()) {
            unload(manager);
            throw new PluginConfigurationException("strict plugin mode: " + failed.size() + " plugin(s) failed: "
                    + failed.values().stream().map(f -> f.id() + " (" + f.problem() + ")").toList());
        }
        return new PluginHost(manager, providers, sinks, failed, extensions, timeout, quarantineAfter, clock);
    }

    /** Stops a plugin that failed to start, so that none of its extensions keeps running. */
    private static void stopQuietly(GreenlightPluginManager manager, String id) {
        try {
            manager.stopPlugin(id);
        } catch (RuntimeException e) {
            LOG.debug("stopping plugin {} after its failed start failed too", id, e);
        }
    }

    /** Why PF4J did not load a jar it was given: read its descriptor ourselves to say so. */
    private static PluginStatus dropped(Path jar) {
        try {
            PluginDescriptor d = new ManifestPluginDescriptorFinder().find(jar);
            String deps = d.getDependencies().stream().map(PluginDependency::getPluginId).toList().toString();
            String problem = d.getDependencies().isEmpty() ? "not loaded (see the log for PF4J's reason)"
                    : "not loaded: its dependencies " + deps + " could not be resolved";
            return new PluginStatus(d.getPluginId(), d.getVersion(), PluginStatus.FAILED, List.of(), problem);
        } catch (RuntimeException e) {
            return new PluginStatus(jar.getFileName().toString(), "?", PluginStatus.FAILED, List.of(),
                    "not a valid plugin: " + describe(e));
        }
    }

    private static String notStartedReason(GreenlightPluginManager manager, PluginWrapper pw) {
        String requires = pw.getDescriptor().getRequires();
        if (requires != null && !requires.isBlank() && !"*".equals(requires.trim())
                && !manager.getVersionManager().checkVersionConstraint(manager.getSystemVersion(), requires)) {
            return "requires Greenlight " + requires + ", this is " + manager.getSystemVersion();
        }
        if (pw.getFailedException() != null) {
            return "failed to load or start: " + describe(pw.getFailedException());
        }
        if (!pw.getDescriptor().getDependencies().isEmpty() && pw.getPluginState() != PluginState.STARTED) {
            return "state " + pw.getPluginState() + "; dependencies " + pw.getDescriptor().getDependencies()
                    + " could not all be resolved";
        }
        return "state " + pw.getPluginState();
    }

    private static String describe(Throwable t) {
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    @Override
    public Evidence collect(Submission submission, Path mediaRoot) {
        long start = System.nanoTime();
        long deadline = start + timeoutNanos;
        CallContext ctx = new CallContext(mediaRoot, clock.instant().plusNanos(timeoutNanos));
        List<Future<Outcome>> futures = new ArrayList<>(providers.size());
        for (ProviderSlot slot : providers) {
            // a provider with nothing to look at is not handed to a thread at all (and is not listed as run)
            futures.add(slot.quarantined() ? null : !wants(slot, submission) ? SKIPPED
                    : calls.submit(() -> call(slot, submission, ctx)));
        }
        List<Signal> signals = new ArrayList<>();
        List<Reason> reasons = new ArrayList<>();
        Map<String, PluginRun> runs = new LinkedHashMap<>();
        for (int i = 0; i < providers.size(); i++) {
            ProviderSlot slot = providers.get(i);
            Future<Outcome> f = futures.get(i);
            if (f == SKIPPED) {
                continue;
            }
            Outcome o;
            if (f == null) {
                o = Outcome.failure("quarantined", "quarantined after " + quarantineAfter + " timeouts in a row", 0);
            } else {
                o = await(slot, f, deadline, start);
            }
            if (o.error == null) {
                signals.addAll(o.signals);
            } else {
                signals.add(errorSignal(slot.pluginId, o.kind, slot.name() + ": " + o.error));
                reasons.add(errorReason(slot.pluginId, o.kind));
            }
            runs.merge(slot.pluginId, new PluginRun(slot.pluginId, slot.pluginVersion, o.micros, o.error != null),
                    (a, b) -> new PluginRun(a.id(), a.version(), Math.max(a.elapsedMicros(), b.elapsedMicros()),
                            a.failed() || b.failed()));
        }
        for (PluginStatus f : failed.values()) {
            signals.add(errorSignal(f.id(), "not-started", f.problem()));
            reasons.add(errorReason(f.id(), "not-started"));
            runs.put(f.id(), new PluginRun(f.id(), f.version(), 0, true));
        }
        return new Evidence(signals, List.copyOf(runs.values()), reasons);
    }

    /** Whether the provider has input in this submission; a provider whose check throws is called, and fails there. */
    private static boolean wants(ProviderSlot slot, Submission submission) {
        try {
            return slot.provider.wants(submission);
        } catch (RuntimeException | LinkageError e) {
            return true;
        }
    }

    private Outcome await(ProviderSlot slot, Future<Outcome> f, long deadline, long start) {
        try {
            Outcome o = f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            slot.succeeded();
            return o;
        } catch (TimeoutException e) {
            f.cancel(true);
            if (slot.timedOut(quarantineAfter)) {
                LOG.warn("plugin {} ({}) quarantined after {} timeouts in a row", slot.pluginId, slot.name(), quarantineAfter);
            }
            return Outcome.failure("timeout", "no answer within " + timeoutNanos / 1_000_000 + " ms",
                    (System.nanoTime() - start) / 1_000);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            LOG.warn("plugin {} ({}) failed", slot.pluginId, slot.name(), cause);
            slot.succeeded();
            return Outcome.failure("exception", describe(cause), (System.nanoTime() - start) / 1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(true);
            return Outcome.failure("interrupted", "the deciding thread was interrupted", (System.nanoTime() - start) / 1_000);
        }
    }

    /** Runs one provider; garbage output is a failure, not evidence. */
    private Outcome call(ProviderSlot slot, Submission submission, CallContext ctx) {
        long t0 = System.nanoTime();
        try {
            List<Signal> out = slot.provider.analyse(submission, ctx);
            long micros = (System.nanoTime() - t0) / 1_000;
            if (out == null) {
                return Outcome.failure("invalid-output", "returned null instead of a list", micros);
            }
            if (out.size() > MAX_SIGNALS_PER_CALL) {
                return Outcome.failure("invalid-output", "returned " + out.size() + " signals (limit " + MAX_SIGNALS_PER_CALL + ")", micros);
            }
            List<Signal> stamped = new ArrayList<>(out.size());
            for (Signal s : out) {
                if (s == null) {
                    return Outcome.failure("invalid-output", "returned a null signal", micros);
                }
                if (s.getName().equals(PLUGIN_ERROR)) {
                    return Outcome.failure("invalid-output", "emitted the reserved signal name " + PLUGIN_ERROR, micros);
                }
                stamped.add(s.withSource(slot.pluginId));
            }
            return new Outcome(stamped, null, null, micros);
        } finally {
            if (Thread.interrupted()) {
                slot.hungCallEnded();
            }
        }
    }

    private static Signal errorSignal(String pluginId, String kind, String message) {
        return Signal.builder(PLUGIN_ERROR).source(HOST_SOURCE).category(kind).value(pluginId)
                .attribute("plugin", pluginId).attribute("error", message == null ? kind : message).build();
    }

    private static Reason errorReason(String pluginId, String kind) {
        String what = switch (kind) {
            case "timeout" -> "did not answer in time";
            case "quarantined" -> "is switched off after repeated timeouts";
            case "not-started" -> "could not be started";
            case "invalid-output" -> "gave an invalid answer";
            default -> "failed";
        };
        // the artist reads this message: it names no plugin, jar or class (those are internal, and
        // stay in the plugin.error signal and the log, where operators look)
        return new Reason(PLUGIN_ERROR_RULE, Verdict.ESCALATE, "An automatic check " + what
                + ", so a reviewer will look at this submission.", null);
    }

    @Override
    public void recorded(Decision decision, Submission submission) {
        for (SinkDispatcher s : sinks) {
            s.offer(decision, submission);
        }
    }

    /**
     * From now on, decision sinks read what the audit log at {@code base} records, by cursor, instead
     * of through an in-memory queue: a sink that is down only lags, and catches up with every record.
     */
    public void followLog(Path base) {
        sinks.forEach(s -> s.followLog(base));
    }

    /**
     * The signal names each started plugin's providers declare they emit, by plugin id; an empty set for a
     * plugin that declares none (or whose declaration throws: it is then treated as undeclared).
     */
    public Map<String, Set<String>> signalNames() {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (ProviderSlot slot : providers) {
            Set<String> names = out.computeIfAbsent(slot.pluginId, k -> new java.util.TreeSet<>());
            try {
                Set<String> declared = slot.provider.signalNames();
                if (declared != null) {
                    names.addAll(declared);
                }
            } catch (RuntimeException e) {
                LOG.warn("plugin {}: signalNames() failed; its signals are treated as undeclared", slot.pluginId, e);
            }
        }
        return out;
    }

    /** Every plugin: started, failed or quarantined, with its extensions and any problem. */
    /** Each decision sink's lag ({@code SinkDispatcher#lag}), by plugin id (the largest when a plugin has several). */
    public java.util.Map<String, java.time.Duration> sinkLags() {
        java.util.Map<String, java.time.Duration> out = new LinkedHashMap<>();
        for (SinkDispatcher s : sinks) {
            out.merge(s.pluginId(), s.lag(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
        }
        return out;
    }

    public List<PluginStatus> statuses() {
        List<PluginStatus> out = new ArrayList<>();
        for (PluginWrapper pw : manager.getPlugins()) {
            String id = pw.getPluginId();
            if (failed.containsKey(id)) {
                continue;
            }
            boolean quarantined = providers.stream().anyMatch(p -> p.pluginId.equals(id) && p.quarantined());
            int hung = providers.stream().filter(p -> p.pluginId.equals(id)).mapToInt(ProviderSlot::hungCalls).sum();
            out.add(new PluginStatus(id, pw.getDescriptor().getVersion(),
                    quarantined ? PluginStatus.QUARANTINED : PluginStatus.STARTED, extensions.getOrDefault(id, List.of()),
                    quarantined ? "quarantined after " + quarantineAfter + " timeouts in a row; " + hung + " call(s) still hung" : null));
        }
        out.addAll(failed.values());
        return out;
    }

    @Override
    public void close() {
        sinks.forEach(s -> s.close(2_000));
        calls.shutdownNow();
        unload(manager);
    }

    /**
     * Stops and unloads plugin by plugin: PF4J's own {@code stopPlugins()} iterates a list it
     * modifies when a plugin failed, and throws ConcurrentModificationException.
     */
    private static void unload(GreenlightPluginManager manager) {
        for (PluginWrapper pw : new ArrayList<>(manager.getPlugins())) {
            try {
                manager.unloadPlugin(pw.getPluginId());
            } catch (RuntimeException e) {
                LOG.warn("unloading plugin {} failed", pw.getPluginId(), e);
            }
        }
    }

    /** What one call produced: signals, or an error of some kind. */
    private record Outcome(List<Signal> signals, String kind, String error, long micros) {
        static Outcome failure(String kind, String error, long micros) {
            return new Outcome(List.of(), kind, error, micros);
        }
    }
}
