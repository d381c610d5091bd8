package dev.greenlight.server.desk;

import java.util.Map;
import java.util.Objects;

/**
 * One HTTP answer of a desk route: status, content type, body and extra headers; the server writes
 * it as it is. A {@code 204} has an empty body.
 *
 * @param status      the HTTP status
 * @param contentType {@code application/json} or {@code application/problem+json}
 * @param body        the bytes to send
 * @param headers     extra headers (e.g. {@code Allow}, {@code WWW-Authenticate})
 */
public record DeskAnswer(int status, String contentType, byte[] body, Map<String, String> headers) {
    /** Checks the members and copies the headers. */
    public DeskAnswer {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        headers = Map.copyOf(headers);
    }

    /**
     * A route's refusal, thrown before the route has anything to answer with (bad credentials):
     * carries the problem answer to send.
     */
    public static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient DeskAnswer answer;

        Refusal(DeskAnswer answer) {
            super(null, null, false, false);
            this.answer = answer;
        }

        /** The problem answer to send instead. */
        public DeskAnswer answer() {
            return answer;
        }
    }
}
