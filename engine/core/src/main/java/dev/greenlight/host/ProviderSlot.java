package dev.greenlight.host;

import dev.greenlight.spi.SignalProvider;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** One started signal provider and its health: consecutive timeouts and quarantine. Thread-safe. */
final class ProviderSlot {
    final String pluginId;
    final String pluginVersion;
    final SignalProvider provider;
    private final AtomicInteger consecutiveTimeouts = new AtomicInteger();
    private final AtomicBoolean quarantined = new AtomicBoolean();
    private final AtomicInteger hungCalls = new AtomicInteger();

    ProviderSlot(String pluginId, String pluginVersion, SignalProvider provider) {
        this.pluginId = pluginId;
        this.pluginVersion = pluginVersion;
        this.provider = provider;
    }

    boolean quarantined() {
        return quarantined.get();
    }

    void succeeded() {
        consecutiveTimeouts.set(0);
    }

    /** Records a timeout; returns true when this one put the provider in quarantine. */
    boolean timedOut(int quarantineAfter) {
        hungCalls.incrementAndGet();
        return consecutiveTimeouts.incrementAndGet() >= quarantineAfter && quarantined.compareAndSet(false, true);
    }

    /** A call that timed out has finished after all (its thread is free again). */
    void hungCallEnded() {
        hungCalls.decrementAndGet();
    }

    /** Calls that timed out and whose threads are still running (Java cannot stop them). */
    int hungCalls() {
        return hungCalls.get();
    }

    String name() {
        return provider.getClass().getSimpleName();
    }
}
