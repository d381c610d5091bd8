package dev.greenlight.plugins.c2pa;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A C2PA hashed URI: a {@code self#jumbf=} reference and the hash of what it points to. Immutable.
 *
 * @param url  the reference, e.g. {@code self#jumbf=c2pa.assertions/c2pa.actions}
 * @param alg  its hash algorithm ({@code sha256}...), or {@code null} for the claim's default
 * @param hash the expected hash
 */
record HashedUri(String url, String alg, byte[] hash) {

    /** The hashed URI in {@code node}, or {@code null} when it is not one (no text url or no byte-string hash). */
    static HashedUri of(JsonNode node) {
        if (node == null || !node.path("url").isTextual() || !node.path("hash").isBinary()) {
            return null;
        }
        try {
            String alg = node.path("alg").isTextual() ? node.path("alg").asText() : null;
            return new HashedUri(node.path("url").asText(), alg, node.path("hash").binaryValue());
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** The last path element: an assertion's label, or a manifest's label for {@code /c2pa/<label>}. */
    String lastLabel() {
        String path = path();
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    /** The manifest a {@code /c2pa/<label>...} reference names, or {@code null} for a relative one. */
    String manifestLabel() {
        String path = path();
        if (!path.startsWith("/c2pa/")) {
            return null;
        }
        String rest = path.substring("/c2pa/".length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    private String path() {
        String u = url;
        int at = u.indexOf("#jumbf=");
        return at < 0 ? u : u.substring(at + "#jumbf=".length());
    }
}
