package dev.greenlight.engine;

import dev.greenlight.host.DecisionListener;
import dev.greenlight.host.Evidence;
import dev.greenlight.host.EvidenceCollector;
import dev.greenlight.host.PluginHost;
import dev.greenlight.host.PluginStatus;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Submission;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin host that serves, swappable: a reload starts a fresh {@link PluginHost} (a new PF4J
 * manager, never an in-place unload), swaps it in, and closes the old one once every call that
 * took it has given it back. Every call holds a lease on the host it started with, so a call never
 * sees a closed host. Thread-safe.
 */
final class PluginSet implements EvidenceCollector, DecisionListener {
    private static final Logger LOG = LoggerFactory.getLogger(PluginSet.class);

    /** A host and the calls using it. */
    private static final class Lease {
        final PluginHost host;
        final AtomicInteger users = new AtomicInteger();
        volatile boolean retired;

        Lease(PluginHost host) {
            this.host = host;
        }
    }

    private final Supplier<PluginHost> starter;
    private final Duration drainLimit;
    private final Clock clock;
    private volatile Lease current;
    private volatile boolean closed;
    private final Object reloading = new Object();

    /**
     * @param drainLimit how long a reload waits for calls on the old host before closing it anyway
     *                   (calls end within the plugin deadline, so this is only a backstop)
     */
    PluginSet(PluginHost first, Supplier<PluginHost> starter, Duration drainLimit, Clock clock) {
        this.current = new Lease(first);
        this.starter = starter;
        this.drainLimit = drainLimit;
        this.clock = clock;
    }

    private Lease acquire() {
        while (true) {
            Lease l = current;
            l.users.incrementAndGet();
            // retired is set before the closer counts users: either it sees us, or we see retired
            if (!l.retired) {
                return l;
            }
            l.users.decrementAndGet();
            if (closed) {
                throw new IllegalStateException("the engine is closed: its plugins are stopped");
            }
        }
    }

    @Override
    public Evidence collect(Submission submission, java.nio.file.Path mediaRoot) {
        Lease l = acquire();
        try {
            return l.host.collect(submission, mediaRoot);
        } finally {
            l.users.decrementAndGet();
        }
    }

    @Override
    public void recorded(Decision decision, Submission submission) {
        Lease l = acquire();
        try {
            l.host.recorded(decision, submission);
        } finally {
            l.users.decrementAndGet();
        }
    }

    java.util.Map<String, java.time.Duration> sinkLags() {
        Lease l = acquire();
        try {
            return l.host.sinkLags();
        } finally {
            l.users.decrementAndGet();
        }
    }

    List<PluginStatus> statuses() {
        Lease l = acquire();
        try {
            return l.host.statuses();
        } finally {
            l.users.decrementAndGet();
        }
    }

    /** Starts a fresh plugin set and swaps it in; the old one serves on when the new one cannot start. */
    PluginReloadResult reload() {
        synchronized (reloading) {
            if (closed) {
                throw new IllegalStateException("the engine is closed");
            }
            PluginHost fresh;
            try {
                fresh = starter.get();
            } catch (RuntimeException e) {
                LOG.warn("plugin reload refused; the plugins that served go on serving: {}", e.getMessage());
                return new PluginReloadResult(false, statuses(), e.getMessage(), clock.instant());
            }
            Lease old = current;
            current = new Lease(fresh);
            old.retired = true;
            drainAndClose(old);
            LOG.info("plugins reloaded: {}", fresh.statuses().stream().map(s -> s.id() + " " + s.state()).toList());
            return new PluginReloadResult(true, fresh.statuses(), null, clock.instant());
        }
    }

    private void drainAndClose(Lease old) {
        long deadline = System.nanoTime() + drainLimit.toNanos();
        while (old.users.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (old.users.get() > 0) {
            LOG.warn("closing the old plugin set with {} call(s) still in it after {}", old.users.get(), drainLimit);
        }
        old.host.close();
    }

    @Override
    public void close() {
        synchronized (reloading) {
            closed = true;
            Lease l = current;
            l.retired = true;
            drainAndClose(l);
        }
    }
}
