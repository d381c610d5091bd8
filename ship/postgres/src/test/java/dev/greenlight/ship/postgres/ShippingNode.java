package dev.greenlight.ship.postgres;

import dev.greenlight.audit.AuditConfig;
import dev.greenlight.audit.AuditLog;
import dev.greenlight.audit.AuditShipper;
import dev.greenlight.audit.Durability;
import dev.greenlight.testkit.HandMadeDecisions;
import java.nio.file.Path;

/**
 * A node in a child JVM, for the kill -9 test: records decisions in batches (GROUP durability) and
 * ships its log to PostgreSQL, printing "shipped N" as batches land. Arguments: log, JDBC URL,
 * prefix, first index, how many (0: until killed).
 */
public final class ShippingNode {
    private ShippingNode() {
    }

    public static void main(String[] args) throws Exception {
        Path base = Path.of(args[0]);
        PgSettings db = new PgSettings(args[1], "postgres", null);
        String prefix = args[2];
        int from = Integer.parseInt(args[3]);
        int n = Integer.parseInt(args[4]);
        try (AuditLog log = AuditLog.open(AuditConfig.builder(base).durability(Durability.GROUP).build());
             AuditShipper shipper = AuditShipper.start(base, new PgShipTarget(db, "node-k"), 50)) {
            for (int i = from; n == 0 || i < from + n; i += 25) {
                HandMadeDecisions.appendBatched(log, prefix, i, n == 0 ? 25 : Math.min(25, from + n - i), 25);
                System.out.println("shipped " + shipper.lastShippedSeq());
                System.out.flush();
            }
            log.close();
            if (!shipper.awaitCaughtUp(30_000)) {
                throw new IllegalStateException("the shipper did not catch up");
            }
        }
        System.out.println("done");
    }
}
