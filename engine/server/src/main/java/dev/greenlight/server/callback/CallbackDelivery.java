package dev.greenlight.server.callback;

import dev.greenlight.audit.AuditFeed;
import dev.greenlight.audit.AuditRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the audit log by a durable cursor ({@link AuditFeed}, name {@value #FEED}) and POSTs each
 * final verdict it finds ({@link CallbackEvent}) to the configured URL, one at a time, in log order,
 * so a decision's verdicts arrive in the order they were recorded. A delivery that fails (no answer,
 * an answer other than 2xx) is retried, the same body with a fresh signature, after an exponentially
 * growing wait with jitter; the records after it wait too, because order matters more than speed.
 * The cursor moves past a record, and is forced to disk, only once its callback was accepted: a
 * crash or {@code kill -9} in between sends it again after a restart (at least once; the receiver
 * drops repeats by the {@code Idempotency-Key} header). Memory stays small: the log is the queue.
 *
 * <p>Thread-safe; one thread of its own. {@link #close} stops it (what was not yet accepted is sent
 * after the next start).
 */
public final class CallbackDelivery implements AutoCloseable {
    /** The cursor's name: the file {@code <log>.feed-callbacks} beside the audit log. */
    public static final String FEED = "callbacks";
    /** The header that carries the idempotency key (the record's hash). */
    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

    private static final Logger LOG = LoggerFactory.getLogger(CallbackDelivery.class);
    private static final int BATCH = 64;
    private static final long IDLE_MILLIS = 20; // a new verdict waits 10 ms for the poll on average (engine/bench CallbackBench)

    private final CallbackConfig config;
    private final AuditFeed feed;
    private final HttpClient http;
    private final Thread thread;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();
    private final Counter deliveredCounter;
    private final Counter failedCounter;
    private volatile boolean stopping;
    private volatile long caughtUpAt = System.nanoTime();
    private volatile int failingFor;
    private volatile String lastFailure;

    private CallbackDelivery(CallbackConfig config, AuditFeed feed, MeterRegistry registry) {
        this.config = config;
        this.feed = feed;
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
        this.deliveredCounter = registry == null ? null : Counter.builder("greenlight.callbacks.delivered")
                .description("Final verdicts the callback receiver accepted").register(registry);
        this.failedCounter = registry == null ? null : Counter.builder("greenlight.callbacks.failed")
                .description("Callback attempts that failed (each is retried)").register(registry);
        if (registry != null) {
            Gauge.builder("greenlight.callbacks.lag.seconds", this, d -> d.lag().toMillis() / 1000.0)
                    .description("How far callbacks are behind the audit log").register(registry);
            Gauge.builder("greenlight.callbacks.failing", this, d -> d.failingFor)
                    .description("Failed attempts in a row of the callback now being delivered (0 when healthy)").register(registry);
        }
        this.thread = new Thread(this::run, "greenlight-callbacks");
        thread.setDaemon(true);
    }

    /**
     * Starts delivering the final verdicts that the audit log at {@code auditBase} records from now on
     * (or from the cursor left by an earlier run: nothing recorded since is missed). The cursor is in
     * place when this returns. {@code registry} may be null (no meters).
     *
     * @throws IOException when the cursor cannot be read or written
     */
    public static CallbackDelivery start(Path auditBase, CallbackConfig config, MeterRegistry registry) throws IOException {
        Objects.requireNonNull(auditBase, "auditBase");
        Objects.requireNonNull(config, "config");
        CallbackDelivery d = new CallbackDelivery(config, AuditFeed.follow(auditBase, FEED), registry);
        d.thread.start();
        LOG.info("{}; resuming after audit record {}", config, d.feed.lastSeq());
        return d;
    }

    /** Zero while every final verdict read from the log was accepted; else the time since that was last so. */
    public Duration lag() {
        return Duration.ofNanos(Math.max(0, System.nanoTime() - caughtUpAt));
    }

    /** Callbacks accepted by the receiver since start. */
    public long delivered() {
        return delivered.get();
    }

    /** Failed attempts since start. */
    public long failedAttempts() {
        return failedAttempts.get();
    }

    /** Why the callback now being delivered failed last, while it is still failing. */
    public Optional<String> failure() {
        return failingFor == 0 ? Optional.empty() : Optional.ofNullable(lastFailure);
    }

    /** The configuration (for health and logs). */
    public CallbackConfig config() {
        return config;
    }

    private void run() {
        while (!stopping) {
            try {
                long polled = System.nanoTime();
                List<AuditRecord> records = feed.poll(BATCH);
                if (records.isEmpty()) {
                    caughtUpAt = polled;
                    Thread.sleep(IDLE_MILLIS);
                    continue;
                }
                for (AuditRecord rec : records) {
                    Optional<CallbackEvent> event = event(rec);
                    if (event.isPresent()) {
                        if (!deliver(event.get())) {
                            break; // stopping: the record is sent after the next start
                        }
                        feed.commitQuietly(rec);
                        feed.saveDurably(); // accepted: never send it again unless a crash beats this line
                    } else {
                        feed.commitQuietly(rec);
                    }
                }
                feed.save();
                if (records.size() < BATCH) {
                    caughtUpAt = polled;
                }
            } catch (InterruptedException e) {
                break;
            } catch (IOException | RuntimeException e) {
                LOG.warn("callbacks: reading the audit log failed; retrying in 1 s", e);
                if (!pause(1_000)) {
                    break;
                }
            }
        }
    }

    private Optional<CallbackEvent> event(AuditRecord rec) {
        try {
            return CallbackEvent.of(rec, config.automatic());
        } catch (RuntimeException e) {
            // a record this reader cannot make sense of announces nothing; verify reports real damage
            LOG.error("callbacks: audit record seq {} cannot be read as a verdict; skipped: {}", rec.seq(), e.toString());
            return Optional.empty();
        }
    }

    /** Sends one event until the receiver accepts it; false when stopping first. */
    private boolean deliver(CallbackEvent e) {
        byte[] body = e.body();
        int attempt = 0;
        while (!stopping) {
            String problem = attempt(e, body);
            if (problem == null) {
                delivered.incrementAndGet();
                if (deliveredCounter != null) {
                    deliveredCounter.increment();
                }
                failingFor = 0;
                return true;
            }
            failedAttempts.incrementAndGet();
            if (failedCounter != null) {
                failedCounter.increment();
            }
            failingFor = ++attempt;
            lastFailure = problem;
            long wait = backoffMillis(attempt);
            if (attempt == 1 || attempt % 10 == 0) {
                LOG.warn("callbacks: decision {} (record {}) not accepted, attempt {}: {}; next try in {} ms",
                        e.decisionId(), e.seq(), attempt, problem, wait);
            }
            if (!pause(wait)) {
                return false;
            }
        }
        return false;
    }

    /** One POST; null when accepted, else what went wrong. */
    private String attempt(CallbackEvent e, byte[] body) {
        long now = System.currentTimeMillis() / 1000;
        HttpRequest request = HttpRequest.newBuilder(config.url()).timeout(config.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "greenlight-callbacks")
                .header(CallbackSignature.HEADER, CallbackSignature.sign(config.secret(), now, body))
                .header(IDEMPOTENCY_HEADER, e.key())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
            return r.statusCode() / 100 == 2 ? null : "HTTP " + r.statusCode() + " from " + config.url();
        } catch (IOException ex) {
            return ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Exponential, capped, with "equal jitter": half the step fixed, half random, so receivers are not hit in step. */
    long backoffMillis(int attempt) {
        long first = config.firstRetry().toMillis();
        long step = Math.min(config.maxRetry().toMillis(), first << Math.min(attempt - 1, 30));
        return step / 2 + ThreadLocalRandom.current().nextLong(step / 2 + 1);
    }

    private boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return !stopping;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops the thread (waiting up to a few seconds); what was not accepted yet is sent after the next start. */
    @Override
    public void close() {
        stopping = true;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
