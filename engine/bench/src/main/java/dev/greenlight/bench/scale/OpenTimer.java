package dev.greenlight.bench.scale;

import dev.greenlight.audit.AuditConfig;
import dev.greenlight.audit.AuditLog;
import dev.greenlight.audit.AuditReader;
import dev.greenlight.audit.AuditRecord;
import dev.greenlight.audit.Durability;
import java.nio.file.Path;
import java.util.List;

/**
 * Times, in this (fresh) JVM, opening a log for writing (recovery included) and closing it, then
 * finding one decision's records ({@link AuditReader#find}). Run it in a new JVM each time: the
 * first open is the one a restart pays.
 *
 * <pre>java -cp "$CP" dev.greenlight.bench.scale.OpenTimer --log /tmp/big/audit.jsonl --decision d-00500000</pre>
 */
public final class OpenTimer {
    private OpenTimer() {
    }

    public static void main(String[] args) throws Exception {
        Path log = Path.of(args[1]);
        String decision = args.length > 3 ? args[3] : null;
        long t0 = System.nanoTime();
        AuditLog l = AuditLog.open(AuditConfig.builder(log).durability(Durability.GROUP).build());
        long t1 = System.nanoTime();
        long read = l.recovery().recordsRead();
        long lastSeq = l.recovery().lastSeq();
        l.close();
        long tc = System.nanoTime();
        System.out.printf("open for writing: %.0f ms (%,d records, %,d read on open); close: %.0f ms%n", (t1 - t0) / 1e6,
                lastSeq, read, (tc - t1) / 1e6);
        if (decision != null) {
            long t2 = System.nanoTime();
            List<AuditRecord> found = AuditReader.find(log, decision);
            long t3 = System.nanoTime();
            System.out.printf("find %s: %d records in %.1f ms%n", decision, found.size(), (t3 - t2) / 1e6);
        }
    }
}
