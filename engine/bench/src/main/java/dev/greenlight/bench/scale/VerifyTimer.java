package dev.greenlight.bench.scale;

import dev.greenlight.audit.AuditVerifier;
import dev.greenlight.audit.VerifyResult;
import java.nio.file.Path;

/**
 * Times a full verification of a log ({@link AuditVerifier#verify(Path)}: every record's hash, the
 * chain, checkpoints, the checkpoint file), to compare with
 * {@code engine/bench/scripts/verify_chain.py} on the same log.
 *
 * <pre>java -XX:+UseSerialGC -cp "$CP" dev.greenlight.bench.scale.VerifyTimer /tmp/big/audit.jsonl</pre>
 */
public final class VerifyTimer {
    private VerifyTimer() {
    }

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        VerifyResult r = AuditVerifier.verify(Path.of(args[0]));
        System.out.printf("verify: %s, %,d records, %.0f ms%n", r.intact() ? "intact" : "NOT intact", r.lastSeq(),
                (System.nanoTime() - t0) / 1e6);
    }
}
