package dev.greenlight.bench.load;

import dev.greenlight.engine.Greenlight;
import dev.greenlight.engine.GreenlightBuilder;
import dev.greenlight.json.BatchItem;
import dev.greenlight.json.SubmissionReader;
import dev.greenlight.model.Submission;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A load generator for {@code greenlight serve}, run as its own process on loopback: each of
 * {@code --connections} threads keeps one HTTP/1.1 keep-alive connection and sends requests back to
 * back (a closed loop), single submissions or batches of {@code --batch}; prints requests and
 * decisions a second, and latency percentiles. With {@code --in-process} it decides the same
 * submissions on the same number of threads with an engine in this process instead (no HTTP), for
 * comparison ({@code --audit FILE}, {@code --plugins DIR}, {@code --rules DIR} as the server has them; the
 * rules default to the shipped pack's sources, {@code rules/policies}). A hand-written client rather than {@code java.net.http}: it costs little CPU, which
 * matters when client and server share two cores.
 *
 * <p>A program, not a library: {@link #main} starts the threads it needs and prints to standard
 * output; a bad option is an {@link IllegalArgumentException}.
 *
 * <pre>
 * java -cp 'engine/bench/target/greenlight-bench.jar:engine/bench/target/lib/*' dev.greenlight.bench.load.LoadClient \
 *     --url http://127.0.0.1:8080 --corpus cli/src/test/resources/corpus/submissions-2k.jsonl \
 *     --connections 8 --requests 20000 --batch 1
 * </pre>
 */
public final class LoadClient {
    private LoadClient() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        Path corpus = Path.of(o.getOrDefault("corpus", "cli/src/test/resources/corpus/submissions-2k.jsonl"));
        int connections = Integer.parseInt(o.getOrDefault("connections", "8"));
        int requests = Integer.parseInt(o.getOrDefault("requests", "10000"));
        int warmup = Integer.parseInt(o.getOrDefault("warmup", Integer.toString(Math.max(1, requests / 5))));
        int batch = Integer.parseInt(o.getOrDefault("batch", "1"));
        List<String> lines = Files.readAllLines(corpus, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        if (o.containsKey("in-process")) {
            inProcess(lines, connections, requests, warmup, batch, o.get("audit"), o.get("plugins"),
                    Path.of(o.getOrDefault("rules", "rules/policies")));
            return;
        }
        URI url = URI.create(o.getOrDefault("url", "http://127.0.0.1:8080"));
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < lines.size(); i += batch) {
            String body = batch == 1 ? lines.get(i) : "[" + String.join(",", lines.subList(i, Math.min(lines.size(), i + batch))) + "]";
            if (batch == 1 || i + batch <= lines.size()) {
                bodies.add(request(url, body.getBytes(StandardCharsets.UTF_8), o.get("token")));
            }
        }
        run("warm-up", url, bodies, connections, warmup, batch);
        run("measured", url, bodies, connections, requests, batch);
    }

    private static byte[] request(URI url, byte[] body, String token) {
        String head = "POST /v1/decisions HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n"
                + (token == null ? "" : "Authorization: Bearer " + token + "\r\n") + "\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(h, h.length + body.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    private static void run(String label, URI url, List<byte[]> bodies, int connections, int requests, int batch)
            throws InterruptedException {
        long[] latencies = new long[requests];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicLong firstError = new AtomicLong();
        Map<Integer, AtomicInteger> statuses = new java.util.concurrent.ConcurrentHashMap<>();
        CountDownLatch done = new CountDownLatch(connections);
        long t0 = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            new Thread(() -> {
                try (Socket s = new Socket()) {
                    s.setTcpNoDelay(true);
                    s.connect(new InetSocketAddress(url.getHost(), url.getPort()), 5_000);
                    s.setSoTimeout(60_000);
                    OutputStream out = s.getOutputStream();
                    InputStream in = new BufferedInputStream(s.getInputStream(), 64 * 1024);
                    int i;
                    while ((i = next.getAndIncrement()) < requests) {
                        long r0 = System.nanoTime();
                        out.write(bodies.get(i % bodies.size()));
                        out.flush();
                        int status = readResponse(in);
                        latencies[i] = System.nanoTime() - r0;
                        statuses.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
                        if (status != 200) {
                            errors.incrementAndGet();
                        }
                    }
                } catch (IOException e) {
                    errors.incrementAndGet();
                    firstError.compareAndSet(0, 1);
                    System.err.println("connection failed: " + e);
                } finally {
                    done.countDown();
                }
            }, "load-" + c).start();
        }
        done.await();
        report(label + " HTTP " + (batch == 1 ? "single" : "batch of " + batch), requests, batch, latencies,
                System.nanoTime() - t0, connections);
        System.out.println("  statuses " + statuses + (errors.get() > 0 ? "  ERRORS " + errors.get() : ""));
    }

    /** Reads one response; returns its status. Understands Content-Length and chunked bodies. */
    private static int readResponse(InputStream in) throws IOException {
        String status = line(in);
        if (status == null) {
            throw new IOException("connection closed by the server");
        }
        int code = Integer.parseInt(status.split(" ")[1]);
        long length = -1;
        boolean chunked = false;
        String h;
        while (!(h = line(in)).isEmpty()) {
            String lower = h.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(h.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        if (chunked) {
            long size;
            while ((size = Long.parseLong(line(in).trim(), 16)) > 0) {
                in.skipNBytes(size);
                line(in);
            }
            line(in);
        } else if (length > 0) {
            in.skipNBytes(length);
        }
        return code;
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(64);
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                break;
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return c < 0 && b.size() == 0 ? null : b.toString(StandardCharsets.US_ASCII);
    }

    private static void inProcess(List<String> lines, int threads, int requests, int warmup, int batch, String audit,
                                  String plugins, Path rules) throws Exception {
        SubmissionReader reader = new SubmissionReader();
        List<Submission> subs = new ArrayList<>();
        reader.readBatch(new java.io.ByteArrayInputStream(String.join("\n", lines).getBytes(StandardCharsets.UTF_8)),
                "corpus", item -> {
                    if (item instanceof BatchItem.Valid v) {
                        subs.add(v.submission());
                    }
                });
        GreenlightBuilder b = Greenlight.builder().rulesDirectory(rules);
        if (audit != null) {
            b.auditLog(Path.of(audit));
        }
        if (plugins != null) {
            b.plugins(Path.of(plugins));
        }
        try (Greenlight engine = b.build()) {
            for (String label : new String[] {"warm-up", "measured"}) {
                int n = label.equals("warm-up") ? warmup : requests;
                long[] latencies = new long[n];
                AtomicInteger next = new AtomicInteger();
                CountDownLatch done = new CountDownLatch(threads);
                long t0 = System.nanoTime();
                for (int t = 0; t < threads; t++) {
                    new Thread(() -> {
                        int i;
                        while ((i = next.getAndIncrement()) < n) {
                            long r0 = System.nanoTime();
                            for (int k = 0; k < batch; k++) {
                                engine.decide(subs.get((i * batch + k) % subs.size()));
                            }
                            latencies[i] = System.nanoTime() - r0;
                        }
                        done.countDown();
                    }).start();
                }
                done.await();
                report(label + " in-process " + (batch == 1 ? "single" : "batch of " + batch + " (sequential)"), n, batch,
                        latencies, System.nanoTime() - t0, threads);
            }
        }
    }

    private static void report(String label, int n, int batch, long[] latencies, long nanos, int connections) {
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        double seconds = nanos / 1e9;
        System.out.printf(Locale.ROOT, "%s, %d connections: %d requests in %.2f s: %.0f requests/s, %.0f decisions/s;"
                        + " latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                label, connections, n, seconds, n / seconds, (double) n * batch / seconds, pct(sorted, 0.50),
                pct(sorted, 0.90), pct(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
    }

    private static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String name = args[i].substring(2);
            if (name.equals("in-process")) {
                o.put(name, "true");
            } else {
                o.put(name, args[++i]);
            }
        }
        return o;
    }
}
