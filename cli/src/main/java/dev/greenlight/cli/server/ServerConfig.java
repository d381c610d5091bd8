package dev.greenlight.cli.server;

import java.time.Duration;

/**
 * How {@link GreenlightServer} listens and what it accepts. Immutable.
 *
 * @param host             address to bind; loopback unless told otherwise
 * @param port             port; 0 picks a free one
 * @param token            bearer token required on {@code /v1/**} and {@code /metrics}; null: none
 * @param maxBodyBytes     largest request body accepted (a batch); one submission is at most 1 MiB anyway
 * @param maxBatchItems    most submissions in one batch
 * @param ratePerSecond    requests per second accepted across all clients (a token bucket with as
 *                         large a burst); 0 turns the limit off
 * @param maxThreads       most request threads
 * @param drainTimeout     how long shutdown waits for requests in flight
 * @param idleTimeout      a connection idle this long is closed (also bounds a slow request body)
 */
public record ServerConfig(String host, int port, String token, long maxBodyBytes, int maxBatchItems, int ratePerSecond,
                           int maxThreads, Duration drainTimeout, Duration idleTimeout) {
    public static final String LOOPBACK = "127.0.0.1";
    public static final long DEFAULT_MAX_BODY = 16L << 20;
    public static final int DEFAULT_MAX_BATCH = 1_000;
    public static final int DEFAULT_RATE = 1_000;

    public ServerConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0-65535, was " + port);
        }
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("max body must be at least 1024 bytes, was " + maxBodyBytes);
        }
        if (maxBatchItems < 1 || ratePerSecond < 0 || maxThreads < 4) {
            throw new IllegalArgumentException("max batch >= 1, rate >= 0 and threads >= 4 please");
        }
        if (token != null && token.isBlank()) {
            throw new IllegalArgumentException("the bearer token is empty");
        }
    }

    /** Loopback, a free port, no token, the default limits. */
    public static ServerConfig defaults() {
        return new ServerConfig(LOOPBACK, 0, null, DEFAULT_MAX_BODY, DEFAULT_MAX_BATCH, DEFAULT_RATE, 64,
                Duration.ofSeconds(30), Duration.ofSeconds(30));
    }

    public ServerConfig withPort(int p) {
        return new ServerConfig(host, p, token, maxBodyBytes, maxBatchItems, ratePerSecond, maxThreads, drainTimeout, idleTimeout);
    }

    public ServerConfig withToken(String t) {
        return new ServerConfig(host, port, t, maxBodyBytes, maxBatchItems, ratePerSecond, maxThreads, drainTimeout, idleTimeout);
    }

    public ServerConfig withLimits(long body, int batch, int rate) {
        return new ServerConfig(host, port, token, body, batch, rate, maxThreads, drainTimeout, idleTimeout);
    }
}
