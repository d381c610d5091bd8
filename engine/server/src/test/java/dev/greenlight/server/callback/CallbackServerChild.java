package dev.greenlight.server.callback;

import dev.greenlight.engine.Greenlight;
import dev.greenlight.server.GreenlightServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A server with callbacks in a JVM of its own, for {@link CallbackKillTest}: args are the rules
 * directory, the audit log and the receiver's URL; prints {@code PORT n} once serving, then runs
 * until killed.
 */
public final class CallbackServerChild {
    private CallbackServerChild() {
    }

    public static void main(String[] args) throws Exception {
        Greenlight engine = Greenlight.builder().rulesDirectory(Path.of(args[0])).auditLog(Path.of(args[1])).build();
        CallbackConfig config = CallbackConfig.builder(URI.create(args[2]), CallbackDeliveryTest.SECRET)
                .retry(Duration.ofMillis(20), Duration.ofMillis(100)).build();
        GreenlightServer server = GreenlightServer.builder(engine).port(0).callbacks(config).build().start();
        System.out.println("PORT " + server.port());
        System.out.flush();
        server.join();
    }

}
