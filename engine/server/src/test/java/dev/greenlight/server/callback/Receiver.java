package dev.greenlight.server.callback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A callback receiver for tests, on the JDK's own HTTP server: it refuses (503) the first
 * {@code failFirst} requests, or every request while {@link #refuseAll} is set, and accepts the rest;
 * it keeps every request it saw, with whether its signature was valid.
 */
final class Receiver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as received. */
    record Call(JsonNode body, String idempotencyKey, boolean signatureValid, boolean accepted) {
    }

    final List<Call> calls = new CopyOnWriteArrayList<>();
    private final HttpServer http;
    private final AtomicInteger toFail;
    volatile boolean refuseAll;

    Receiver(byte[] secret, int failFirst) throws IOException {
        this.toFail = new AtomicInteger(failFirst);
        this.http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/hook", x -> {
            byte[] body = x.getRequestBody().readAllBytes();
            boolean valid = CallbackSignature.verify(secret, x.getRequestHeaders().getFirst(CallbackSignature.HEADER), body,
                    System.currentTimeMillis() / 1000, Duration.ofMinutes(5));
            boolean accept = !refuseAll && toFail.getAndDecrement() <= 0 && valid;
            calls.add(new Call(JSON.readTree(body), x.getRequestHeaders().getFirst("Idempotency-Key"), valid, accept));
            x.sendResponseHeaders(accept ? 200 : 503, -1);
            x.close();
        });
        http.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/hook");
    }

    List<Call> accepted() {
        return calls.stream().filter(Call::accepted).toList();
    }

    static void waitFor(java.util.function.BooleanSupplier condition, String what) {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new UncheckedIOException(new IOException(e));
            }
        }
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
