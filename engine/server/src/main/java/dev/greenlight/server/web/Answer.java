package dev.greenlight.server.web;

import dev.greenlight.server.http.PageHeaders;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * One answer of the reviewer pages: status, body, extra headers, sent with the headers every page
 * carries. The Content-Security-Policy allows this server's own style sheet, script and media only
 * (no inline script or style, no framing, forms posted here only); pages are never cached.
 */
record Answer(int status, String contentType, byte[] body, Map<String, String> headers) {
    static final String HTML = "text/html; charset=utf-8";
    static final String CSP = "default-src 'self'; img-src 'self'; media-src 'self'; object-src 'none'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    static Answer html(int status, byte[] body) {
        return new Answer(status, HTML, body, Map.of());
    }

    /** 303 See Other to {@code location} (after a POST, so reloading the page never repeats it). */
    static Answer redirect(String location) {
        return new Answer(303, null, new byte[0], Map.of("Location", location));
    }

    static Answer empty(int status) {
        return new Answer(status, null, new byte[0], Map.of());
    }

    static Answer text(int status, String text) {
        return new Answer(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** This answer with one more header. */
    Answer with(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new Answer(status, contentType, body, h);
    }

    void send(Response response, Callback callback) {
        response.setStatus(status);
        var h = response.getHeaders();
        PageHeaders.apply(h, contentType, CSP);
        headers.forEach(h::add);
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
