package dev.greenlight.server.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The pages' style sheet and script, read once from the jar and served under
 * {@code /desk/static/}: nothing is fetched from anywhere else, which is what lets the pages' CSP
 * be {@code default-src 'self'}. Only the files named here are served. Immutable.
 */
final class StaticAssets {
    /** One file: its bytes and content type. */
    record Asset(byte[] bytes, String contentType) {
    }

    private final Map<String, Asset> files;

    StaticAssets() {
        this.files = Map.of(
                "desk.css", new Asset(read("desk.css"), "text/css; charset=utf-8"),
                "desk.js", new Asset(read("desk.js"), "text/javascript; charset=utf-8"));
    }

    /** The asset named {@code name}, or null. */
    Asset get(String name) {
        return files.get(name);
    }

    private static byte[] read(String name) {
        try (InputStream in = StaticAssets.class.getResourceAsStream("static/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource static/" + name + " beside " + StaticAssets.class.getName());
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
