package dev.greenlight.server;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.io.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-client-address limits on connections, so that one address cannot hold every connection the
 * server can take: at most {@code perAddress} open connections from one address (a further one is
 * closed as soon as it opens), and a connection that has not delivered a request's headers within
 * {@code headerTimeout} of opening is closed (idle timeouts alone do not catch a client that sends one
 * byte every few seconds). Added to the connector as a bean; Jetty calls it for every connection.
 *
 * <p>Thread-safe.
 */
final class ConnectionGuard implements Connection.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);

    private final int perAddress;
    private final Duration headerTimeout;
    private final ScheduledExecutorService timers;
    private final Map<InetAddress, AtomicInteger> open = new ConcurrentHashMap<>();
    private final Set<Connection> served = ConcurrentHashMap.newKeySet();
    private final AtomicInteger refused = new AtomicInteger();

    ConnectionGuard(int perAddress, Duration headerTimeout, ScheduledExecutorService timers) {
        this.perAddress = perAddress;
        this.headerTimeout = headerTimeout;
        this.timers = timers;
    }

    @Override
    public void onOpened(Connection connection) {
        InetAddress address = address(connection);
        if (address != null && perAddress > 0) {
            int n = open.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
            if (n > perAddress) {
                refused.incrementAndGet();
                LOG.debug("closing a connection from {}: it has {} open, the limit is {}", address, n - 1, perAddress);
                connection.getEndPoint().close();
                return;
            }
        }
        timers.schedule(() -> {
            if (!served.contains(connection) && connection.getEndPoint().isOpen()) {
                LOG.debug("closing a connection from {}: no request headers within {} ms", address, headerTimeout.toMillis());
                connection.getEndPoint().close();
            }
        }, headerTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void onClosed(Connection connection) {
        served.remove(connection);
        InetAddress address = address(connection);
        if (address != null && perAddress > 0) {
            open.computeIfPresent(address, (a, n) -> n.decrementAndGet() <= 0 ? null : n);
        }
    }

    /** Marks {@code connection} as having delivered a request's headers. */
    void served(Connection connection) {
        if (connection != null && connection.getEndPoint().isOpen()) {
            served.add(connection);
        }
    }

    /** Connections closed at once because their address had too many open. */
    int refused() {
        return refused.get();
    }

    private static InetAddress address(Connection connection) {
        SocketAddress remote = connection.getEndPoint().getRemoteSocketAddress();
        return remote instanceof InetSocketAddress isa ? isa.getAddress() : null;
    }
}
