package dev.greenlight.server.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * The two checks every POST from a page passes before anything happens: the request comes from
 * this server's own pages ({@code Origin}, else {@code Sec-Fetch-Site}, when the browser sends
 * them), and it carries the session's CSRF token (compared in constant time). Either failing is
 * 403 and nothing is done. Stateless.
 */
final class FormGuard {
    /** The name of the hidden form field, and of the header the renewal script sends. */
    static final String FIELD = "csrf";
    static final String HEADER = "X-CSRF-Token";

    private FormGuard() {
    }

    /** True when {@code given} is the session's token. */
    static boolean tokenMatches(Sessions.Session session, String given) {
        if (given == null || given.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(session.csrf.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Null when the request may come from this server's pages; else why not. A browser names the
     * page's origin in {@code Origin} on every POST; it must be this server's scheme, host and port.
     * Without it, {@code Sec-Fetch-Site} must say {@code same-origin} when present. A client that
     * sends neither is no browser, and still needs the token.
     */
    static String originProblem(Request request) {
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (origin != null) {
            String own = request.getHttpURI().getScheme() + "://" + request.getHttpURI().getAuthority();
            return origin.toLowerCase(Locale.ROOT).equals(own.toLowerCase(Locale.ROOT)) ? null
                    : "the form was sent from another site (" + origin + ")";
        }
        String site = request.getHeaders().get("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            return "the form was sent from another site (Sec-Fetch-Site: " + site + ")";
        }
        return null;
    }
}
