package dev.greenlight.server.desk;

import dev.greenlight.desk.accounts.Account;
import dev.greenlight.desk.accounts.Accounts;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;

/**
 * Who calls a desk route: the account whose own API token ({@code Authorization: Bearer …}) the
 * request carries. The server's single token (for integrators deciding submissions) names no
 * person, so a review made with it could not say who reviewed: it is refused with 403, saying a
 * user account is needed. Anything else is 401. Thread-safe.
 */
final class Callers {
    private static final Map<String, String> CHALLENGE = Map.of("WWW-Authenticate", "Bearer realm=\"greenlight-desk\"");

    private final Accounts accounts;
    private final byte[] serviceToken;

    /** {@code serviceToken}: the server's own token, or null when it has none. */
    Callers(Accounts accounts, String serviceToken) {
        this.accounts = accounts;
        this.serviceToken = serviceToken == null ? null : serviceToken.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The account of {@code authorization} (the header's value, maybe null).
     *
     * @throws DeskAnswer.Refusal 401 without a valid user token, 403 for the server's token
     */
    Account resolve(String authorization) {
        String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : null;
        if (token == null || token.isEmpty()) {
            throw refusal(401, "unauthorized", "Unauthorized", "the review desk needs a user's API token "
                    + "(Authorization: Bearer <token>, from greenlight users token NAME)");
        }
        Optional<Account> account = accounts.byToken(token);
        if (account.isPresent()) {
            return account.get();
        }
        if (serviceToken != null && MessageDigest.isEqual(serviceToken, token.getBytes(StandardCharsets.UTF_8))) {
            throw refusal(403, "user-account-needed", "A user account is needed", "a user account is needed: the server's token "
                    + "names no person, and the review desk needs a reviewer's, lead's or auditor's own API token from the users file");
        }
        throw refusal(401, "unauthorized", "Unauthorized", "the bearer token is not a user's API token");
    }

    private static DeskAnswer.Refusal refusal(int status, String kind, String title, String detail) {
        return new DeskAnswer.Refusal(new DeskAnswer(status, Problems.PROBLEM,
                Problems.bytes(Problems.document(status, kind, title, detail)), status == 401 ? CHALLENGE : Map.of()));
    }
}
