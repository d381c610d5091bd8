package dev.greenlight.server;

import dev.greenlight.desk.ReviewDesk;
import dev.greenlight.desk.accounts.Account;
import dev.greenlight.desk.accounts.Accounts;
import dev.greenlight.engine.Greenlight;
import dev.greenlight.server.callback.CallbackConfig;
import dev.greenlight.server.callback.CallbackDelivery;
import dev.greenlight.server.status.StatusTokens;
import dev.greenlight.server.status.StatusWeb;
import dev.greenlight.server.web.DeskWeb;
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
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.time.Clock;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * <pre>{@code
 * PrometheusMeterRegistry registry = GreenlightServer.newRegistry();
 * Greenlight engine = Greenlight.builder().auditLog(auditFile).meterRegistry(registry).build();
 * GreenlightServer server = GreenlightServer.builder(engine)
 *         .host("127.0.0.1").port(8080).token(secret).meterRegistry(registry)
 *         .build()
 *         .start();                       // the server now owns the engine
 * Runtime.getRuntime().addShutdownHook(new Thread(server::close));
 * }</pre>
 *
 * <p>Routes: {@code POST /v1/decisions} (one submission: {@link Greenlight#decide(dev.greenlight.model.Submission)};
 * a batch: the valid items with {@link Greenlight#decideAll}, one durable commit, the invalid ones
 * reported by index), {@code POST /v1/reviews}, {@code POST /v1/decisions/{decisionId}/fulfilment}, {@code GET /v1/ruleset},
 * {@code POST /v1/ruleset/reload}, {@code GET /health/live}, {@code GET /health/ready},
 * {@code GET /metrics}, {@code GET /openapi.json} (which documents them all); with a review desk
 * ({@link Builder#desk}), its routes {@code /v1/cases…}, {@code GET /v1/decisions/{id}} and
 * {@code GET /v1/queues} for reviewers with their own tokens ({@link dev.greenlight.server.desk.DeskRoutes}),
 * and the reviewers' web pages {@code /login} and {@code /desk/…} ({@link DeskWeb}).
 *
 * <p>Thread-safe: requests are served on Jetty's pool; {@link #close} may be called from any thread
 * (a shutdown hook), any number of times. Methods throw {@link NullPointerException} for null
 * arguments where none is allowed.
 */
public final class GreenlightServer implements AutoCloseable {
    /** The address bound unless told otherwise: this machine only. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** The port bound unless told otherwise. */
    public static final int DEFAULT_PORT = 8080;
    /** The largest request body accepted unless told otherwise (a batch): 16 MiB. */
    public static final long DEFAULT_MAX_BODY_BYTES = 16L << 20;
    /** The most submissions in one batch unless told otherwise. */
    public static final int DEFAULT_MAX_BATCH_ITEMS = 1_000;
    /** Requests a second accepted on {@code /v1/**} unless told otherwise. */
    public static final int DEFAULT_RATE_PER_SECOND = 1_000;
    /** The most request threads unless told otherwise. */
    public static final int DEFAULT_MAX_THREADS = 64;
    /** Bytes a second a request body must arrive at (after a 2 s grace) unless told otherwise. */
    public static final long DEFAULT_MIN_DATA_RATE = 1024;
    /** The most open connections from one client address unless told otherwise. */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 128;
    /** The largest upload unless told otherwise: 256 MiB. */
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 256L << 20;

    private static final Logger LOG = LoggerFactory.getLogger(GreenlightServer.class);
    private static final String OPENAPI = "/greenlight/openapi.json";
    /** The fulfilment route as metrics name it; the decision id is one path segment. */
    private static final String FULFILMENT_ROUTE = "/v1/decisions/{decisionId}/fulfilment";
    private static final java.util.regex.Pattern FULFILMENT_PATH =
            java.util.regex.Pattern.compile("/v1/decisions/[^/]{1,200}/fulfilment");

    private final Greenlight engine;
    private final PrometheusMeterRegistry registry;
    private final ServerConfig config;
    private final Api api;
    private final Server server;
    private final ServerConnector connector;
    private final RateLimiter rate;
    private final byte[] token;
    private final byte[] openapi;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Map<String, Timer> meters = new ConcurrentHashMap<>();
    /** Body-read watchdogs, header timeouts and the spool's sweeps. */
    private final ScheduledExecutorService timers;
    /** Where bodies are decided, apart from Jetty's threads, which keep answering health and reading bodies. */
    private final ThreadPoolExecutor decisions;
    private final ConnectionGuard guard;
    private final MediaSpool spool;
    /** The review desk's routes; null without a desk. */
    private final DeskMount desk;
    /** The reviewers' pages; null unless the server was given a desk and accounts. */
    private final DeskWeb web;

    /** Callbacks to the integrator: configured (or null), and running once started. */
    private final CallbackConfig callbackConfig;
    private final java.util.concurrent.atomic.AtomicReference<CallbackDelivery> callbacks = new java.util.concurrent.atomic.AtomicReference<>();

    /** Status links handed out with decisions and the pages they open; null when off. */
    private final StatusLinks status;
    /** The artists' status pages and appeals; null when off. */
    private final StatusWeb statusWeb;
    /** Status pages need no sign-in: each client address is slowed down on its own. */
    private final AddressRateLimiter statusRate;

    private GreenlightServer(Greenlight engine, PrometheusMeterRegistry registry, ServerConfig config, Path mediaRoot,
                             ReviewDesk reviewDesk, Accounts accounts, CallbackConfig callbackConfig, StatusLinks status,
                             Map<String, java.util.function.Supplier<Duration>> shipLags) {
        this.engine = engine;
        this.registry = registry;
        this.config = config;
        this.timers = Executors.newSingleThreadScheduledExecutor(daemon("greenlight-http-timer"));
        this.decisions = new ThreadPoolExecutor(config.maxThreads(), config.maxThreads(), 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(config.maxThreads() * 16), daemon("greenlight-decide"));
        decisions.allowCoreThreadTimeOut(true);
        this.spool = mediaRoot == null ? null : new MediaSpool(mediaRoot, config.maxUploadBytes(), config.uploadRetention(), Clock.systemUTC());
        this.callbackConfig = callbackConfig;
        this.status = status;
        this.api = new Api(engine, config.maxBatchItems(), mediaRoot, spool, draining::get, config.sinkLagLimit(), callbacks::get,
                status, shipLags, reviewDesk);
        shipLags.forEach((target, lag) -> io.micrometer.core.instrument.Gauge.builder("greenlight.ship.lag", lag,
                        l -> l.get().toNanos() / 1e9)
                .description("How far shipping the audit log to this target lags behind the log")
                .baseUnit("seconds").tag("target", target).register(registry));
        this.statusWeb = status == null ? null : StatusWeb.create(status.tokens(), reviewDesk, decisions);
        this.statusRate = new AddressRateLimiter(status == null ? 1 : status.ratePerAddress());
        this.guard = new ConnectionGuard(config.maxConnectionsPerAddress(), config.headerTimeout(), timers);
        this.rate = config.ratePerSecond() == 0 ? null : new RateLimiter(config.ratePerSecond());
        this.token = config.token() == null ? null : config.token().getBytes(StandardCharsets.UTF_8);
        this.openapi = resource(OPENAPI);
        this.desk = DeskMount.of(reviewDesk, accounts, config.token(), registry);
        this.web = reviewDesk == null ? null : DeskWeb.create(reviewDesk, accounts, engine, mediaRoot, decisions, Clock.systemUTC());
        // Jetty's threads only parse, read bodies as they come, answer health and write answers: a few suffice
        QueuedThreadPool threads = new QueuedThreadPool(Math.max(8, config.maxThreads() / 2), 4);
        threads.setName("greenlight-http");
        this.server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setRequestHeaderSize(16 * 1024);
        HttpConnectionFactory h1 = new HttpConnectionFactory(http);
        // bodies arrive in chunks of at most this: 64 KiB instead of 8 KiB makes an upload a fifth as
        // many hand-offs to a thread (measured: see SERVING.md, "Media")
        h1.setInputBufferSize(64 * 1024);
        this.connector = new ServerConnector(server, h1);
        connector.setHost(config.host());
        connector.setPort(config.port());
        connector.setIdleTimeout(config.idleTimeout().toMillis());
        connector.addBean(guard);
        server.addConnector(connector);
        server.setHandler(new GracefulHandler(new Routes()));
        server.setStopTimeout(config.drainTimeout().toMillis());
        server.setStopAtShutdown(false);
    }

    /**
     * A builder for a server in front of {@code engine}: loopback, port {@value #DEFAULT_PORT}, no
     * token, the default limits, a registry of its own.
     */
    public static Builder builder(Greenlight engine) {
        return new Builder(Objects.requireNonNull(engine, "engine"));
    }

    /**
     * Binds the address and starts serving; the server then owns the engine (closing the server
     * closes it). Once only.
     *
     * @return this server
     * @throws IOException when the address cannot be bound (the engine is then left open, for the caller to close)
     * @throws IllegalStateException when started before, or closed
     */
    public GreenlightServer start() throws IOException {
        if (closed.get() || server.isStarted() || server.isStarting()) {
            throw new IllegalStateException("the server was started or closed before");
        }
        if (callbackConfig != null) {
            // the cursor is in place before the first request, so no final verdict recorded from now on is missed
            Path log = engine.auditFile().orElseThrow(() -> new IllegalStateException(
                    "callbacks are delivered from the audit log, and the engine has none"));
            callbacks.set(CallbackDelivery.start(log, callbackConfig, registry));
        }
        try {
            server.start();
        } catch (IOException e) {
            stopQuietly();
            throw e;
        } catch (Exception e) {
            stopQuietly();
            throw new IOException("cannot start the server on " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
        }
        if (spool != null) {
            long every = Math.max(1_000, Math.min(spool.retention().toMillis() / 4, 600_000));
            timers.scheduleWithFixedDelay(spool::sweep, 0, every, TimeUnit.MILLISECONDS);
        }
        if (web != null) {
            timers.scheduleWithFixedDelay(web::sweep, 5, 5, TimeUnit.MINUTES);
        }
        LOG.info("serving on {} (rules {}, token {}, rate limit {}, uploads {})", uri(), engine.ruleset().version(),
                config.token() == null ? "off" : "on", config.ratePerSecond() == 0 ? "off" : config.ratePerSecond() + "/s",
                spool == null ? "off" : "kept " + spool.retention());
        return this;
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

    /** Where the server listens, e.g. {@code http://127.0.0.1:8080/} (meaningful once started). */
    public URI uri() {
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return URI.create("http://" + host + ":" + connector.getLocalPort() + "/");
    }

    /** The port the server listens on (the one picked when configured with 0); -1 before {@link #start}. */
    public int port() {
        return connector.getLocalPort();
    }

    /**
     * Blocks until the server has stopped.
     *
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public void join() throws InterruptedException {
        server.join();
    }

    /**
     * Graceful shutdown: readiness turns DOWN, new requests get 503, requests in flight finish (up to
     * the drain timeout), then the engine closes (flushing the audit log). Idempotent; never throws
     * (a failure to stop Jetty is logged).
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        draining.set(true);
        long t0 = System.nanoTime();
        LOG.info("shutting down: refusing new requests, finishing those in flight (at most {} s)", config.drainTimeout().toSeconds());
        stopQuietly();
        decisions.shutdown();
        try {
            decisions.awaitTermination(config.drainTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timers.shutdownNow();
        CallbackDelivery delivery = callbacks.get();
        if (delivery != null) {
            delivery.close(); // what it had not delivered yet goes after the next start
        }
        if (desk != null) {
            desk.close(); // before the engine: the desk follows its decisions
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

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Sweeps the upload spool now (as its schedule does); for tests. Returns the files deleted, 0 without uploads. */
    int sweepUploads() {
        return spool == null ? 0 : spool.sweep();
    }

    /** Connections closed at once because their address had too many open; for tests and logs. */
    int connectionsRefused() {
        return guard.refused();
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

    /**
     * The routes: authentication and the rate limit on the headers alone, then the body read without
     * holding a thread ({@link BodyReader}), then {@link Api} on the decision threads. Health, the
     * ruleset and the API document answer on Jetty's own threads, so a flood of decisions or of slow
     * bodies never starves them.
     */
    private final class Routes extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            long t0 = System.nanoTime();
            guard.served(request.getConnectionMetaData().getConnection());
            String path = Request.getPathInContext(request);
            if (statusWeb != null && StatusWeb.owns(path)) {
                status(request, response, callback);
                return true;
            }
            if (web != null && DeskWeb.owns(path)) {
                web.handle(request, response, callback); // pages: sessions instead of bearer tokens, HTML answers
                return true;
            }
            String method = request.getMethod();
            String route = route(path);
            Exchange x = new Exchange(request, response, callback, method, route, t0);
            try {
                Reply reply = dispatch(x, path);
                if (reply != null) {
                    x.send(reply);
                }
            } catch (Reply.Failure f) {
                x.refuse(f.reply);
            } catch (RuntimeException | IOException | StackOverflowError e) {
                x.send(internal(method, path, e));
            }
            return true;
        }

        /** An artist's status page or appeal: no sign-in, a rate limit per client address and one for the server. */
        private void status(Request request, Response response, Callback callback) {
            String address = Request.getRemoteAddr(request);
            if (!statusRate.tryAcquire(address) || rate != null && !rate.tryAcquire()) {
                response.setStatus(429);
                response.getHeaders().put("Retry-After", "1");
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
                response.write(true, ByteBuffer.wrap("Too many requests; try again in a moment.".getBytes(StandardCharsets.UTF_8)),
                        callback);
                return;
            }
            statusWeb.handle(request, response, callback);
        }

        /** The reply of a route answered at once; null when the route answers later (it has a body to read). */
        private Reply dispatch(Exchange x, String path) throws IOException {
            Request request = x.request;
            String route = x.route;
            String method = x.method;
            Account reviewer = null;
            boolean deskRoute = desk != null && desk.handles(path);
            if (deskRoute) {
                reviewer = desk.caller(request); // reviewers' own tokens, not the server's
                x.authenticated = true;
            } else if (route.startsWith("/v1/") || route.equals("/metrics")) {
                authenticate(request);
                x.authenticated = true;
            }
            if (route.startsWith("/v1/") && rate != null && !rate.tryAcquire()) {
                throw new Reply.Failure(new Reply(429, Reply.PROBLEM, Reply.bytes(Reply.problem(429, "rate-limited",
                        "Too many requests", "the server takes at most " + config.ratePerSecond() + " requests a second")),
                        Map.of("Retry-After", "1")));
            }
            if (deskRoute) {
                Account who = reviewer;
                String query = request.getHttpURI().getQuery();
                withBody(x, body -> desk.handle(who, method, path, query, body));
                return null;
            }
            return switch (route) {
                case "/v1/decisions" -> {
                    allow(method, "POST");
                    boolean lines = isLines(request);
                    withBody(x, body -> api.decisions(body, lines));
                    yield null;
                }
                case "/v1/reviews" -> {
                    allow(method, "POST");
                    if (desk != null) {
                        // a review beside the desk would skip its claims and versions and leave its case open
                        throw new Reply.Failure(409, "review-desk-on", "Reviews are decided on the review desk",
                                "this server runs the review desk: decide the decision's case with a reviewer's own token "
                                        + "(POST /v1/cases/{caseId}/decision), so that claims and versions are checked");
                    }
                    withBody(x, api::review);
                    yield null;
                }
                case FULFILMENT_ROUTE -> {
                    allow(method, "POST");
                    String decisionId = path.substring("/v1/decisions/".length(), path.length() - "/fulfilment".length());
                    withBody(x, body -> api.fulfilment(decisionId, body));
                    yield null;
                }
                case "/v1/status-tokens/revoke" -> {
                    allow(method, "POST");
                    withBody(x, api::revokeStatus);
                    yield null;
                }
                case "/v1/media" -> {
                    allow(method, "PUT");
                    upload(x, path.substring("/v1/media/".length()));
                    yield null;
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

        /** Reads the body (no thread held while it arrives), then runs {@code route} on it on a decision thread. */
        private void withBody(Exchange x, java.util.function.Function<byte[], Reply> route) {
            Bytes sink = new Bytes();
            BodyReader.read(x.request, sink, config.maxBodyBytes(), config.minDataRate(), config.bodyTimeout(), timers)
                    .whenComplete((n, failure) -> {
                        if (failure != null) {
                            x.refuse(failure);
                            return;
                        }
                        onDecisionThread(x, () -> route.apply(sink.toByteArray()));
                    });
        }

        /** {@code PUT /v1/media/<sha256>}: the body streams into the spool, checked against the declared hash. */
        private void upload(Exchange x, String sha256) throws IOException {
            if (spool == null) {
                throw new Reply.Failure(404, "uploads-off", "This server takes no uploads",
                        "uploads need a media root (greenlight serve --media-root DIR)");
            }
            MediaSpool.Upload upload = spool.begin(sha256);
            BodyReader.read(x.request, upload, spool.maxBytes(), config.minDataRate(), config.uploadTimeout(), timers)
                    .whenComplete((n, failure) -> {
                        if (failure != null) {
                            upload.abort();
                            x.refuse(failure);
                            return;
                        }
                        onDecisionThread(x, () -> {
                            try {
                                boolean fresh = upload.finish();
                                ObjectNode out = Reply.F.objectNode().put("sha256", sha256).put("bytes", n)
                                        .put("path", MediaSpool.DIRECTORY + "/" + sha256)
                                        .put("expiresAt", java.time.Instant.now().plus(spool.retention()).toString());
                                return new Reply(fresh ? 201 : 200, Reply.JSON, Reply.bytes(out), Map.of());
                            } catch (IOException e) {
                                upload.abort();
                                throw new UncheckedIOException(e);
                            }
                        });
                    });
        }

        private void onDecisionThread(Exchange x, java.util.function.Supplier<Reply> work) {
            try {
                decisions.execute(() -> {
                    try {
                        x.send(work.get());
                    } catch (Reply.Failure f) {
                        x.send(f.reply);
                    } catch (RuntimeException | StackOverflowError e) {
                        x.send(internal(x.method, x.route, e));
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                x.send(new Reply(503, Reply.PROBLEM, Reply.bytes(Reply.problem(503, "busy", "The server is busy",
                        "every decision thread is taken and the queue is full; try again shortly")), Map.of("Retry-After", "1")));
            }
        }

        private Reply internal(String method, String path, Throwable e) {
            LOG.error("{} {} failed", method, path, e);
            return new Reply.Failure(500, "internal", "Internal error", "the server failed; see its log").reply;
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
                case "/v1/decisions", "/v1/reviews", "/v1/status-tokens/revoke", "/v1/ruleset", "/v1/ruleset/reload", "/health/live", "/health/ready",
                     "/metrics", "/openapi.json" -> path;
                // the fulfilment path is two segments under a decision; the desk's GET /v1/decisions/{id} is one
                default -> path.startsWith("/v1/media/") ? "/v1/media"
                        : FULFILMENT_PATH.matcher(path).matches() ? FULFILMENT_ROUTE
                        : dev.greenlight.server.desk.DeskRoutes.handles(path) ? dev.greenlight.server.desk.DeskRoutes.route(path)
                        : path.startsWith("/v1/") ? "/v1/other" : "other";
            };
        }

    }

    private Timer meter(String method, String route, int status) {
        String m = switch (method) {
            case "GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH" -> method;
            default -> "OTHER";
        };
        return meters.computeIfAbsent(m + ' ' + route + ' ' + status, k -> Timer.builder("greenlight.http.requests")
                .description("HTTP requests by route and status").tag("method", m).tag("route", route)
                .tag("status", Integer.toString(status)).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry));
    }

    /**
     * One request and its answer, given once: from the request thread, a decision thread or a
     * watchdog, whichever comes first. A refused request whose body is still coming is answered with
     * {@code Connection: close} so that the rest is never read; an authenticated client's refused
     * body of a sensible size is read and discarded first, so that an ordinary client gets the
     * answer instead of a reset connection.
     */
    private final class Exchange {
        final Request request;
        final Response response;
        final Callback callback;
        final String method;
        final String route;
        final long t0;
        volatile boolean authenticated;
        private final AtomicBoolean answered = new AtomicBoolean();

        Exchange(Request request, Response response, Callback callback, String method, String route, long t0) {
            this.request = request;
            this.response = response;
            this.callback = callback;
            this.method = method;
            this.route = route;
            this.t0 = t0;
        }

        void refuse(Throwable failure) {
            Throwable t = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (t instanceof Reply.Failure f) {
                refuse(f.reply);
            } else {
                LOG.error("{} {} failed", method, route, t);
                send(new Reply.Failure(500, "internal", "Internal error", "the server failed; see its log").reply, true);
            }
        }

        void refuse(Reply reply) {
            long length = request.getLength();
            boolean brokenBody = reply.status() == 408 || reply.status() == 400 && new String(reply.body(), StandardCharsets.UTF_8).contains("malformed-body");
            if (authenticated && !brokenBody && length > 0 && length <= DRAIN_FACTOR * config.maxBodyBytes()) {
                timers.schedule(() -> send(reply, true), config.bodyTimeout().toMillis(), TimeUnit.MILLISECONDS);
                Content.Source.consumeAll(request, Callback.from(() -> send(reply, false), e -> send(reply, true)));
            } else {
                send(reply, length != 0);
            }
        }

        void send(Reply reply) {
            send(reply, false);
        }

        void send(Reply reply, boolean close) {
            if (!answered.compareAndSet(false, true)) {
                return;
            }
            response.setStatus(reply.status());
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            reply.headers().forEach((k, v) -> response.getHeaders().put(k, v));
            if (close) {
                response.getHeaders().put(HttpHeader.CONNECTION, "close");
            }
            response.write(true, ByteBuffer.wrap(reply.body()), callback);
            meter(method, route, reply.status()).record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
        }
    }

    /** Refused bodies up to this many times the limit are read and discarded before the answer. */
    private static final long DRAIN_FACTOR = 4;

    /** A request body collected in memory (bounded by the body limit before it gets here). */
    private static final class Bytes extends java.io.ByteArrayOutputStream implements BodyReader.Sink {
        @Override
        public void write(ByteBuffer chunk) {
            if (chunk.hasArray()) {
                write(chunk.array(), chunk.arrayOffset() + chunk.position(), chunk.remaining());
                chunk.position(chunk.limit());
            } else {
                byte[] b = new byte[chunk.remaining()];
                chunk.get(b);
                write(b, 0, b.length);
            }
        }
    }

    /**
     * How a {@link GreenlightServer} listens and what it accepts. Every setter checks nothing by
     * itself; {@link #build} checks the lot. Not thread-safe: one builder, one thread.
     */
    public static final class Builder {
        private final Greenlight engine;
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private String token;
        private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private int maxBatchItems = DEFAULT_MAX_BATCH_ITEMS;
        private int ratePerSecond = DEFAULT_RATE_PER_SECOND;
        private int maxThreads = DEFAULT_MAX_THREADS;
        private Duration drainTimeout = Duration.ofSeconds(30);
        private Duration idleTimeout = Duration.ofSeconds(30);
        private PrometheusMeterRegistry registry;
        private Duration headerTimeout = Duration.ofSeconds(10);
        private Duration bodyTimeout = Duration.ofSeconds(30);
        private Duration uploadTimeout = Duration.ofMinutes(10);
        private long minDataRate = DEFAULT_MIN_DATA_RATE;
        private int maxConnectionsPerAddress = DEFAULT_MAX_CONNECTIONS_PER_ADDRESS;
        private long maxUploadBytes = DEFAULT_MAX_UPLOAD_BYTES;
        private Duration uploadRetention = Duration.ofHours(24);
        private Path mediaRoot;
        private boolean mediaRootSet;
        private Duration sinkLagLimit = Duration.ofSeconds(60);
        private final Map<String, java.util.function.Supplier<Duration>> shipLags = new java.util.LinkedHashMap<>();
        private CallbackConfig callbacks;
        private StatusTokens statusTokens;
        private URI publicUrl;
        private int statusRatePerAddress = StatusWeb.DEFAULT_RATE_PER_ADDRESS;
        private ReviewDesk reviewDesk;
        private Accounts accounts;

        private Builder(Greenlight engine) {
            this.engine = engine;
        }

        /**
         * Hands each decision's status token to the integrator ({@code statusToken} in the decision's
         * answer) and serves the artist's status pages and appeals ({@code /status/{token}},
         * {@code /v1/status/{token}}); null for none (the default).
         */
        public Builder statusTokens(StatusTokens tokens) {
            this.statusTokens = tokens;
            return this;
        }

        /**
         * Requests a second one client address may make to the status pages, with as much burst
         * ({@value StatusWeb#DEFAULT_RATE_PER_ADDRESS} by default); beyond, 429. At least 1.
         */
        public Builder statusRatePerAddress(int perSecond) {
            this.statusRatePerAddress = perSecond;
            return this;
        }

        /**
         * The server's address as artists reach it (e.g. {@code https://review.example.org/}): each
         * decision's answer then carries a full {@code statusUrl}. Null (the default): the token only.
         */
        public Builder publicUrl(URI url) {
            if (url != null && (!url.isAbsolute() || url.getHost() == null)) {
                throw new IllegalArgumentException("publicUrl: must be an absolute URL, was " + url);
            }
            this.publicUrl = url == null || url.getPath().endsWith("/") ? url : URI.create(url + "/");
            return this;
        }

        /**
         * POSTs every final verdict the audit log records to the integrator (engine/server/CALLBACKS.md);
         * null for none (the default). Needs an engine with an audit log.
         */
        public Builder callbacks(CallbackConfig config) {
            this.callbacks = config;
            return this;
        }

        /**
         * Where media paths resolve, and where uploads are kept ({@code <dir>/uploads}); null for none
         * (then uploads are off and every media file is reported unreadable). Default: the engine's
         * {@code mediaRoot}.
         */
        public Builder mediaRoot(Path dir) {
            this.mediaRoot = dir;
            this.mediaRootSet = true;
            return this;
        }

        /**
         * Serves {@code desk}'s JSON routes (docs/contract.md §7) and the reviewers' pages
         * ({@code /login}, {@code /desk/}) to the accounts of {@link #accounts}; the server closes the
         * desk when it closes. Null: no desk (the default).
         */
        public Builder desk(ReviewDesk desk) {
            this.reviewDesk = desk;
            return this;
        }

        /**
         * The users who may sign in: reviewers, leads and auditors, each calling the desk routes with
         * their own API token or signing in to the pages. Required with {@link #desk}. Null: none (the default).
         */
        public Builder accounts(Accounts accounts) {
            this.accounts = accounts;
            return this;
        }

        /** Readiness turns DOWN when a plugin's decision sink lags behind the audit log longer than this (60 s by default). */
        public Builder sinkLagLimit(Duration limit) {
            this.sinkLagLimit = Objects.requireNonNull(limit, "sinkLagLimit");
            return this;
        }

        /**
         * A shipper of the audit log (to PostgreSQL, Kafka: {@code AuditShipper::lag}) whose lag is
         * reported: readiness turns DOWN when it lags longer than {@link #sinkLagLimit}, and
         * {@code /metrics} shows it as {@code greenlight_ship_lag_seconds{target="NAME"}}. Deciding
         * never waits for it.
         */
        public Builder shipper(String target, java.util.function.Supplier<Duration> lag) {
            shipLags.put(Objects.requireNonNull(target, "target"), Objects.requireNonNull(lag, "lag"));
            return this;
        }

        /** A connection must send a request's headers within this long of opening (10 s by default). */
        public Builder headerTimeout(Duration timeout) {
            this.headerTimeout = Objects.requireNonNull(timeout, "headerTimeout");
            return this;
        }

        /** A request body must arrive within this long (30 s by default); later is 408. */
        public Builder bodyTimeout(Duration timeout) {
            this.bodyTimeout = Objects.requireNonNull(timeout, "bodyTimeout");
            return this;
        }

        /** An upload's body must arrive within this long (10 min by default); later is 408. */
        public Builder uploadTimeout(Duration timeout) {
            this.uploadTimeout = Objects.requireNonNull(timeout, "uploadTimeout");
            return this;
        }

        /** Bytes a second a body must arrive at after a 2 s grace ({@value #DEFAULT_MIN_DATA_RATE} by default); slower is 408. 0: no minimum. */
        public Builder minDataRate(long bytesPerSecond) {
            this.minDataRate = bytesPerSecond;
            return this;
        }

        /** Most open connections from one client address ({@value #DEFAULT_MAX_CONNECTIONS_PER_ADDRESS} by default); 0: no limit. */
        public Builder maxConnectionsPerAddress(int connections) {
            this.maxConnectionsPerAddress = connections;
            return this;
        }

        /** Largest upload in bytes (256 MiB by default); larger is 413. */
        public Builder maxUploadBytes(long bytes) {
            this.maxUploadBytes = bytes;
            return this;
        }

        /** How long an upload is kept after its last upload (24 h by default); then it is deleted. */
        public Builder uploadRetention(Duration retention) {
            this.uploadRetention = Objects.requireNonNull(retention, "uploadRetention");
            return this;
        }

        /** The address to bind ({@code 127.0.0.1} by default: this machine only). */
        public Builder host(String address) {
            this.host = Objects.requireNonNull(address, "host");
            return this;
        }

        /** The port to bind, 0–65535; 0 picks a free one ({@link #port()} tells which). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * Requires {@code Authorization: Bearer <token>} on {@code /v1/**} and {@code /metrics}
         * (compared in constant time); health and {@code /openapi.json} stay open. Null: no token.
         */
        public Builder token(String token) {
            this.token = token;
            return this;
        }

        /** The largest request body (a batch), at least 1024 bytes; larger is 413. One submission is at most 1 MiB anyway. */
        public Builder maxBodyBytes(long bytes) {
            this.maxBodyBytes = bytes;
            return this;
        }

        /** The most submissions in one batch, at least 1; more is 413. */
        public Builder maxBatchItems(int items) {
            this.maxBatchItems = items;
            return this;
        }

        /**
         * Requests a second accepted on {@code /v1/**} across all clients (a token bucket with a
         * burst as large); beyond, 429 with {@code Retry-After}. 0 turns the limit off.
         */
        public Builder ratePerSecond(int perSecond) {
            this.ratePerSecond = perSecond;
            return this;
        }

        /** The most request threads, at least 4. */
        public Builder maxThreads(int threads) {
            this.maxThreads = threads;
            return this;
        }

        /** How long {@link GreenlightServer#close} waits for requests in flight. */
        public Builder drainTimeout(Duration timeout) {
            this.drainTimeout = Objects.requireNonNull(timeout, "drainTimeout");
            return this;
        }

        /** A connection idle this long is closed (this also bounds a slow request body). */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = Objects.requireNonNull(timeout, "idleTimeout");
            return this;
        }

        /**
         * The registry {@code /metrics} renders, which should be the one the engine was built with
         * ({@code GreenlightBuilder.meterRegistry}) so that its meters show. Default: a new
         * {@link GreenlightServer#newRegistry()}, with the JVM's and the HTTP meters only.
         */
        public Builder meterRegistry(PrometheusMeterRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * The server, not yet listening: call {@link GreenlightServer#start()}.
         *
         * @throws IllegalArgumentException naming the first option out of range, or a desk without accounts
         */
        public GreenlightServer build() {
            ServerConfig config = new ServerConfig(host, port, token, maxBodyBytes, maxBatchItems, ratePerSecond, maxThreads,
                    drainTimeout, idleTimeout, headerTimeout, bodyTimeout, uploadTimeout, minDataRate, maxConnectionsPerAddress,
                    maxUploadBytes, uploadRetention, sinkLagLimit);
            if (callbacks != null && engine.auditFile().isEmpty()) {
                throw new IllegalArgumentException("callbacks: are delivered from the audit log, and the engine has none");
            }
            if (statusRatePerAddress < 1) {
                throw new IllegalArgumentException("statusRatePerAddress: must be at least 1, was " + statusRatePerAddress);
            }
            if (statusTokens != null && reviewDesk == null) {
                throw new IllegalArgumentException("status pages show what the review desk knows of a decision: give a desk too");
            }
            if (reviewDesk != null && accounts == null) {
                throw new IllegalArgumentException("a review desk needs accounts (a users file) to know who reviews");
            }
            return new GreenlightServer(engine, registry != null ? registry : newRegistry(), config,
                    mediaRootSet ? mediaRoot : engine.mediaRoot(), reviewDesk, accounts, callbacks,
                    statusTokens == null ? null : new StatusLinks(statusTokens, publicUrl, statusRatePerAddress),
                    Map.copyOf(shipLags));
        }
    }
}
