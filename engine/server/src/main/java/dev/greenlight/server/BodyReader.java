package dev.greenlight.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Reads a request body without holding a thread while the client is silent: each chunk is handed to
 * a {@link Sink} as it arrives, and between chunks the reader waits on Jetty's demand callback. A
 * slow client therefore costs a connection, not one of the threads that decide. A watchdog fails the
 * read with 408 when the whole body has not arrived within the timeout, or when after a short grace
 * period it arrives slower than the minimum rate; a body over the limit fails with 413, broken
 * framing (e.g. malformed chunked encoding) with 400.
 *
 * <p>Thread-safe in the way Jetty needs: {@link #run} is called by one thread at a time (the first
 * call and then each demand callback), the watchdog from another; the future completes once.
 */
final class BodyReader implements Runnable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BodyReader.class);
    /** Where the chunks go. Called on one thread at a time, in order. */
    interface Sink {
        /** Consumes the readable bytes of {@code chunk}. */
        void write(ByteBuffer chunk) throws IOException;
    }

    /** How long the first bytes may take before the minimum rate applies. */
    private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final Request request;
    private final Sink sink;
    private final long limit;
    private final long minBytesPerSecond;
    private final long timeoutNanos;
    private final long started = System.nanoTime();
    private final CompletableFuture<Long> done = new CompletableFuture<>();
    private volatile long read;
    private ScheduledFuture<?> watchdog;

    private BodyReader(Request request, Sink sink, long limit, long minBytesPerSecond, long timeoutNanos) {
        this.request = request;
        this.sink = sink;
        this.limit = limit;
        this.minBytesPerSecond = minBytesPerSecond;
        this.timeoutNanos = timeoutNanos;
    }

    /**
     * Starts reading {@code request}'s body into {@code sink}.
     *
     * @return completes with the number of bytes read, or exceptionally with a {@link Reply.Failure}
     *         (400, 408, 413) or the sink's {@link IOException}
     */
    static CompletableFuture<Long> read(Request request, Sink sink, long limit, long minBytesPerSecond,
                                        java.time.Duration timeout, ScheduledExecutorService timers) {
        BodyReader r = new BodyReader(request, sink, limit, minBytesPerSecond, timeout.toNanos());
        long declared = request.getLength();
        if (declared > limit) {
            r.fail(tooLarge(declared + " bytes", limit));
            return r.done;
        }
        r.watchdog = timers.scheduleWithFixedDelay(r::check, 500, 500, TimeUnit.MILLISECONDS);
        r.done.whenComplete((n, e) -> r.watchdog.cancel(false));
        r.run();
        return r.done;
    }

    @Override
    public void run() {
        while (!done.isDone()) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                request.demand(this);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                // a client that goes away mid-body is ordinary: one line at DEBUG, no trace
                LOG.debug("request body not read after {} bytes: {}", read, chunk.getFailure().toString());
                fail(unreadable(chunk.getFailure()));
                return;
            }
            boolean last = chunk.isLast();
            try {
                ByteBuffer bytes = chunk.getByteBuffer();
                long total = read + bytes.remaining();
                if (total > limit) {
                    fail(tooLarge("more than " + limit + " bytes", limit));
                    return;
                }
                read = total;
                sink.write(bytes);
            } catch (IOException | RuntimeException e) {
                done.completeExceptionally(e);
                return;
            } finally {
                chunk.release();
            }
            if (last) {
                done.complete(read);
                return;
            }
        }
    }

    /** The watchdog: the whole body within the timeout, and no slower than the minimum rate after the grace period. */
    private void check() {
        long elapsed = System.nanoTime() - started;
        if (elapsed > timeoutNanos) {
            fail(new Reply.Failure(408, "body-timeout", "The request body took too long",
                    "the body must arrive within " + TimeUnit.NANOSECONDS.toSeconds(timeoutNanos) + " s; " + read + " bytes came"));
        } else if (minBytesPerSecond > 0 && elapsed > GRACE_NANOS && read < minBytesPerSecond * (elapsed / 1e9) - minBytesPerSecond) {
            fail(new Reply.Failure(408, "body-too-slow", "The request body arrives too slowly",
                    "the body must arrive at " + minBytesPerSecond + " bytes a second at least; " + read + " bytes came in "
                            + elapsed / 1_000_000 + " ms"));
        }
    }

    private void fail(Reply.Failure f) {
        // the answer to a failed body closes the connection, which ends what is left of it
        done.completeExceptionally(f);
    }

    private static Reply.Failure unreadable(Throwable cause) {
        if (cause instanceof TimeoutException) {
            return new Reply.Failure(408, "body-timeout", "The request body took too long", "the connection went idle");
        }
        int status = cause instanceof HttpException h && h.getCode() >= 400 && h.getCode() < 500 ? h.getCode() : 400;
        return new Reply.Failure(status, "malformed-body", "The request body could not be read",
                "the body's framing is broken: " + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()));
    }

    private static Reply.Failure tooLarge(String size, long limit) {
        return new Reply.Failure(413, "too-large", "The request is too large",
                "the body is " + size + "; the limit is " + limit + " bytes");
    }
}
