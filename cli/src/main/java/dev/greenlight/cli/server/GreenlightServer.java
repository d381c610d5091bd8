package dev.greenlight.cli.server;

import dev.greenlight.engine.Greenlight;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP JSON service in front of one engine, on Jetty 12's core handlers (no servlet layer):
 * routes, bearer token, rate and size limits, Prometheus metrics, and a graceful shutdown that
 * stops taking requests, lets those in flight finish (every acknowledged decision is in the audit
 * log before its answer is sent), then closes the engine, which flushes and closes the audit log.
 *
 * <p>Routes: {@code POST /v1/decisions}, {@code POST /v1/reviews}, {@code GET /v1/ruleset},
 * {@code POST /v1/ruleset/reload}, {@code GET /health/live}, {@code GET /health/ready},
 * {@code GET /metrics}, {@code GET /openapi.json} (which documents them all). Thread-safe.
 */
public final class GreenlightServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GreenlightServer.class);
    private static final String OPENAPI = "/greenlight/openapi.json";

    private final Greenlight engine;
    private final PrometheusMeterRegistry registry;
    private final ServerConfig config;
    private final Api api;
    private final Server server;
    private final ServerConnector connector;
    private final ExecutorService batchPool;
    private final RateLimiter rate;
    private final byte[] token;
    private final byte[] openapi;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    private GreenlightServer(Greenlight engine, PrometheusMeterRegistry registry, ServerConfig config) {
        this.engine = engine;
        this.registry = registry;
        this.config = config;
        AtomicInteger n = new AtomicInteger();
        this.batchPool = Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "greenlight-batch-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.api = new Api(engine, config.maxBatchItems(), batchPool, draining::get);
        this.rate = config.ratePerSecond() == 0 ? null : new RateLimiter(config.ratePerSecond());
        this.token = config.token() == null ? null : config.token().getBytes(StandardCharsets.UTF_8);
        this.openapi = resource(OPENAPI);
        QueuedThreadPool threads = new QueuedThreadPool(config.maxThreads(), Math.min(8, config.maxThreads()));
        threads.setName("greenlight-http");
        this.server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setRequestHeaderSize(16 * 1024);
        this.connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(config.host());
        connector.setPort(config.port());
        connector.setIdleTimeout(config.idleTimeout().toMillis());
        server.addConnector(connector);
        server.setHandler(new GracefulHandler(new Routes()));
        server.setStopTimeout(config.drainTimeout().toMillis());
        server.setStopAtShutdown(false);
    }

    /**
     * Starts serving {@code engine}, which the server then owns (closing the server closes it).
     *
     * @param registry where the engine's meters are (give the engine the same registry); {@code /metrics} renders it
     * @throws IOException when the address cannot be bound
     */
    public static GreenlightServer start(Greenlight engine, PrometheusMeterRegistry registry, ServerConfig config)
            throws IOException {
        GreenlightServer s = new GreenlightServer(engine, registry, config);
        try {
            s.server.start();
        } catch (IOException e) {
            s.stopQuietly();
            throw e;
        } catch (Exception e) {
            s.stopQuietly();
            throw new IOException("cannot start the server on " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
        }
        LOG.info("serving on {} (rules {}, token {}, rate limit {})", s.uri(), engine.ruleset().version(),
                config.token() == null ? "off" : "on", config.ratePerSecond() == 0 ? "off" : config.ratePerSecond() + "/s");
        return s;
    }

    /** A Prometheus registry with the JVM's own meters bound (memory, GC, threads, CPU, uptime). */
    public static PrometheusMeterRegistry newRegistry() {
        PrometheusMeterRegistry r = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(r);
        new JvmGcMetrics().bindTo(r);
        new JvmThreadMetrics().bindTo(r);
        new ClassLoaderMetrics().bindTo(r);
        new ProcessorMetrics().bindTo(r);
        new UptimeMetrics().bindTo(r);
        return r;
    }

    /** Where the server listens, e.g. {@code http://127.0.0.1:8080/}. */
    public URI uri() {
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return URI.create("http://" + host + ":" + connector.getLocalPort() + "/");
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** Blocks until the server has stopped. */
    public void join() throws InterruptedException {
        server.join();
    }

    /**
     * Graceful shutdown: readiness turns DOWN, new requests get 503, requests in flight finish (up to
     * the drain timeout), then the engine closes (flushing the audit log). Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        draining.set(true);
        long t0 = System.nanoTime();
        stopQuietly();
        batchPool.shutdown();
        try {
            if (!batchPool.awaitTermination(config.drainTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("batch decisions still running after the drain timeout");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        engine.close();
        LOG.info("stopped in {} ms; the engine and its audit log are closed", (System.nanoTime() - t0) / 1_000_000);
    }

    private void stopQuietly() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("stopping the HTTP server: {}", e.toString());
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = GreenlightServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The routes: authentication, rate limit, body limit, then {@link Api}. */
    private final class Routes extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            long t0 = System.nanoTime();
            String path = Request.getPathInContext(request);
            String method = request.getMethod();
            String route = route(path);
            Reply reply;
            try {
                reply = dispatch(route, method, request);
            } catch (Reply.Failure f) {
                reply = f.reply;
                drainUnread(request);
            } catch (RuntimeException | IOException | StackOverflowError e) {
                LOG.error("{} {} failed", method, path, e);
                reply = new Reply.Failure(500, "internal", "Internal error", "the server failed; see its log").reply;
            }
            response.setStatus(reply.status());
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            reply.headers().forEach((k, v) -> response.getHeaders().put(k, v));
            response.write(true, ByteBuffer.wrap(reply.body()), callback);
            timer(method, route, reply.status()).record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
            return true;
        }

        private Reply dispatch(String route, String method, Request request) throws IOException {
            if (route.startsWith("/v1/") || route.equals("/metrics")) {
                authenticate(request);
            }
            if (route.startsWith("/v1/") && rate != null && !rate.tryAcquire()) {
                throw new Reply.Failure(new Reply(429, Reply.PROBLEM, Reply.bytes(Reply.problem(429, "rate-limited",
                        "Too many requests", "the server takes at most " + config.ratePerSecond() + " requests a second")),
                        Map.of("Retry-After", "1")));
            }
            return switch (route) {
                case "/v1/decisions" -> {
                    allow(method, "POST");
                    yield api.decisions(body(request), isLines(request));
                }
                case "/v1/reviews" -> {
                    allow(method, "POST");
                    yield api.review(body(request));
                }
                case "/v1/ruleset" -> {
                    allow(method, "GET");
                    yield api.ruleset();
                }
                case "/v1/ruleset/reload" -> {
                    allow(method, "POST");
                    yield api.reload();
                }
                case "/health/live" -> {
                    allow(method, "GET");
                    yield api.live();
                }
                case "/health/ready" -> {
                    allow(method, "GET");
                    yield api.ready();
                }
                case "/metrics" -> {
                    allow(method, "GET");
                    yield Reply.text(200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape());
                }
                case "/openapi.json" -> {
                    allow(method, "GET");
                    yield new Reply(200, Reply.JSON, openapi, Map.of());
                }
                default -> throw new Reply.Failure(404, null, "Not Found", "no such resource: " + request.getHttpURI().getPath());
            };
        }

        private void authenticate(Request request) {
            if (token == null) {
                return;
            }
            String auth = request.getHeaders().get(HttpHeader.AUTHORIZATION);
            byte[] given = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)
                    ? auth.substring(7).trim().getBytes(StandardCharsets.UTF_8) : null;
            if (given == null || !MessageDigest.isEqual(given, token)) {
                throw new Reply.Failure(new Reply(401, Reply.PROBLEM, Reply.bytes(Reply.problem(401, "unauthorized",
                        "Unauthorized", auth == null ? "a bearer token is required (Authorization: Bearer …)"
                                : "the bearer token is not valid")), Map.of("WWW-Authenticate", "Bearer realm=\"greenlight\"")));
            }
        }

        private void allow(String method, String allowed) {
            if (!allowed.equals(method)) {
                throw new Reply.Failure(new Reply(405, Reply.PROBLEM, Reply.bytes(Reply.problem(405, null,
                        "Method Not Allowed", method + " is not allowed here; use " + allowed)), Map.of("Allow", allowed)));
            }
        }

        /**
         * A request refused before its body was read (401, 429, 413, …) has its body read and
         * discarded when it is within a few times the body limit, so an ordinary client that sends it
         * all gets the answer instead of a reset connection; past that the connection is just closed.
         */
        private void drainUnread(Request request) {
            long length = request.getLength();
            if (length > 0 && length <= DRAIN_FACTOR * config.maxBodyBytes()) {
                try {
                    Content.Source.asInputStream(request).skip(length);
                } catch (IOException | RuntimeException e) {
                    LOG.debug("could not drain a refused request body", e);
                }
            }
        }

        /** The body, at most the configured size; a larger declared body is refused unread. */
        private byte[] body(Request request) throws IOException {
            long limit = config.maxBodyBytes();
            long length = request.getLength();
            if (length > limit) {
                throw tooLarge(length + " bytes");
            }
            InputStream in = Content.Source.asInputStream(request);
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, limit + 1));
            if (bytes.length > limit) {
                throw tooLarge("more than " + limit + " bytes");
            }
            return bytes;
        }

        /** Refused bodies up to this many times the limit are read and discarded before the answer. */
        private static final long DRAIN_FACTOR = 4;

        private Reply.Failure tooLarge(String size) {
            return new Reply.Failure(413, "too-large", "The request is too large",
                    "the body is " + size + "; the limit is " + config.maxBodyBytes() + " bytes");
        }

        private boolean isLines(Request request) {
            String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
            if (type == null) {
                return false;
            }
            String t = type.toLowerCase(java.util.Locale.ROOT);
            if (t.startsWith("application/x-ndjson") || t.startsWith("application/jsonl") || t.startsWith("application/json-lines")) {
                return true;
            }
            if (t.startsWith("application/json") || t.matches("application/[a-z0-9.+-]*\\+json.*")) {
                return false;
            }
            throw new Reply.Failure(415, "unsupported-media-type", "Unsupported media type",
                    "send application/json (one submission or an array) or application/x-ndjson (JSON Lines), not " + type);
        }

        private String route(String path) {
            return switch (path) {
                case "/v1/decisions", "/v1/reviews", "/v1/ruleset", "/v1/ruleset/reload", "/health/live", "/health/ready",
                     "/metrics", "/openapi.json" -> path;
                default -> path.startsWith("/v1/") ? "/v1/other" : "other";
            };
        }

        private Timer timer(String method, String route, int status) {
            String m = switch (method) {
                case "GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH" -> method;
                default -> "OTHER";
            };
            return timers.computeIfAbsent(m + ' ' + route + ' ' + status, k -> Timer.builder("greenlight.http.requests")
                    .description("HTTP requests by route and status").tag("method", m).tag("route", route)
                    .tag("status", Integer.toString(status)).publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(10))
                    .register(registry));
        }
    }
}
