package dev.greenlight.server;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link GreenlightServer} listens and what it accepts, as {@link GreenlightServer.Builder} set
 * it, checked. Immutable.
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
record ServerConfig(String host, int port, String token, long maxBodyBytes, int maxBatchItems, int ratePerSecond,
                    int maxThreads, Duration drainTimeout, Duration idleTimeout) {
    /** @throws IllegalArgumentException naming the first value out of range */
    ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
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
}
