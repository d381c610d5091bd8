package dev.greenlight.audit;

import dev.greenlight.engine.Greenlight;
import dev.greenlight.model.Decision;
import dev.greenlight.testing.Submissions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The child JVM of the kill loop (L1): decides submissions on several threads with group commit and
 * prints {@code ack THREAD DECISION-ID} for each decision once {@code decide} has returned it, until
 * it is killed. Arguments: log file, rules directory, signing key file, threads.
 */
public final class KillLoopChild {
    private KillLoopChild() {
    }

    public static void main(String[] args) throws Exception {
        Path log = Path.of(args[0]);
        Path rules = Path.of(args[1]);
        Path key = Path.of(args[2]);
        int threads = Integer.parseInt(args[3]);
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, "UTF-8");
        AuditConfig config = AuditConfig.builder(log).durability(Durability.GROUP).segmentBytes(64 * 1024)
                .checkpointEvery(100, Duration.ofMillis(200)).signingKey(key).build();
        Greenlight engine = Greenlight.builder().rulesDirectory(rules).auditLog(config).build();
        synchronized (out) {
            out.println("ready");
            out.flush();
        }
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread worker = new Thread(() -> {
                for (int i = 0; ; i++) {
                    Decision d = engine.decide(Submissions.base("s-" + thread + "-" + i).build());
                    synchronized (out) {
                        out.println("ack " + thread + " " + d.decisionId());
                        out.flush();
                    }
                }
            });
            worker.start();
        }
        Thread.sleep(Long.MAX_VALUE);
    }
}
