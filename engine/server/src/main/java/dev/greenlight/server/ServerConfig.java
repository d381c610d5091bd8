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
 * @param idleTimeout      a connection idle this long is closed
 * @param headerTimeout    a connection that has not sent a request's headers this long after opening is closed
 * @param bodyTimeout      a request body (not an upload) must arrive within this long
 * @param uploadTimeout    an upload's body must arrive within this long
 * @param minDataRate      bytes a second a body must arrive at, after a 2 s grace; 0: no minimum
 * @param maxConnectionsPerAddress most open connections from one client address; 0: no limit
 * @param maxUploadBytes   largest upload ({@code PUT /v1/media/<sha256>})
 * @param uploadRetention  how long an upload is kept after its last upload
 * @param sinkLagLimit     readiness turns DOWN when a decision sink lags behind the audit log longer
 */
record ServerConfig(String host, int port, String token, long maxBodyBytes, int maxBatchItems, int ratePerSecond,
                    int maxThreads, Duration drainTimeout, Duration idleTimeout, Duration headerTimeout, Duration bodyTimeout,
                    Duration uploadTimeout, long minDataRate, int maxConnectionsPerAddress, long maxUploadBytes,
                    Duration uploadRetention, Duration sinkLagLimit) {
    /** The shortest token accepted: 32 characters, 128 bits or more from any sensible generator (e.g. {@code openssl rand -hex 16}). */
    static final int MIN_TOKEN_CHARS = 32;

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
        if (token != null && token.length() < MIN_TOKEN_CHARS) {
            // a short token can be guessed; a constant-time comparison does not help against guessing
            throw new IllegalArgumentException("the bearer token has " + token.length() + " characters; at least "
                    + MIN_TOKEN_CHARS + " are needed (e.g. openssl rand -hex 16 > token)");
        }
        for (Duration d : new Duration[] {headerTimeout, bodyTimeout, uploadTimeout, uploadRetention, sinkLagLimit}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("timeouts and the upload retention must be positive, was " + d);
            }
        }
        if (minDataRate < 0 || maxConnectionsPerAddress < 0 || maxUploadBytes < 1) {
            throw new IllegalArgumentException("min data rate >= 0, connections per address >= 0 and max upload >= 1 please");
        }
    }
}
