package dev.greenlight.server.desk;

import dev.greenlight.desk.DeskConfig;
import dev.greenlight.desk.ReviewDesk;
import dev.greenlight.desk.accounts.Accounts;
import dev.greenlight.engine.Greenlight;
import dev.greenlight.server.GreenlightServer;
import java.nio.file.Path;

/**
 * A server with the review desk, in a JVM of its own, for {@link KillDuringReviewTest} to kill:
 * {@code rulesDir auditLog usersFile seed}. Decides {@code seed} escalated submissions first (0 on a
 * restart), then prints {@code ready <port>} and serves until killed.
 */
public final class DeskServerChild {
    private DeskServerChild() {
    }

    public static void main(String[] args) throws Exception {
        Path rules = Path.of(args[0]);
        Path audit = Path.of(args[1]);
        Accounts accounts = Accounts.load(Path.of(args[2]));
        int seed = Integer.parseInt(args[3]);
        var registry = GreenlightServer.newRegistry();
        Greenlight engine = Greenlight.builder().rulesDirectory(rules).auditLog(audit).meterRegistry(registry).build();
        ReviewDesk desk = ReviewDesk.open(engine, DeskConfig.defaults());
        if (seed > 0) {
            engine.decideAll(DeskFixture.submissions(1, seed, 10), null);
        }
        GreenlightServer server = GreenlightServer.builder(engine).port(0).ratePerSecond(0)
                .token(DeskFixture.SERVICE_TOKEN).desk(desk).accounts(accounts).meterRegistry(registry).build().start();
        System.out.println("ready " + server.port());
        System.out.flush();
        server.join();
    }
}
