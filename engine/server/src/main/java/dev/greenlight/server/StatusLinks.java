package dev.greenlight.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.server.status.StatusTokens;
import java.net.URI;

/**
 * The status link of a decision as the integrator gets it: the token, and the page's full URL when
 * the server knows its public address ({@code GreenlightServer.Builder.publicUrl}); and how fast one
 * client address may read status pages. Thread-safe.
 */
record StatusLinks(StatusTokens tokens, URI publicUrl, int ratePerAddress) {
    /** Puts {@code statusToken} (and {@code statusUrl}) of {@code decisionId} into {@code out}. */
    void link(String decisionId, ObjectNode out) {
        String token = tokens.issue(decisionId);
        out.put("statusToken", token);
        if (publicUrl != null) {
            out.put("statusUrl", url(token));
        }
    }

    /** The page's URL, or its path when no public address is known. */
    String url(String token) {
        String path = "status/" + token;
        return publicUrl == null ? "/" + path : publicUrl.resolve(path).toString();
    }
}
