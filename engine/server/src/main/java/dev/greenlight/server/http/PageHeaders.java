package dev.greenlight.server.http;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;

/**
 * The headers every HTML page of the server carries: never cached, never framed, no sniffing, no
 * referrer to other sites (a status page's token is in its URL; a form still gets its Origin), and
 * the page family's own Content-Security-Policy.
 */
public final class PageHeaders {
    private PageHeaders() {
    }

    /** Sets the content type (when not null), the page headers and {@code csp} on {@code h}. */
    public static void apply(HttpFields.Mutable h, String contentType, String csp) {
        if (contentType != null) {
            h.put(HttpHeader.CONTENT_TYPE, contentType);
        }
        h.put(HttpHeader.CACHE_CONTROL, "no-store");
        h.put("Content-Security-Policy", csp);
        h.put("X-Content-Type-Options", "nosniff");
        h.put("X-Frame-Options", "DENY");
        h.put("Referrer-Policy", "same-origin");
    }
}
