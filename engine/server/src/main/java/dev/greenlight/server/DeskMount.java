package dev.greenlight.server;

import dev.greenlight.desk.ReviewDesk;
import dev.greenlight.desk.accounts.Account;
import dev.greenlight.desk.accounts.Accounts;
import dev.greenlight.server.desk.DeskAnswer;
import dev.greenlight.server.desk.DeskMeters;
import dev.greenlight.server.desk.DeskRoutes;
import io.micrometer.core.instrument.MeterRegistry;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The review desk as {@link GreenlightServer} mounts it: its JSON routes ({@link DeskRoutes}) with
 * their answers turned into {@link Reply}s, its meters in the server's registry, and the desk
 * closed before the engine it listens to. Kept apart so the server itself only asks "is this a
 * desk path?" and hands the request over.
 */
final class DeskMount {
    private static final Logger LOG = LoggerFactory.getLogger(DeskMount.class);

    private final ReviewDesk desk;
    private final DeskRoutes routes;

    private DeskMount(ReviewDesk desk, DeskRoutes routes) {
        this.desk = desk;
        this.routes = routes;
    }

    /** The mount of {@code desk}, or null when there is no desk. */
    static DeskMount of(ReviewDesk desk, Accounts accounts, String serverToken, MeterRegistry registry) {
        if (desk == null) {
            return null;
        }
        return new DeskMount(desk, new DeskRoutes(desk, accounts, serverToken,
                DeskMeters.bind(desk, registry, accounts.entries().stream().map(e -> e.account().name()).toList())));
    }

    /** True when {@code path} is one of the desk's. */
    boolean handles(String path) {
        return DeskRoutes.handles(path);
    }

    /** The caller's account, from the request's headers alone. @throws Reply.Failure 401 or 403 */
    Account caller(Request request) {
        try {
            return routes.caller(request.getHeaders().get(HttpHeader.AUTHORIZATION));
        } catch (DeskAnswer.Refusal r) {
            throw new Reply.Failure(reply(r.answer()));
        }
    }

    /** Answers one desk request (on a worker thread: a decision writes to the audit log). */
    Reply handle(Account who, String method, String path, String query, byte[] body) {
        return reply(routes.handle(who, method, path, query, body));
    }

    /** Closes the desk (it stops following the engine's decisions); never throws. */
    void close() {
        try {
            desk.close();
        } catch (Exception e) {
            LOG.warn("closing the review desk: {}", e.toString());
        }
    }

    private static Reply reply(DeskAnswer a) {
        return new Reply(a.status(), a.contentType(), a.body(), a.headers());
    }
}
